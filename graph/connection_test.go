package graph_test

import (
	"strings"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

// portfolio proposes seven projects across owners, domains, regions and statuses and returns
// their ids by code, in proposal order.
func portfolio(e *env) (codes []string, ids map[string]string) {
	ownerXN := domain.Actor{UserID: "xn.user", Role: domain.RoleOwner, OrgID: "xn-egov"}
	ownerCD := domain.Actor{UserID: "cd.user", Role: domain.RoleOwner, OrgID: "cd-eco"}
	ids = map[string]string{}
	add := func(code string, id string) {
		codes = append(codes, code)
		ids[code] = id
	}
	add("XZ-A", e.propose(ownerXZ, proposal("XZ-A")))
	add("XZ-B", e.underReview(ownerXZ, proposal("XZ-B", "domain", "HEALTH", "region", "320322",
		"name", "沛县远程医疗平台", "description", "县级医院远程会诊")))
	add("HA-A", e.propose(ownerHA, proposal("HA-A", "domain", "LOGISTICS", "region", "320800",
		"name", "淮安智慧物流园区", "description", "PPP project with ZTE as partner")))
	add("HA-B", e.underReview(ownerHA, proposal("HA-B", "region", "320803", "name", "淮安区公交调度")))
	add("XN-A", e.propose(ownerXN, proposal("XN-A", "domain", "E_GOVERNMENT", "region", "421200",
		"name", "咸宁政务云", "description", "100% coverage of a_b offices")))
	add("CD-A", e.approved(ownerCD, proposal("CD-A", "domain", "BROADBAND_CLOUD", "region", "510100",
		"name", "成都光网城市", "description", "axb fibre")))
	add("XZ-C", e.propose(ownerXZ, proposal("XZ-C", "region", "320000", "name", "江苏省交通一张网")))
	return codes, ids
}

const listQuery = `query($first: Int, $after: String, $filter: ProjectFilter) {
	projects(first: $first, after: $after, filter: $filter) {
		totalCount edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`

// codesOf lists the codes of a page.
func codesOf(q map[string]any) string {
	var out []string
	for _, edge := range list(q, "projects.edges") {
		out = append(out, str(edge, "node.code"))
	}
	return strings.Join(out, " ")
}

// TestProjectsArePagedByCursorInProposalOrder walks the whole list page by page.
func TestProjectsArePagedByCursorInProposalOrder(t *testing.T) {
	e := newEnv(t)
	codes, _ := portfolio(e)

	var seen []string
	var after any
	for page := 0; ; page++ {
		q := e.ok(leader, listQuery, vars("first", 3, "after", after))
		want(t, q, "projects.totalCount", 7)
		want(t, q, "projects.pageInfo.hasPreviousPage", page > 0)
		edges := list(q, "projects.edges")
		want(t, q, "projects.pageInfo.startCursor", get(edges[0], "cursor"))
		want(t, q, "projects.pageInfo.endCursor", get(edges[len(edges)-1], "cursor"))
		seen = append(seen, codesOf(q))
		if get(q, "projects.pageInfo.hasNextPage") != true {
			break
		}
		after = get(q, "projects.pageInfo.endCursor")
	}
	if got := strings.Join(seen, " | "); got != "XZ-A XZ-B HA-A | HA-B XN-A CD-A | XZ-C" {
		t.Errorf("pages: %s (proposed %v)", got, codes)
	}

	empty := e.ok(leader, listQuery, vars("first", 0))
	want(t, empty, "projects.edges", []any{})
	want(t, empty, "projects.pageInfo", map[string]any{"hasNextPage": true, "hasPreviousPage": false, "startCursor": nil, "endCursor": nil})
	want(t, e.ok(leader, `{ projects { edges { node { code } } } }`, nil), "projects.edges.6.node.code", "XZ-C")
	if n := len(list(e.ok(leader, listQuery, vars("first", 100)), "projects.edges")); n != 7 {
		t.Errorf("first: 100 gave %d projects", n)
	}

	for _, bad := range []map[string]any{
		vars("first", 101), vars("first", -1), vars("after", "garbage"), vars("after", "ZXZlbnQ6Mw"), // "event:3"
	} {
		err := e.fails(&leader, "BAD_USER_INPUT", listQuery, bad)
		if f := err.Extensions["field"]; f != "first" && f != "after" {
			t.Errorf("%v: field %v (%s)", bad, f, err.Message)
		}
	}
}

// TestProjectsAreFilteredByStatusDomainRegionOwnerAndText checks every filter, alone and combined.
func TestProjectsAreFilteredByStatusDomainRegionOwnerAndText(t *testing.T) {
	e := newEnv(t)
	portfolio(e)

	cases := []struct {
		name   string
		filter map[string]any
		want   string
	}{
		{"no filter", map[string]any{}, "XZ-A XZ-B HA-A HA-B XN-A CD-A XZ-C"},
		{"one status", map[string]any{"status": []string{"UNDER_REVIEW"}}, "XZ-B HA-B"},
		{"two statuses", map[string]any{"status": []string{"APPROVED", "PROPOSED"}}, "XZ-A HA-A XN-A CD-A XZ-C"},
		{"one domain", map[string]any{"domain": []string{"TRANSPORT"}}, "XZ-A HA-B XZ-C"},
		{"two domains", map[string]any{"domain": []string{"HEALTH", "LOGISTICS"}}, "XZ-B HA-A"},
		{"a province includes its cities and counties", map[string]any{"region": "320000"}, "XZ-A XZ-B HA-A HA-B XZ-C"},
		{"a city includes its counties", map[string]any{"region": "320300"}, "XZ-A XZ-B"},
		{"another city", map[string]any{"region": "320800"}, "HA-A HA-B"},
		{"a county", map[string]any{"region": "320322"}, "XZ-B"},
		{"another province", map[string]any{"region": "420000"}, "XN-A"},
		{"a region without projects", map[string]any{"region": "510104"}, ""},
		{"owner organisation", map[string]any{"ownerOrganization": "xz-bigdata"}, "XZ-A XZ-B XZ-C"},
		{"text in the name", map[string]any{"text": "远程"}, "XZ-B"},
		{"text in any case", map[string]any{"text": "zte"}, "HA-A"},
		{"text in the code", map[string]any{"text": "cd-a"}, "CD-A"},
		{"percent is literal", map[string]any{"text": "%"}, "XN-A"},
		{"underscore is literal", map[string]any{"text": "a_b"}, "XN-A"},
		{"everything at once", map[string]any{"region": "320000", "domain": []string{"TRANSPORT"}, "status": []string{"PROPOSED"}, "ownerOrganization": "xz-bigdata", "text": "交通"}, "XZ-A XZ-C"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := e.ok(leader, listQuery, vars("filter", c.filter))
			if got := codesOf(q); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			want(t, q, "projects.totalCount", len(strings.Fields(c.want)))
		})
	}

	// Paging keeps the filter.
	p1 := e.ok(leader, listQuery, vars("first", 2, "filter", map[string]any{"region": "320000"}))
	p2 := e.ok(leader, listQuery, vars("first", 2, "after", get(p1, "projects.pageInfo.endCursor"), "filter", map[string]any{"region": "320000"}))
	if got := codesOf(p1) + " | " + codesOf(p2); got != "XZ-A XZ-B | HA-A HA-B" {
		t.Errorf("filtered pages: %s", got)
	}
	want(t, p2, "projects.totalCount", 5)

	err := e.fails(&leader, "BAD_USER_INPUT", listQuery, vars("filter", map[string]any{"region": "999999"}))
	want(t, err.Extensions, "field", "region")
	err = e.fails(&leader, "BAD_USER_INPUT", listQuery, vars("filter", map[string]any{"status": []string{"DONE"}}))
	want(t, err.Extensions, "field", "status")
}
