package graph_test

import (
	"testing"
	"time"
)

// chinaToday is the calendar date in China now.
func chinaToday() string {
	return time.Now().In(time.FixedZone("CST", 8*3600)).Format(time.DateOnly)
}

// TestOmittedDatesMeanTodayInChina checks that the optional dates of commands default to the
// server's today in China.
func TestOmittedDatesMeanTodayInChina(t *testing.T) {
	e := newEnv(t)
	before := chinaToday()
	id := e.underReview(ownerXZ, proposal("XZ-2024-050"))
	e.command(expert1, "recordExpertReview", on(id, "score", 80, "opinion", "可行"))
	a := e.command(office, "approveProject", on(id, "documentNumber", "苏经信〔2026〕1号", "approvedBudget", "1000000"))
	c := e.command(ownerXZ, "startConstruction", on(id))
	x := e.command(ownerXZ, "recordExpenditure", on(id, "amount", "10", "category", "OTHER", "description", "印刷"))
	after := chinaToday()
	for path, p := range map[string]map[string]any{
		"project.approval.approvedOn": a, "project.constructionStartedOn": c,
	} {
		if got := str(p, path); got != before && got != after {
			t.Errorf("%s = %q, want today %s", path, got, after)
		}
	}
	q := e.ok(ownerXZ, `query($id: ID!) { project(id: $id) { expenditures { spentOn } } }`, vars("id", id))
	if got := str(q, "project.expenditures.0.spentOn"); got != before && got != after {
		t.Errorf("spentOn = %q, want today %s", got, after)
	}
	want(t, x, "project.spent", "10.00")
}

// TestMutationsOfOneDocumentEachSeeTheOnesBefore checks that a document with several mutations
// reads fresh data after each one (the per-request loaders forget what a mutation changed).
func TestMutationsOfOneDocumentEachSeeTheOnesBefore(t *testing.T) {
	e := newEnv(t)
	id := e.propose(ownerXZ, proposal("XZ-2024-051"))
	q := e.ok(ownerXZ, `mutation($a: PlanMilestoneInput!, $b: PlanMilestoneInput!) {
		a: planMilestone(input: $a) { project { milestones { name } plannedPercent version } }
		b: planMilestone(input: $b) { project { milestones { name } plannedPercent version } } }`,
		vars("a", on(id, "name", "一期", "plannedDate", "2024-06-30", "weight", 30),
			"b", on(id, "name", "二期", "plannedDate", "2024-12-31", "weight", 30)))
	want(t, q, "a.project", map[string]any{"milestones": []any{map[string]any{"name": "一期"}}, "plannedPercent": 30, "version": 2})
	want(t, q, "b.project", map[string]any{"milestones": []any{map[string]any{"name": "一期"}, map[string]any{"name": "二期"}}, "plannedPercent": 60, "version": 3})
}
