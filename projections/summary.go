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
	return []string{"summary_projects", "summary_applications",
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
// is closed at rec.RecordedAt and a copy with the assignments applied becomes current. A current
// version recorded at the same instant or later (the same command's earlier event) is changed in
// place instead (the copy's key conflicts with it), so no empty interval is left. In the second
// statement $1 is the instant, $2 the stream version, $3… the args, then the key values. It
// returns whether a current version existed.
//
// Both statements change one row whenever a current version exists, so that catch-up and rebuild
// send them pipelined with the other read models' statements (see pipeTx) instead of waiting for
// each event's answer.
func (h history) next(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, key []any, set []assign, args ...any) (bool, error) {
	match := func(n int) string {
		where := make([]string, len(h.key))
		for i, k := range h.key {
			where[i] = fmt.Sprintf("%s = $%d", k, n+i)
		}
		return strings.Join(where, " AND ")
	}
	// Close the current version, or leave it open to be changed in place.
	tag, err := tx.Exec(ctx, `UPDATE `+h.table+` SET valid_to = CASE WHEN valid_from < $1 THEN $1::timestamptz END
		WHERE `+match(2)+` AND valid_to IS NULL`, append([]any{rec.RecordedAt}, key...)...)
	if err != nil {
		return false, fmt.Errorf("close version in %s: %w", h.table, err)
	}
	switch tag.RowsAffected() {
	case 0:
		return false, nil
	case 1:
	default:
		return false, fmt.Errorf("%s holds %d current versions of %v", h.table, tag.RowsAffected(), key)
	}
	exprs := map[string]string{"seq": "$2"}
	for _, a := range set {
		exprs[a.col] = a.expr
	}
	sel := make([]string, len(h.cols))
	var sets []string
	for i, c := range h.cols {
		switch e, ok := exprs[c]; {
		case c == "valid_from":
			sel[i] = "greatest(valid_from, $1::timestamptz)"
		case c == "valid_to":
			sel[i] = "NULL::timestamptz"
		case ok:
			sel[i] = e
			sets = append(sets, c+" = EXCLUDED."+c)
		default:
			sel[i] = c
		}
	}
	// The version just closed (valid_to = $1) or left open, whichever is the latest.
	_, err = tx.Exec(ctx, `INSERT INTO `+h.table+` (`+strings.Join(h.cols, ", ")+`)
		SELECT `+strings.Join(sel, ", ")+` FROM `+h.table+`
		WHERE `+match(3+len(args))+` AND (valid_to IS NULL OR valid_to = $1) ORDER BY valid_from DESC LIMIT 1
		ON CONFLICT (`+strings.Join(h.key, ", ")+`, valid_from) DO UPDATE SET `+strings.Join(sets, ", "),
		append(append([]any{rec.RecordedAt, rec.Version}, args...), key...)...)
	if err != nil {
		return false, fmt.Errorf("next version in %s: %w", h.table, err)
	}
	return true, nil
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
