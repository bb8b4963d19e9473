package projections_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/gctarget"
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
	var count atomic.Int64
	return func() (app.Outcome, error) {
		n := count.Add(1)
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
// commit until every read model has processed it, as a mutation waits for it (Runner.WaitFor,
// woken by each round's commit). The runner runs with the server's settings: woken at once by
// this process's commits, a poll for other processes' writes.
func BenchmarkProjectionLag(b *testing.B) {
	gctarget.Set() // as the server process does (cmd/portfolio)
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
		if err := e.runner.WaitFor(ctx, out.Position); err != nil {
			b.Fatal(err)
		}
		lags = append(lags, time.Since(committed))
	}
	b.StopTimer()
	reportPercentiles(b, "lag", lags)
}

// BenchmarkCommandReadYourWrites: one command end to end as a mutation runs it: load the stream,
// decide, append, and wait until the read models show it.
func BenchmarkCommandReadYourWrites(b *testing.B) {
	gctarget.Set() // as the server process does (cmd/portfolio)
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

// BenchmarkProjectionLagAtHalfRate: the lag of BenchmarkProjectionLag, but while commands arrive
// at half the maximum write rate. The maximum is measured first: 8 writers running commands back
// to back for 2 s, without waiting for the read models. Then b.N commands are issued by 8 writers
// at half that rate (a ticker hands out the slots), and one monitor waits, as a mutation does
// (Runner.WaitFor: woken by each round's commit), for the committed command of lowest position
// that the read models have not yet shown: a command's lag is the time from its commit until
// WaitFor returns for it.
func BenchmarkProjectionLagAtHalfRate(b *testing.B) {
	gctarget.Set() // as the server process does (cmd/portfolio)
	const writers = 8
	e := newEnv(b, true)
	cmd := measurer(b, e, e.svc)
	ctx := context.Background()

	var done atomic.Int64
	stop := time.Now().Add(2 * time.Second)
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) {
				if _, err := cmd(); err != nil {
					b.Error(err)
					return
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	maxRate := float64(done.Load()) / 2
	rate := maxRate / 2
	// One more command, begun after every earlier one committed: once it is projected, so are they.
	last, err := cmd()
	if err != nil {
		b.Fatal(err)
	}
	waitFor(b, e.runner, last.Position)

	type pending struct {
		pos       eventstore.Position
		committed time.Time
	}
	var mu sync.Mutex
	var waiting []pending
	arrived := make(chan struct{}, 1)
	lags := make([]time.Duration, 0, b.N)
	monitorDone := make(chan struct{})
	go func() {
		defer close(monitorDone)
		for len(lags) < b.N {
			mu.Lock()
			if len(waiting) == 0 {
				mu.Unlock()
				<-arrived
				continue
			}
			// The lowest position first: the read models pass positions in order.
			low := 0
			for i, w := range waiting {
				if w.pos.TxID < waiting[low].pos.TxID || (w.pos.TxID == waiting[low].pos.TxID && w.pos.Offset < waiting[low].pos.Offset) {
					low = i
				}
			}
			w := waiting[low]
			waiting = append(waiting[:low], waiting[low+1:]...)
			mu.Unlock()
			wctx, cancel := context.WithTimeout(ctx, time.Minute)
			err := e.runner.WaitFor(wctx, w.pos)
			cancel()
			if err != nil {
				b.Error(err)
				return
			}
			lags = append(lags, time.Since(w.committed))
		}
	}()

	slots := make(chan struct{})
	b.ResetTimer()
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range slots {
				out, err := cmd()
				if err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				waiting = append(waiting, pending{out.Position, time.Now()})
				mu.Unlock()
				select {
				case arrived <- struct{}{}:
				default:
				}
			}
		}()
	}
	tick := time.NewTicker(time.Duration(float64(time.Second) / rate))
	for i := 0; i < b.N; i++ {
		<-tick.C
		slots <- struct{}{}
	}
	tick.Stop()
	close(slots)
	wg.Wait()
	<-monitorDone
	b.StopTimer()
	if len(lags) != b.N {
		b.Fatalf("measured %d lags of %d commands", len(lags), b.N)
	}
	reportPercentiles(b, "lag", lags)
	b.ReportMetric(maxRate, "max-commands/s")
	b.ReportMetric(rate, "paced-commands/s")
}
