package oc4ids_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var cst = time.FixedZone("CST", 8*60*60)

// exportNow is "now" for the exporter: after everything the tests record.
var exportNow = time.Date(2027, 3, 1, 12, 0, 0, 0, cst)

// clock stamps recorded_at: every stamp moves it on by step, so the demo's history is spread
// over several days and an asOf can fall between its events. The service's "today" reads it
// without moving it.
type clock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *clock) stamp() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := c.t
	c.t = c.t.Add(c.step)
	return t
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// env is a database with the demo portfolio loaded through commands (read models kept up to
// date), a service to add more, and an exporter.
type env struct {
	t     testing.TB
	db    *testdb.DB
	clock *clock
	svc   *app.Service
	x     *oc4ids.Exporter
	demo  seeds.Summary
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	db := testdb.New(t)
	clk := &clock{t: time.Date(2026, 11, 21, 9, 0, 0, 0, cst), step: 10 * time.Minute}
	signal := eventstore.NewSignal()
	store := eventstore.New(db.Pool, nil, eventstore.WithCommitSignal(signal), eventstore.WithClock(clk.stamp))
	runner := projections.NewRunner(db.Pool, signal, slog.New(slog.DiscardHandler), projections.Config{PollInterval: 20 * time.Millisecond}, projections.All()...)
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Close() })
	e := &env{t: t, db: db, clock: clk, svc: app.NewService(store, runner, nil).WithClock(clk.now),
		x: oc4ids.New(db.Pool, oc4ids.Config{Now: func() time.Time { return exportNow }})}
	var err error
	if e.demo, err = seeds.LoadDemo(ctx, e.svc); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	return e
}

// day is the calendar day of an instant in China.
func day(t time.Time) domain.Date { return domain.DateOf(t.In(cst)) }

// recordedAt is when the first event of a type in a stream was recorded.
func (e *env) recordedAt(stream, eventType string) time.Time {
	e.t.Helper()
	var at time.Time
	err := e.db.Pool.QueryRow(context.Background(),
		`SELECT min(recorded_at) FROM events WHERE stream_id = $1 AND event_type = $2`, stream, eventType).Scan(&at)
	if err != nil {
		e.t.Fatalf("recorded_at of %s in %s: %v", eventType, stream, err)
	}
	return at
}
