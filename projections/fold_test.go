package projections_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

// The summary folds a batch's events per project, application and ledger year in memory and writes
// each version once (fold.go). Whatever the batches' boundaries (a project's history split across
// them, a command's events in two), the read models must be row for row what the live path makes
// applying one event at a time: the demo portfolio (every aggregate, with histories at many
// instants) caught up in batches of 1, 2, 7, 64 and 5,000 events. And every batch must go through
// the pipelined path: a batch that falls back to one statement at a time gives the same rows, so
// only this count shows a pipelining fault (it caught the Batchers' reads being lost).
func TestCatchUpInBatchesOfAnySizeEqualsTheLivePath(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, true)
	if _, err := seeds.LoadDemo(ctx, e.svc); err != nil {
		t.Fatal(err)
	}
	waitFor(t, e.runner, lastPosition(t, e))
	live := snapshot(t, e.db.Pool)
	if len(live["summary_projects"]) < 20 || len(live["summary_applications"]) == 0 || len(live["summary_ppp_budgets"]) == 0 {
		t.Fatalf("the demo should fill the summary: %d project versions, %d application versions, %d budget versions",
			len(live["summary_projects"]), len(live["summary_applications"]), len(live["summary_ppp_budgets"]))
	}
	if err := e.runner.Close(); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 2, 7, 64, 5000} {
		requireCatchUpEqualsLive(t, e, size, "catch-up", live)
	}
}

// requireCatchUpEqualsLive catches every read model up from zero in batches of size events and
// requires the live rows, with no batch falling back to one statement at a time.
func requireCatchUpEqualsLive(t *testing.T, e *env, size int, what string, live map[string][]string) {
	t.Helper()
	forgetProjections(t, e)
	logs := &recorded{}
	runner := projections.NewRunner(e.db.Pool, nil, slog.New(logs), projections.Config{CatchUpBatchSize: size}, projections.All()...)
	if _, err := runner.CatchUp(context.Background()); err != nil {
		t.Fatalf("%s in batches of %d: %v", what, size, err)
	}
	if fell := logs.containing("pipelined batch failed"); len(fell) > 0 {
		t.Fatalf("%s in batches of %d: %d batches fell back to one statement at a time, first: %s", what, size, len(fell), fell[0])
	}
	requireEqualSnapshots(t, fmt.Sprintf("%s in batches of %d vs live", what, size), snapshot(t, e.db.Pool), live)
}

// A generated portfolio is large enough that a catch-up batch makes hundreds of rows of each read
// model, which go by COPY (copyRowsFrom): caught up in batches of 5,000 events and of 64, it must
// equal, row for row, what the live path made while it was loaded, again without any batch falling
// back to one statement at a time.
func TestCatchUpOfAGeneratedPortfolioByCopyEqualsTheLivePath(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, true)
	sum, err := seeds.LoadScale(ctx, e.store, seeds.ScaleOptions{Projects: 150, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, e.runner, lastPosition(t, e))
	live := snapshot(t, e.db.Pool)
	if len(live["project_view"]) != 150 || len(live["milestone_view"]) < 300 || len(live["summary_projects"]) < 150 {
		t.Fatalf("%d events: %d projects, %d milestones, %d project versions: too few for the bulk path", sum.Events,
			len(live["project_view"]), len(live["milestone_view"]), len(live["summary_projects"]))
	}
	if err := e.runner.Close(); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{5000, 64} {
		requireCatchUpEqualsLive(t, e, size, "generated portfolio", live)
	}
}

// recorded is a slog handler that keeps every record, Debug included, as text.
type recorded struct {
	mu    sync.Mutex
	lines []string
}

func (h *recorded) Enabled(context.Context, slog.Level) bool { return true }
func (h *recorded) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *recorded) WithGroup(string) slog.Handler            { return h }
func (h *recorded) Handle(_ context.Context, r slog.Record) error {
	line := r.Message
	r.Attrs(func(a slog.Attr) bool { line += " " + a.String(); return true })
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lines = append(h.lines, line)
	return nil
}

func (h *recorded) containing(s string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for _, l := range h.lines {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return out
}
