package graph_test

import (
	"testing"
)

const similarQuery = `query($id: ID!, $first: Int, $min: Float) { project(id: $id) {
	similarProjects(first: $first, minScore: $min) { score project { code } } } }`

// similarCodes lists the codes of a similarProjects answer, checking the scores are ranked.
func similarCodes(t *testing.T, v any, path string) []string {
	t.Helper()
	codes := []string{}
	last := 2.0
	for _, sp := range list(v, path) {
		score, _ := get(sp, "score").(float64)
		if score > last || score < 0 || score > 1 {
			t.Errorf("%s: score %v after %v", path, score, last)
		}
		last = score
		codes = append(codes, str(sp, "project.code"))
	}
	return codes
}

// TestSimilarProjectsFlagDuplicateConstructionInTheSameDomainAndCity checks the duplicate-
// construction check (重复建设): a similar project of the same domain in the same city (here in
// one of its counties) is found; the same name in another domain or another city is not, nor is
// the project itself; an unrelated project of the same domain and city scores low.
func TestSimilarProjectsFlagDuplicateConstructionInTheSameDomainAndCity(t *testing.T) {
	e := newEnv(t)
	const name, desc = "徐州市智慧交通信号控制系统", "主城区120个路口自适应信号控制"
	id, _ := e.fundable(ownerXZ, proposal("XZ-S-1", "name", name, "description", desc))
	e.propose(ownerXZ, proposal("XZ-S-2", "name", name+"二期", "description", "主城区路口自适应信号控制扩容", "region", "320322"))
	e.propose(ownerXZ, proposal("XZ-S-3", "name", name, "description", desc, "domain", "HEALTH"))
	e.propose(ownerHA, proposal("HA-S-1", "name", name, "description", desc, "region", "320800"))
	e.propose(ownerXZ, proposal("XZ-S-4", "name", "徐州市公交一卡通", "description", "全市公交刷卡支付"))

	q := e.ok(office, similarQuery, vars("id", id))
	want(t, similarCodes(t, q, "project.similarProjects"), "", []string{"XZ-S-2"})
	if s, _ := get(q, "project.similarProjects.0.score").(float64); s < 0.5 {
		t.Errorf("score of the near duplicate: %v", s)
	}
	all := e.ok(office, similarQuery, vars("id", id, "min", 0))
	want(t, similarCodes(t, all, "project.similarProjects"), "", []string{"XZ-S-2", "XZ-S-4"})
	want(t, similarCodes(t, e.ok(office, similarQuery, vars("id", id, "min", 0, "first", 1)), "project.similarProjects"), "", []string{"XZ-S-2"})
	// From the county's side the city project is just as similar.
	county := str(e.ok(office, `{ projects(filter: { text: "XZ-S-2" }) { edges { node { id } } } }`, nil), "projects.edges.0.node.id")
	want(t, similarCodes(t, e.ok(office, similarQuery, vars("id", county)), "project.similarProjects"), "", []string{"XZ-S-1"})

	// The office sees the same check on an application when it screens it.
	fund := e.establish(financer, "1000000")
	app := e.submitted(ownerXZ, fund, id, "100000")
	a := e.ok(office, `query($id: ID!) { application(id: $id) { similarProjects { score project { code } } } }`, vars("id", app))
	want(t, similarCodes(t, a, "application.similarProjects"), "", []string{"XZ-S-2"})

	// A page of projects, each with its own check, costs three queries: projects, similarities, similar projects.
	counted, counter := e.counted()
	before := counter.n.Load()
	page := counted.ok(leader, `{ projects(first: 10) { edges { node { code similarProjects(minScore: 0.5) { project { code } } } } } }`, nil)
	if n := counter.n.Load() - before; n != 3 {
		t.Errorf("a page of projects with similar projects took %d queries, want 3", n)
	}
	got := map[string][]string{}
	for _, edge := range list(page, "projects.edges") {
		got[str(edge, "node.code")] = similarCodes(t, edge, "node.similarProjects")
	}
	want(t, got, "", map[string][]string{"XZ-S-1": {"XZ-S-2"}, "XZ-S-2": {"XZ-S-1"}, "XZ-S-3": {}, "HA-S-1": {}, "XZ-S-4": {}})

	for _, bad := range []map[string]any{vars("id", id, "min", 1.5), vars("id", id, "min", -0.1), vars("id", id, "first", 101)} {
		err := e.fails(&office, "BAD_USER_INPUT", similarQuery, bad)
		if f := err.Extensions["field"]; f != "minScore" && f != "first" {
			t.Errorf("%v: field %v", bad, f)
		}
	}
}
