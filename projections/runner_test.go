package projections_test

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/projections"
)

// broken is a projector that fails on every project event while failing is set.
type broken struct{ failing *atomic.Bool }

func (broken) Name() string              { return "broken.test" }
func (broken) Tables() []string          { return nil }
func (broken) Handles(st, _ string) bool { return st == domain.ProjectStreamType }
func (b broken) Apply(context.Context, pgx.Tx, eventstore.Recorded, domain.Event) error {
	if b.failing.Load() {
		return errors.New("broken on purpose")
	}
	return nil
}

// offsetReached reports whether the consumer group has processed the events up to pos.
func offsetReached(t *testing.T, e *env, group string, pos eventstore.Position) bool {
	t.Helper()
	r := projections.NewRunner(e.db.Pool, nil, nil, projections.Config{}, namedOnly(group))
	ok, err := r.CaughtUp(context.Background(), pos)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// namedOnly is a projector that is only a name, for asking about its consumer group.
type namedOnly string

func (n namedOnly) Name() string                                                         { return string(n) }
func (namedOnly) Tables() []string                                                       { return nil }
func (namedOnly) Handles(string, string) bool                                            { return false }
func (namedOnly) Apply(context.Context, pgx.Tx, eventstore.Recorded, domain.Event) error { return nil }

// The runner applies every read model in one transaction per batch; when one read model fails,
// the others still follow the events (each is then caught up on its own), and the failing one
// resumes where it stopped once it succeeds again, applying each event once.
func TestAFailingReadModelDoesNotHoldBackTheOthers(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, false)
	failing := &atomic.Bool{}
	failing.Store(true)
	runner := projections.NewRunner(e.db.Pool, nil, slog.New(slog.DiscardHandler),
		projections.Config{PollInterval: 10 * time.Millisecond, RetryInterval: 20 * time.Millisecond},
		projections.Projects{}, broken{failing})
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer runner.Close()
	last := workload(t, e.svc, 3, "broken")

	deadline := time.Now().Add(30 * time.Second)
	for !offsetReached(t, e, "projects.v1", last) {
		if time.Now().After(deadline) {
			t.Fatal("projects.v1 did not follow the events while another read model failed")
		}
		time.Sleep(10 * time.Millisecond)
	}
	var projects int
	if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM project_view`).Scan(&projects); err != nil {
		t.Fatal(err)
	}
	if projects != 3 {
		t.Fatalf("%d projects in project_view, want 3", projects)
	}
	if offsetReached(t, e, "broken.test", last) {
		t.Fatal("the failing read model's offset moved past events it did not apply")
	}

	failing.Store(false)
	waitFor(t, runner, last)
	var remembered int
	if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM projection_streams WHERE projection = 'broken.test'`).Scan(&remembered); err != nil {
		t.Fatal(err)
	}
	if remembered != 3 {
		t.Fatalf("broken.test remembers %d streams once it succeeds, want the 3 projects", remembered)
	}
}
