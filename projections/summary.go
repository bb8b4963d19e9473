package projections

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Summary is the read model behind the portfolio summary (internal/portfolio): history tables
// that keep every version of each project, milestone, indicator, funding application and PPP
// ledger year with the interval of recorded time it was valid in, so that the summary answers
// both "now" (the current rows) and "as of any past date" (the rows valid then) from indexes.
// It is one projector, so that a rebuild reads the event history once for all of its tables.
type Summary struct{}

// Name implements Projector.
func (Summary) Name() string { return "summary.v1" }

// Tables implements Projector.
func (Summary) Tables() []string {
	return []string{"summary_projects", "summary_now", "summary_region_days", "summary_region_waits", "summary_region_log", "summary_applications",
		"summary_ppp_budgets", "summary_ppp_obligations", "summary_ppp_rules"}
}

// Finish implements Finisher: the region aggregates' changes, logged by triggers as the
// summary's rows change, are folded in once per transaction (migration 00007).
func (Summary) Finish(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `SELECT summary_region_fold()`)
	return err
}

// Handles implements Projector.
func (Summary) Handles(streamType, eventType string) bool {
	switch streamType {
	case domain.ProjectStreamType:
		return summaryProjectEvents[eventType]
	case domain.ApplicationStreamType:
		return true
	case domain.PPPLedgerStreamType:
		return summaryLedgerEvents[eventType]
	}
	return false
}

// Apply implements Projector.
func (Summary) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	switch rec.StreamType {
	case domain.ProjectStreamType:
		return applySummaryProject(ctx, tx, rec, ev)
	case domain.ApplicationStreamType:
		return applySummaryApplication(ctx, tx, rec, ev)
	case domain.PPPLedgerStreamType:
		return applySummaryLedger(ctx, tx, rec, ev)
	}
	return nil
}

// history is one history table: its key columns and every column in order.
type history struct {
	table string
	key   []string
	cols  []string
}

// assign is one column of a new version: the column and its SQL expression, which may name the
// previous version's columns (e.g. "spent + $3") and the arguments from $3 on.
type assign struct {
	col, expr string
}

// next makes the next version of one row of h, keyed by key, shaped by rec: the current version
// is closed at rec.RecordedAt and a copy with the assignments applied becomes current, all in one
// statement. A current version recorded at the same instant or later (the same command's earlier
// event) is changed in place instead, so no empty interval is left: the copy takes its
// valid_from and replaces it (ON CONFLICT on the key and valid_from). $1 is the instant, $2 the
// stream version, $3… the args, then the key values. It returns whether a current version existed.
//
// It is an INSERT that changes one row whenever the row exists, so catch-up and rebuild can
// pipeline it (pipeTx); they plan it for its arguments on every call (plan_cache_mode =
// force_custom_plan, see planFresh), as a rebuild starts from truncated tables and a generic plan
// cached while a table was tiny would scan it whole for every event once it has grown.
func (h history) next(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, key []any, set []assign, args ...any) (bool, error) {
	n := 3 + len(args)
	where := make([]string, len(h.key))
	for i, k := range h.key {
		where[i] = fmt.Sprintf("%s = $%d", k, n+i)
	}
	cond := strings.Join(where, " AND ") + " AND valid_to IS NULL"
	exprs := map[string]string{"seq": "$2"}
	for _, a := range set {
		exprs[a.col] = a.expr
	}
	sel := make([]string, len(h.cols))
	var update []string
	for i, c := range h.cols {
		switch e, ok := exprs[c]; {
		case c == "valid_from":
			sel[i] = "greatest($1::timestamptz, valid_from)"
		case c == "valid_to":
			sel[i] = "NULL::timestamptz"
		case ok:
			sel[i] = e
		default:
			sel[i] = c
		}
		if c != "valid_from" && !slices.Contains(h.key, c) {
			update = append(update, c+" = excluded."+c)
		}
	}
	q := `WITH cur AS (SELECT * FROM ` + h.table + ` WHERE ` + cond + `),
		closed AS (UPDATE ` + h.table + ` SET valid_to = $1 WHERE ` + cond + ` AND valid_from < $1)
		INSERT INTO ` + h.table + ` (` + strings.Join(h.cols, ", ") + `) SELECT ` + strings.Join(sel, ", ") + ` FROM cur
		ON CONFLICT (` + strings.Join(h.key, ", ") + `, valid_from) DO UPDATE SET ` + strings.Join(update, ", ")
	tag, err := tx.Exec(ctx, q, append(append([]any{rec.RecordedAt, rec.Version}, args...), key...)...)
	if err != nil {
		return false, fmt.Errorf("next version in %s: %w", h.table, err)
	}
	if changed := tag.RowsAffected(); changed > 1 {
		return false, fmt.Errorf("%s holds %d current versions of %v", h.table, changed, key)
	}
	return tag.RowsAffected() == 1, nil
}

// must is next for a row that has to exist.
func (h history) must(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, key []any, set []assign, args ...any) error {
	ok, err := h.next(ctx, tx, rec, key, set, args...)
	if err == nil && !ok {
		err = fmt.Errorf("%s has no current version of %v", h.table, key)
	}
	return err
}

func assigns(pairs ...string) []assign {
	out := make([]assign, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, assign{pairs[i], pairs[i+1]})
	}
	return out
}
