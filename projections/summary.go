package projections

import (
	"context"
	"fmt"
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
	return []string{"summary_projects", "summary_now", "summary_applications",
		"summary_ppp_budgets", "summary_ppp_obligations", "summary_ppp_rules"}
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
// event) is changed in place instead, so no empty interval is left. $1 is the instant, $2 the
// stream version, $3… the args, then the key values. It returns whether a current version existed.
func (h history) next(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, key []any, set []assign, args ...any) (bool, error) {
	n := 3 + len(args)
	where := make([]string, len(h.key))
	for i, k := range h.key {
		where[i] = fmt.Sprintf("%s = $%d", k, n+i)
	}
	cond := strings.Join(where, " AND ") + " AND valid_to IS NULL"
	exprs := map[string]string{"seq": "$2"}
	sets := []string{"seq = $2"}
	for _, a := range set {
		exprs[a.col] = a.expr
		sets = append(sets, a.col+" = "+a.expr)
	}
	sel := make([]string, len(h.cols))
	for i, c := range h.cols {
		switch e, ok := exprs[c]; {
		case c == "valid_from":
			sel[i] = "$1::timestamptz"
		case c == "valid_to":
			sel[i] = "NULL::timestamptz"
		case ok:
			sel[i] = e
		default:
			sel[i] = c
		}
	}
	q := `WITH cur AS (SELECT * FROM ` + h.table + ` WHERE ` + cond + `),
		closed AS (UPDATE ` + h.table + ` SET valid_to = $1 WHERE ` + cond + ` AND valid_from < $1 RETURNING 1),
		same AS (UPDATE ` + h.table + ` SET ` + strings.Join(sets, ", ") + ` WHERE ` + cond + ` AND valid_from >= $1 RETURNING 1),
		ins AS (INSERT INTO ` + h.table + ` (` + strings.Join(h.cols, ", ") + `) SELECT ` + strings.Join(sel, ", ") + ` FROM cur WHERE valid_from < $1 RETURNING 1)
		SELECT (SELECT count(*) FROM same) + (SELECT count(*) FROM ins)`
	// Planned for these arguments on every call (an unnamed statement), never a cached generic
	// plan: a rebuild starts from truncated tables, and a plan cached while a table was tiny would
	// scan it whole for every event once it has grown.
	all := append(append([]any{pgx.QueryExecModeExec, rec.RecordedAt, rec.Version}, args...), key...)
	var changed int
	if err := tx.QueryRow(ctx, q, all...).Scan(&changed); err != nil {
		return false, fmt.Errorf("next version in %s: %w", h.table, err)
	}
	if changed > 1 {
		return false, fmt.Errorf("%s holds %d current versions of %v", h.table, changed, key)
	}
	return changed == 1, nil
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
