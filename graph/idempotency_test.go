package graph_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestRetryWithTheSameIdempotencyKeyActsOnce checks that a retried mutation records nothing new,
// answers with the ids of the first attempt and says it was replayed.
func TestRetryWithTheSameIdempotencyKeyActsOnce(t *testing.T) {
	e := newEnv(t)

	first := e.command(ownerXZ, "proposeProject", proposal("XZ-2024-020", "idempotencyKey", "propose-1", "clientMutationId", "a"))
	retry := e.command(ownerXZ, "proposeProject", proposal("XZ-2024-020", "idempotencyKey", "propose-1", "clientMutationId", "b"))
	id := str(first, "project.id")
	want(t, first, "replayed", false)
	want(t, retry, "replayed", true)
	want(t, retry, "clientMutationId", "b")
	want(t, retry, "project.id", id)

	plan := on(id, "idempotencyKey", "plan-1", "name", "一期", "plannedDate", "2024-06-30", "weight", 40)
	m1 := e.command(ownerXZ, "planMilestone", plan)
	m2 := e.command(ownerXZ, "planMilestone", plan)
	want(t, m1, "replayed", false)
	want(t, m2, "replayed", true)
	if str(m1, "milestone.id") == "" || str(m2, "milestone.id") != str(m1, "milestone.id") {
		t.Errorf("retry minted milestone %q, first %q", str(m2, "milestone.id"), str(m1, "milestone.id"))
	}
	ind := on(id, "idempotencyKey", "ind-1", "name", "FTTH 用户", "unit", "户", "baseline", "120000", "target", "480000", "targetDate", "2017-12-31")
	i1, i2 := e.command(ownerXZ, "defineIndicator", ind), e.command(ownerXZ, "defineIndicator", ind)
	want(t, i2, "indicator.id", str(i1, "indicator.id"))
	want(t, i2, "indicator.target", "480000")

	// The same key with other input is refused, and keys belong to their user.
	err := e.commandFails(ownerXZ, "BAD_USER_INPUT", "planMilestone", on(id, "idempotencyKey", "plan-1", "name", "一期", "plannedDate", "2024-06-30", "weight", 50))
	if !strings.Contains(err.Message, "idempotency key already used") {
		t.Errorf("message %q", err.Message)
	}
	other := e.command(ownerHA, "proposeProject", proposal("HA-2024-020", "region", "320800", "idempotencyKey", "propose-1"))
	want(t, other, "replayed", false)
	if str(other, "project.id") == id {
		t.Error("another user's key answered with the first user's project")
	}

	// Money is counted once.
	id2 := e.building(ownerXZ, proposal("XZ-2024-021"))
	spend := on(id2, "idempotencyKey", "spend-1", "spentOn", "2024-05-01", "amount", "100.00", "category", "SERVICES", "description", "监理费")
	e.command(ownerXZ, "recordExpenditure", spend)
	want(t, e.command(ownerXZ, "recordExpenditure", spend), "project.spent", "100.00")
	rev := on(id2, "idempotencyKey", "rev-1", "newBudget", "1300000", "reason", "增加监理")
	r1, r2 := e.command(ownerXZ, "proposeBudgetRevision", rev), e.command(ownerXZ, "proposeBudgetRevision", rev)
	want(t, r2, "budgetRevision.id", str(r1, "budgetRevision.id"))
	want(t, r2, "replayed", true)

	h := e.ok(office, `query($id: ID!) { projectHistory(id: $id) { totalCount edges { node { type } } } }`, vars("id", id))
	want(t, h, "projectHistory.totalCount", 3)
	want(t, e.ok(office, `{ projects { totalCount } }`, nil), "projects.totalCount", 3)
	h2 := e.ok(office, `query($id: ID!) { project(id: $id) { expenditures { amount } budgetRevisions { status } } }`, vars("id", id2))
	want(t, h2, "project.expenditures", []any{map[string]any{"amount": "100.00"}})
	want(t, h2, "project.budgetRevisions", []any{map[string]any{"status": "PENDING"}})
}

// TestQueriesRightAfterAMutationSeeIt checks read-your-writes: each separate query that follows a
// mutation shows its effect, in the project, its parts and the list.
func TestQueriesRightAfterAMutationSeeIt(t *testing.T) {
	e := newEnv(t)
	id := e.building(ownerXZ, proposal("XZ-2024-022"))
	const read = `query($id: ID!) { project(id: $id) { spent version milestones { name } }
		projects(filter: { status: [IN_CONSTRUCTION] }) { totalCount } }`
	for i := 1; i <= 5; i++ {
		e.command(ownerXZ, "recordExpenditure", on(id, "spentOn", "2024-05-01", "amount", "1000", "category", "OTHER", "description", fmt.Sprint("第", i, "笔")))
		q := e.ok(leader, read, vars("id", id))
		want(t, q, "project.spent", fmt.Sprintf("%d.00", 1000*i))
		want(t, q, "projects.totalCount", 1)
		e.command(ownerXZ, "planMilestone", on(id, "name", fmt.Sprint("M", i), "plannedDate", "2024-06-30", "weight", 10))
		q = e.ok(leader, read, vars("id", id))
		if n := len(list(q, "project.milestones")); n != i {
			t.Fatalf("after %d milestones the project shows %d", i, n)
		}
	}
	another := e.propose(ownerHA, proposal("HA-2024-022", "region", "320800"))
	q := e.ok(leader, `{ projects { totalCount edges { node { id } } } }`, nil)
	want(t, q, "projects.totalCount", 2)
	want(t, q, "projects.edges.1.node.id", another)
}
