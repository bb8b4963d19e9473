package projections_test

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/projections"
)

// tallies is a projector whose statements do not all change one row: an INSERT ... ON CONFLICT
// DO NOTHING (one row the first time, none after), an UPDATE that may match nothing and a
// DELETE. Catch-up and rebuild pipeline statements assuming one row each; these must still give
// exactly what one statement at a time gives.
type tallies struct{}

func (tallies) Name() string              { return "tallies.test" }
func (tallies) Tables() []string          { return []string{"tally_view"} }
func (tallies) Handles(st, _ string) bool { return st == domain.ProjectStreamType }
func (tallies) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, _ domain.Event) error {
	if _, err := tx.Exec(ctx, `INSERT INTO tally_view (stream_id) VALUES ($1) ON CONFLICT DO NOTHING`, rec.StreamID); err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `UPDATE tally_view SET events = events + 1, misses = misses + $2 WHERE stream_id = $1`, rec.StreamID, 0)
	if err != nil {
		return err
	}
	// Tolerated: nothing to update unless the stream is at an even version with a mark.
	marked, err := tx.Exec(ctx, `UPDATE tally_view SET marks = marks + 1 WHERE stream_id = $1 AND marks > 0 AND $2::int % 2 = 0`, rec.StreamID, rec.Version)
	if err != nil {
		return err
	}
	if marked.RowsAffected() == 0 {
		if _, err := tx.Exec(ctx, `UPDATE tally_view SET misses = misses + 1, marks = CASE WHEN $2::int = 3 THEN 1 ELSE marks END WHERE stream_id = $1`, rec.StreamID, rec.Version); err != nil {
			return err
		}
	}
	if rec.Version == 5 {
		if _, err := tx.Exec(ctx, `DELETE FROM tally_view WHERE stream_id = $1 AND events > 100`, rec.StreamID); err != nil {
			return err
		}
	}
	if tag.RowsAffected() != 1 {
		return pgx.ErrNoRows
	}
	return nil
}

func TestPipelinedCatchUpAndRebuildEqualOneStatementAtATime(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, false)
	if _, err := e.db.Pool.Exec(ctx, `CREATE TABLE tally_view (stream_id TEXT PRIMARY KEY, events INT NOT NULL DEFAULT 0,
		misses INT NOT NULL DEFAULT 0, marks INT NOT NULL DEFAULT 0)`); err != nil {
		t.Fatal(err)
	}
	workload(t, e.svc, 4, "TALLY")

	// Live: the same history in another database, written while the runner follows it, so that
	// it applies it in small batches as it is committed.
	liveDB := newEnv(t, false)
	if _, err := liveDB.db.Pool.Exec(ctx, `CREATE TABLE tally_view (stream_id TEXT PRIMARY KEY, events INT NOT NULL DEFAULT 0,
		misses INT NOT NULL DEFAULT 0, marks INT NOT NULL DEFAULT 0)`); err != nil {
		t.Fatal(err)
	}
	live := projections.NewRunner(liveDB.db.Pool, nil, slog.New(slog.DiscardHandler), projections.Config{PollInterval: 10 * time.Millisecond}, tallies{})
	if err := live.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	waitFor(t, live, workload(t, liveDB.svc, 4, "TALLY"))
	want := tallyRows(t, liveDB)
	if len(want) != 4 {
		t.Fatalf("live tallies: %v", want)
	}

	// Catch-up over the same history in large pipelined batches.
	runner := projections.NewRunner(e.db.Pool, nil, nil, projections.Config{}, tallies{})
	n, err := runner.CatchUp(ctx)
	if err != nil || n == 0 {
		t.Fatalf("catch up: %d events, %v", n, err)
	}
	if got := tallyRows(t, e); !equalTallies(got, want) {
		t.Fatalf("catch-up gave %v, live gave %v", got, want)
	}
	if _, err := runner.RebuildAll(ctx); err != nil {
		t.Fatal(err)
	}
	if got := tallyRows(t, e); !equalTallies(got, want) {
		t.Fatalf("rebuild gave %v, live gave %v", got, want)
	}
}

func tallyRows(t *testing.T, e *env) [][4]int {
	t.Helper()
	rows, err := e.db.Pool.Query(context.Background(), `SELECT 0, events, misses, marks FROM tally_view ORDER BY events, misses, marks`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([4]int, error) {
		var v [4]int
		return v, r.Scan(&v[0], &v[1], &v[2], &v[3])
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalTallies(a, b [][4]int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
