package projections_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// measurer sets up 50 projects (40 under construction with an indicator) and returns a command
// that records one more measurement on the next of them in turn: a command that can run any
// number of times while streams stay the length of a real project's (tens of events).
func measurer(b *testing.B, e *env, svc *app.Service) func() (app.Outcome, error) {
	b.Helper()
	ctx := context.Background()
	waitFor(b, e.runner, workload(b, e.svc, 50, "BENCH"))
	type target struct {
		project   domain.ProjectID
		indicator domain.IndicatorID
	}
	rows, err := e.db.Pool.Query(ctx, `SELECT project_id::text, id::text FROM indicator_view ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	var targets []target
	for rows.Next() {
		var t target
		if err := rows.Scan(&t.project, &t.indicator); err != nil {
			b.Fatal(err)
		}
		targets = append(targets, t)
	}
	today := svc.Today()
	n := int64(0)
	return func() (app.Outcome, error) {
		n++
		t := targets[int(n)%len(targets)]
		return svc.OnProject(ctx, app.Request{Actor: owner}, "RecordMeasurement", t.project, n, app.Ref{}, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.RecordMeasurement(a, domain.RecordMeasurement{IndicatorID: t.indicator, MeasuredOn: today, Value: domain.QuantityOf(600000 + n), Today: today})
		})
	}
}

func reportPercentiles(b *testing.B, name string, d []time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(p float64) float64 { return float64(s[int(float64(len(s)-1)*p)].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), name+"-p50-ms")
	b.ReportMetric(at(0.99), name+"-p99-ms")
}

// BenchmarkProjectionLag: for commands written one after another, the time from a command's
// commit until all three read models have processed it, polled every 100µs. The subscribers run
// with the server's settings: a 50 ms poll for other processes' writes, woken at once by this
// process's commits.
func BenchmarkProjectionLag(b *testing.B) {
	e := newEnv(b, true)
	cmd := measurer(b, e, e.svc)
	ctx := context.Background()
	lags := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out, err := cmd()
		if err != nil {
			b.Fatal(err)
		}
		committed := time.Now()
		for {
			ok, err := e.runner.CaughtUp(ctx, out.Position)
			if err != nil {
				b.Fatal(err)
			}
			if ok {
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		lags = append(lags, time.Since(committed))
	}
	b.StopTimer()
	reportPercentiles(b, "lag", lags)
}

// BenchmarkCommandReadYourWrites: one command end to end as a mutation runs it: load the stream,
// decide, append, and wait until the read models show it.
func BenchmarkCommandReadYourWrites(b *testing.B) {
	e := newEnv(b, true)
	cmd := measurer(b, e, app.NewService(e.store, e.runner, nil))
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := cmd(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, "command", took)
}
