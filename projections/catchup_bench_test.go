package projections_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

// benchEventsEnv sets how many events the catch-up and rebuild benchmarks load (about; the scale
// generator writes whole project histories). The default keeps `go test -bench .` short; the
// figure in BENCHMARKS.md is for 1,000,000.
const benchEventsEnv = "PORTFOLIO_BENCH_EVENTS"

// loadScale loads about PORTFOLIO_BENCH_EVENTS events (default 50,000) with the scale generator's
// bulk path and returns how many it wrote and the position of the last one.
func loadScale(b *testing.B, e *env) (int, eventstore.Position) {
	b.Helper()
	want := 50_000
	if v := os.Getenv(benchEventsEnv); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			b.Fatalf("%s=%q: want a positive number of events", benchEventsEnv, v)
		}
		want = n
	}
	ctx := context.Background()
	// The generator writes about 19.4 events per project (funds and funding applications included).
	sum, err := seeds.LoadScale(ctx, e.store, seeds.ScaleOptions{Projects: max(1, want*10/194), Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	pos := lastPosition(b, e)
	// Fresh statistics, as a server that has been running would have.
	if _, err := e.db.Pool.Exec(ctx, `VACUUM ANALYZE events`); err != nil {
		b.Fatal(err)
	}
	b.Logf("loaded %d events (%d projects) in %s", sum.Events, sum.Projects, sum.Took.Round(time.Millisecond))
	return sum.Events, pos
}

// lastPosition is the position of the last event in the store.
func lastPosition(t testing.TB, e *env) eventstore.Position {
	t.Helper()
	var txid string
	var pos eventstore.Position
	if err := e.db.Pool.QueryRow(context.Background(), `SELECT transaction_id::text, "offset" FROM events
		ORDER BY events.transaction_id DESC, events."offset" DESC LIMIT 1`).Scan(&txid, &pos.Offset); err != nil {
		t.Fatal(err)
	}
	var err error
	if pos.TxID, err = strconv.ParseUint(txid, 10, 64); err != nil {
		t.Fatal(err)
	}
	return pos
}

// forgetProjections puts every read model back to zero, as in a database where no projector has
// run yet: empty tables, no remembered versions, no consumer-group offsets.
func forgetProjections(b testing.TB, e *env) {
	b.Helper()
	ctx := context.Background()
	for _, p := range projections.All() {
		for _, t := range p.Tables() {
			if _, err := e.db.Pool.Exec(ctx, `TRUNCATE `+pgx.Identifier{t}.Sanitize()+` CASCADE`); err != nil {
				b.Fatal(err)
			}
		}
	}
	if _, err := e.db.Pool.Exec(ctx, `TRUNCATE projection_streams; DELETE FROM events_offsets`); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkReplay loads the events once, then measures:
//   - catch-up: every projector starts from zero over them, as a server does on its first start
//     over an existing event store; from Start until all read models have processed the last one;
//   - rebuild: `portfolio rebuild`, every read model emptied and replayed.
func BenchmarkReplay(b *testing.B) {
	e := newEnv(b, false)
	n, last := loadScale(b, e)
	b.Run("catch-up", func(b *testing.B) {
		var took time.Duration
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			forgetProjections(b, e)
			runner := projections.NewRunner(e.db.Pool, nil, nil, projections.Config{}, projections.All()...)
			b.StartTimer()
			start := time.Now()
			if err := runner.Start(context.Background()); err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
			err := runner.WaitFor(ctx, last)
			cancel()
			took += time.Since(start)
			b.StopTimer()
			if cerr := runner.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/took.Seconds(), "events/s")
	})
	b.Run("rebuild", func(b *testing.B) {
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if _, err := e.runner.RebuildAll(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*b.N)/time.Since(start).Seconds(), "events/s")
	})
}
