package graph_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph"
)

// TestAPageOfApplicationsWithTheirPartsCostsAFixedNumberOfQueries checks the funding loaders:
// listing applications with their fund, project, experts, scores, tranches and the tranches'
// milestones takes as many queries for 6 applications as for 2.
func TestAPageOfApplicationsWithTheirPartsCostsAFixedNumberOfQueries(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "9000000")
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-070"))
	for i := range 6 {
		app := e.reviewed(ownerXZ, fund, project, "100000", []domain.Actor{expert1, expert2}, expert1, expert2)
		e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "100000", "approvedOn", "2024-05-01",
			"documentNumber", fmt.Sprintf("苏财建〔2024〕%d号", i+1), "tranches", []any{
				map[string]any{"milestoneId": ms[0], "amount": "40000"}, map[string]any{"milestoneId": ms[1], "amount": "60000"}}))
	}
	e.command(ownerXZ, "achieveMilestone", on(project, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收"))

	counted, counter := e.counted()
	queries := func(as domain.Actor, doc string, first int) (int64, map[string]any) {
		before := counter.n.Load()
		data := counted.ok(as, doc, vars("first", first))
		return counter.n.Load() - before, data
	}
	const page = `query($first: Int) { applications(first: $first) { edges { node { documentNumber
		fund { name available } project { code plannedPercent } assignedExperts { user } scores { score }
		tranches { amount status milestone { name achieved } } } } } }`
	small, _ := queries(leader, page, 2)
	large, data := queries(leader, page, 6)
	if small != 6 || large != 6 {
		t.Errorf("2 applications took %d queries, 6 took %d; want 6 each (applications, funds, projects, experts, tranches, milestones)", small, large)
	}
	edges := list(data, "applications.edges")
	if len(edges) != 6 {
		t.Fatalf("%d applications", len(edges))
	}
	for i, edge := range edges {
		n := get(edge, "node")
		want(t, n, "documentNumber", fmt.Sprintf("苏财建〔2024〕%d号", i+1))
		want(t, n, "fund", map[string]any{"name": "江苏省智慧城市建设专项资金", "available": "8400000.00"})
		want(t, n, "project", map[string]any{"code": "XZ-F-070", "plannedPercent": 70})
		want(t, n, "scores", []any{map[string]any{"score": 85}, map[string]any{"score": 78}})
		want(t, n, "tranches", []any{
			map[string]any{"amount": "40000.00", "status": "PENDING", "milestone": map[string]any{"name": "一期路口上线", "achieved": true}},
			map[string]any{"amount": "60000.00", "status": "PENDING", "milestone": map[string]any{"name": "二期全市联网", "achieved": false}},
		})
	}

	// The finance work queue: six tranches to pay, with their applications, funds and milestones.
	const queue = `query($first: Int) { workQueue(first: $first) { edges { node { kind
		application { documentNumber fund { name } } tranche { amount milestone { name } } } } } }`
	small, _ = queries(financer, queue, 2)
	large, data = queries(financer, queue, 6)
	if small != 4 || large != 4 {
		t.Errorf("2 work items took %d queries, 6 took %d; want 4 each (queue, applications, funds, milestones)", small, large)
	}
	if n := len(list(data, "workQueue.edges")); n != 6 {
		t.Errorf("%d work items", n)
	}
	want(t, data, "workQueue.edges.5.node.tranche", map[string]any{"amount": "40000.00", "milestone": map[string]any{"name": "一期路口上线"}})
}

// counted serves the same product as e through a pool that counts its statements.
func (e *env) counted() (*env, *queryCounter) {
	e.t.Helper()
	cfg, err := pgxpool.ParseConfig(e.db.URL)
	if err != nil {
		e.t.Fatal(err)
	}
	counter := &queryCounter{}
	cfg.ConnConfig.Tracer = counter
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(pool.Close)
	hs := httptest.NewServer(e.srv.Authority.Middleware(graph.NewHandler(graph.Deps{Service: e.srv.Service, Pool: pool})))
	e.t.Cleanup(hs.Close)
	return &env{t: e.t, srv: e.srv, url: hs.URL}, counter
}
