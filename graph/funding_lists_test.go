package graph_test

import (
	"testing"
)

// TestFundsAndApplicationsArePagedFilteredAndPriced walks the fund and application lists by
// cursor, filters them, refuses bad arguments and prices nested pages.
func TestFundsAndApplicationsArePagedFilteredAndPriced(t *testing.T) {
	e := newEnv(t)
	var funds []string
	for _, f := range []struct{ kind, year string }{{"SPECIAL_FUND", "2024"}, {"CONSTRUCTION_FUND", "2024"}, {"GUIDANCE_FUND", "2025"}} {
		funds = append(funds, str(e.funding(financer, "establishFund", map[string]any{"name": "基金" + f.kind, "kind": f.kind,
			"fiscalYear": map[string]int{"2024": 2024, "2025": 2025}[f.year], "pool": "1000000", "supportModes": []string{"INVESTMENT_SUBSIDY"}}), "fund.id"))
	}
	e.funding(financer, "closeFund", map[string]any{"fundId": funds[1], "reason": "并入专项资金"})
	project, _ := e.fundable(ownerXZ, proposal("XZ-F-080"))
	var apps []string
	for i := range 3 {
		apps = append(apps, e.draft(ownerXZ, funds[2*(i%2)], project, "1000"))
	}

	const fundList = `query($first: Int, $after: String, $filter: FundFilter) { funds(first: $first, after: $after, filter: $filter) {
		totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } }`
	p1 := e.ok(leader, fundList, vars("first", 2))
	want(t, idsOf(p1, "funds"), "", funds[:2])
	want(t, p1, "funds.pageInfo.hasNextPage", true)
	p2 := e.ok(leader, fundList, vars("first", 2, "after", get(p1, "funds.pageInfo.endCursor")))
	want(t, idsOf(p2, "funds"), "", funds[2:])
	want(t, p2, "funds.pageInfo.hasNextPage", false)
	want(t, p2, "funds.pageInfo.hasPreviousPage", true)
	for _, c := range []struct {
		filter map[string]any
		want   []string
	}{
		{map[string]any{"fiscalYear": 2024}, funds[:2]},
		{map[string]any{"kind": "GUIDANCE_FUND"}, funds[2:]},
		{map[string]any{"status": "CLOSED"}, funds[1:2]},
		{map[string]any{"status": "OPEN", "fiscalYear": 2024}, funds[:1]},
	} {
		q := e.ok(ownerHA, fundList, vars("filter", c.filter))
		want(t, idsOf(q, "funds"), "", c.want)
		want(t, q, "funds.totalCount", len(c.want))
	}

	const appList = `query($first: Int, $after: String, $filter: ApplicationFilter) { applications(first: $first, after: $after, filter: $filter) {
		totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`
	a1 := e.ok(ownerXZ, appList, vars("first", 2))
	want(t, idsOf(a1, "applications"), "", apps[:2])
	a2 := e.ok(ownerXZ, appList, vars("first", 2, "after", get(a1, "applications.pageInfo.endCursor")))
	want(t, idsOf(a2, "applications"), "", apps[2:])
	want(t, a2, "applications.totalCount", 3)
	want(t, idsOf(e.ok(ownerXZ, appList, vars("filter", map[string]any{"fund": funds[0], "project": project})), "applications"), "", []string{apps[0], apps[2]})
	want(t, idsOf(e.ok(ownerXZ, appList, vars("filter", map[string]any{"status": []string{"SUBMITTED"}})), "applications"), "", []string{})

	fundCursor := get(p1, "funds.pageInfo.endCursor")
	for _, c := range []struct {
		doc   string
		vars  map[string]any
		field string
	}{
		{appList, vars("after", fundCursor), "after"},
		{appList, vars("first", 101), "first"},
		{appList, vars("filter", map[string]any{"fund": "F-1"}), "fund"},
		{appList, vars("filter", map[string]any{"project": "P-1"}), "project"},
		{appList, vars("filter", map[string]any{"status": []string{"PAID"}}), "status"},
		{fundList, vars("after", get(a1, "applications.pageInfo.endCursor")), "after"},
		{fundList, vars("filter", map[string]any{"kind": "LOTTERY_FUND"}), "kind"},
		{`query($id: ID!) { fund(id: $id) { id } }`, vars("id", "F-1"), "fundId"},
		{`query($id: ID!) { application(id: $id) { id } }`, vars("id", "A-1"), "applicationId"},
	} {
		err := e.fails(&leader, "BAD_USER_INPUT", c.doc, c.vars)
		if err.Extensions["field"] != c.field {
			t.Errorf("%v: field %v, want %s (%s)", c.vars, err.Extensions["field"], c.field, err.Message)
		}
	}

	// Pages nested in pages are priced by their sizes.
	res := e.post(&leader, `{ funds(first: 100) { edges { node { applications(first: 100) { edges { node { history(first: 100) { totalCount } } } } } } } }`, nil)
	if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" {
		t.Errorf("nested pages: HTTP %d %s", res.Status, res.Body)
	}
	e.ok(leader, `{ funds(first: 5) { edges { node { `+fundFields+` applications(first: 10) { edges { node { `+applicationFields+` } } } } } } }`, nil)
}
