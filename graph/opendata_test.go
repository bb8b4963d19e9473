package graph_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph"
	"github.com/smartcity/portfolio/internal/server"
)

// testClock is a settable clock for the server: events are recorded at its time, and "today"
// (for commands and the exports' asOf) is its day.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var cst = time.FixedZone("CST", 8*60*60)

// download GETs an export as the actor and returns its body, which must be a 200.
func (e *env) download(path string, as domain.Actor) any {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.url+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.token(as))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		e.t.Fatalf("GET %s: %d %s (%v)", path, res.StatusCode, body, err)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	return v
}

// sameJSON checks that two decoded JSON documents are equal, but for the top-level keys dropped.
func sameJSON(t *testing.T, label string, got, want any, drop ...string) {
	t.Helper()
	strip := func(v any) any {
		m, ok := v.(map[string]any)
		if !ok {
			return v
		}
		out := map[string]any{}
		for k, x := range m {
			out[k] = x
		}
		for _, k := range drop {
			delete(out, k)
		}
		return out
	}
	if g, w := strip(got), strip(want); !reflect.DeepEqual(g, w) {
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		t.Errorf("%s:\n GraphQL  %s\n download %s", label, gb, wb)
	}
}

const (
	oc4idsProjectQuery   = `query($id: ID!, $asOf: Date) { project(id: $id) { code oc4ids(asOf: $asOf) } }`
	oc4idsPortfolioQuery = `query($filter: OC4IDSPortfolioFilter, $asOf: Date) { oc4idsPortfolio(filter: $filter, asOf: $asOf) }`
)

// TestOC4IDSInGraphQLIsTheDownload records a Xuzhou project with an approved application on
// one day, pays a tranche and proposes a Huai'an project two days later, and compares the
// GraphQL exports with the downloads for now and for each of those days: the same documents
// (a package's uri aside), JSON objects rather than strings, the day's figures only.
func TestOC4IDSInGraphQLIsTheDownload(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 2, 10, 0, 0, 0, cst)}
	e := newEnvWith(t, server.Config{Now: clk.now})
	xz, ms := e.fundable(ownerXZ, proposal("XZ-2024-070"))
	fund := e.establish(financer, "1200000")
	app := e.reviewed(ownerXZ, fund, xz, "500000", []domain.Actor{expert1}, expert1)
	ap := e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "500000", "approvedOn", "2024-05-01",
		"documentNumber", "苏财建〔2024〕18号", "tranches", []any{
			map[string]any{"milestoneId": ms[0], "amount": "200000"}, map[string]any{"milestoneId": ms[1], "amount": "300000"}}))
	tranche := str(ap, "application.tranches.0.id")

	clk.set(time.Date(2026, 11, 4, 9, 0, 0, 0, cst))
	e.command(ownerXZ, "achieveMilestone", on(xz, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收报告"))
	e.funding(financer, "disburseTranche", onApp(app, "trancheId", tranche, "disbursedOn", "2024-07-10", "voucherNumber", "PZ-2024-0711"))
	ha := e.propose(ownerHA, proposal("HA-2024-070", "region", "320800", "name", "淮安市智慧公交调度平台"))

	for _, asOf := range []string{"", "2026-11-02", "2026-11-04"} {
		query := ""
		var asOfVar any
		if asOf != "" {
			query, asOfVar = "?asOf="+asOf, asOf
		}
		for _, a := range []domain.Actor{leader, ownerXZ} {
			got := get(e.ok(a, oc4idsProjectQuery, vars("id", xz, "asOf", asOfVar)), "project.oc4ids")
			if _, ok := got.(map[string]any); !ok {
				t.Fatalf("Project.oc4ids is %T, want a JSON object", got)
			}
			sameJSON(t, "project as of "+asOf, got, e.download("/export/oc4ids/projects/"+xz+query, a))
			paid := len(list(got, "transactions"))
			if (asOf == "2026-11-02") != (paid == 0) {
				t.Errorf("as of %q: %d transactions", asOf, paid)
			}
			want(t, got, "id", "oc4ids-sc2cty-"+xz)
		}

		filter := map[string]any{"region": "320000", "domain": []any{"TRANSPORT"}, "status": []any{"IN_CONSTRUCTION", "PROPOSED"}}
		sep := "?"
		if query != "" {
			sep = "&"
		}
		pkg := get(e.ok(leader, oc4idsPortfolioQuery, vars("filter", filter, "asOf", asOfVar)), "oc4idsPortfolio")
		sameJSON(t, "portfolio as of "+asOf, pkg,
			e.download("/export/oc4ids/portfolio"+query+sep+"region=320000&domain=TRANSPORT&status=IN_CONSTRUCTION,PROPOSED", leader), "uri")
		if uri := str(pkg, "uri"); !strings.HasPrefix(uri, "urn:smartcity-portfolio:oc4ids:portfolio?") || !strings.Contains(uri, "region=320000") {
			t.Errorf("uri %q", uri)
		}
		wantProjects := 2 // the Huai'an project was proposed on the 4th
		if asOf == "2026-11-02" {
			wantProjects = 1
		}
		if n := len(list(pkg, "projects")); n != wantProjects {
			t.Errorf("as of %q: %d projects, want %d", asOf, n, wantProjects)
		}

		// An owner's package holds only its own organisation's projects, as the download's does.
		if asOf != "2026-11-02" {
			mine := get(e.ok(ownerHA, oc4idsPortfolioQuery, vars("asOf", asOfVar)), "oc4idsPortfolio")
			sameJSON(t, "the owner's portfolio as of "+asOf, mine, e.download("/export/oc4ids/portfolio"+query, ownerHA), "uri")
			want(t, mine, "projects.0.id", "oc4ids-sc2cty-"+ha)
			if n := len(list(mine, "projects")); n != 1 {
				t.Errorf("owner: %d projects", n)
			}
		}
	}
}

// TestOC4IDSInGraphQLRefusesLikeTheDownload: another owner's project, an unknown value, a day
// out of range, a project not yet proposed that day, too many projects, too much at once.
func TestOC4IDSInGraphQLRefusesLikeTheDownload(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 2, 10, 0, 0, 0, cst)}
	e := newEnvWith(t, server.Config{Now: clk.now})
	xz := e.propose(ownerXZ, proposal("XZ-2024-071"))
	clk.set(time.Date(2026, 11, 4, 9, 0, 0, 0, cst))
	ha := e.propose(ownerHA, proposal("HA-2024-071", "region", "320800"))

	// Another organisation's project: the project is there, its export null with FORBIDDEN.
	res := e.post(&ownerHA, oc4idsProjectQuery, vars("id", xz))
	if len(res.Errors) != 1 || res.Errors[0].Extensions["code"] != "FORBIDDEN" || str(res.Data, "project.code") != "XZ-2024-071" ||
		get(res.Data, "project.oc4ids") != nil {
		t.Errorf("another owner's project: %s", res.Body)
	}
	for name, c := range map[string]struct {
		as    *domain.Actor
		query string
		vars  map[string]any
		code  string
		field string
	}{
		"another owner's portfolio": {&ownerHA, oc4idsPortfolioQuery, vars("filter", map[string]any{"ownerOrganization": "xz-bigdata"}), "FORBIDDEN", ""},
		"not yet proposed that day": {&leader, oc4idsProjectQuery, vars("id", ha, "asOf", "2026-11-03"), "NOT_FOUND", ""},
		"a day after today":         {&leader, oc4idsProjectQuery, vars("id", xz, "asOf", "2026-11-05"), "BAD_USER_INPUT", "asOf"},
		"before the first event":    {&leader, oc4idsProjectQuery, vars("id", xz, "asOf", "2026-11-01"), "BAD_USER_INPUT", "asOf"},
		"a portfolio in the future": {&leader, oc4idsPortfolioQuery, vars("asOf", "2026-11-05"), "BAD_USER_INPUT", "asOf"},
		"not a date":                {&leader, oc4idsPortfolioQuery, vars("asOf", "2026-02-30"), "BAD_USER_INPUT", ""},
		"an unknown region":         {&leader, oc4idsPortfolioQuery, vars("filter", map[string]any{"region": "990000"}), "BAD_USER_INPUT", "region"},
		"an unknown domain":         {&leader, oc4idsPortfolioQuery, vars("filter", map[string]any{"domain": []any{"ROADS"}}), "BAD_USER_INPUT", ""},
		"an unknown status":         {&leader, oc4idsPortfolioQuery, vars("filter", map[string]any{"status": []any{"DONE"}}), "BAD_USER_INPUT", ""},
		"no token":                  {nil, oc4idsPortfolioQuery, nil, "UNAUTHENTICATED", ""},
		"two portfolios at once": {&leader, `{ a: oc4idsPortfolio b: oc4idsPortfolio(asOf: "2026-11-04") }`, nil,
			"COMPLEXITY_LIMIT_EXCEEDED", ""},
	} {
		res := e.post(c.as, c.query, c.vars)
		if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != c.code ||
			(c.field != "" && res.Errors[0].Extensions["field"] != c.field) {
			t.Errorf("%s: want %s (field %q), got %s", name, c.code, c.field, res.Body)
		}
	}

	// A handler that holds at most one project per package: the whole portfolio is refused,
	// pointing to the download; one region's is not.
	small := httptest.NewServer(e.srv.Authority.Middleware(graph.NewHandler(graph.Deps{
		Service: e.srv.Service, Pool: e.srv.Pool, Exporter: e.srv.Exporter, ExportMaxProjects: 1})))
	t.Cleanup(small.Close)
	limited := &env{t: t, srv: e.srv, url: small.URL}
	refused := limited.fails(&leader, "BAD_USER_INPUT", oc4idsPortfolioQuery, nil)
	if refused.Extensions["field"] != "filter" || !strings.Contains(refused.Message, "2 projects") ||
		!strings.Contains(refused.Message, "/export/oc4ids/portfolio") {
		t.Errorf("too many projects: %+v", refused)
	}
	one := limited.ok(leader, oc4idsPortfolioQuery, vars("filter", map[string]any{"region": "320800"}))
	want(t, one, "oc4idsPortfolio.projects.0.id", "oc4ids-sc2cty-"+ha)
}
