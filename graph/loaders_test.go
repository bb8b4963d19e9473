package graph_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/graph"
)

// queryCounter counts the statements a pool sends.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// TestAPageOfProjectsWithTheirPartsCostsAFixedNumberOfQueries checks the dataloaders: listing 20
// projects with milestones, indicators and measurements takes as many queries as listing 2.
func TestAPageOfProjectsWithTheirPartsCostsAFixedNumberOfQueries(t *testing.T) {
	e := newEnv(t)
	for i := range 20 {
		id := e.propose(ownerXZ, proposal(fmt.Sprintf("XZ-L-%02d", i)))
		e.command(ownerXZ, "planMilestone", on(id, "name", "一期", "plannedDate", "2024-06-30", "weight", 40))
		e.command(ownerXZ, "planMilestone", on(id, "name", "二期", "plannedDate", "2098-06-30", "weight", 60))
		ind := e.command(ownerXZ, "defineIndicator", on(id, "name", "覆盖率", "unit", "%", "baseline", "10", "target", "90", "targetDate", "2025-12-31"))
		e.command(ownerXZ, "recordMeasurement", on(id, "indicatorId", str(ind, "indicator.id"), "measuredOn", "2024-06-30", "value", fmt.Sprint(20+i)))
	}

	// The same handler as the server's, over a pool that counts its statements.
	cfg, err := pgxpool.ParseConfig(e.db.URL)
	if err != nil {
		t.Fatal(err)
	}
	counter := &queryCounter{}
	cfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	hs := httptest.NewServer(e.srv.Authority.Middleware(graph.NewHandler(graph.Deps{Service: e.srv.Service, Pool: pool})))
	t.Cleanup(hs.Close)
	counted := &env{t: t, srv: e.srv, url: hs.URL}

	const page = `query($first: Int) { projects(first: $first) { edges { node { code plannedPercent
		nextMilestone { name } milestones { name overdue } indicators { name latestValue measurements { value } } } } } }`
	queries := func(first int) (int64, map[string]any) {
		before := counter.n.Load()
		data := counted.ok(leader, page, vars("first", first))
		return counter.n.Load() - before, data
	}
	small, _ := queries(2)
	large, data := queries(20)
	if small != 4 || large != 4 {
		t.Errorf("2 projects took %d queries, 20 took %d; want 4 each (projects, milestones, indicators, measurements)", small, large)
	}
	edges := list(data, "projects.edges")
	if len(edges) != 20 {
		t.Fatalf("%d projects", len(edges))
	}
	for i, edge := range edges {
		n := get(edge, "node")
		want(t, n, "code", fmt.Sprintf("XZ-L-%02d", i))
		want(t, n, "plannedPercent", 40)
		want(t, n, "nextMilestone.name", "一期")
		want(t, n, "milestones", []any{map[string]any{"name": "一期", "overdue": true}, map[string]any{"name": "二期", "overdue": false}})
		want(t, n, "indicators.0.latestValue", fmt.Sprint(20+i))
		want(t, n, "indicators.0.measurements", []any{map[string]any{"value": fmt.Sprint(20 + i)}})
	}
}
