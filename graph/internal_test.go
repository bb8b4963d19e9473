package graph_test

import (
	"context"
	"strings"
	"testing"
)

// TestInternalErrorsLeakNoDetails breaks a read model under the running server and checks that
// the client learns only "internal error" while the log keeps the cause.
func TestInternalErrorsLeakNoDetails(t *testing.T) {
	e := newEnv(t)
	e.propose(ownerXZ, proposal("XZ-2024-040"))
	if _, err := e.db.Pool.Exec(context.Background(), `ALTER TABLE indicator_view RENAME TO indicator_view_gone`); err != nil {
		t.Fatal(err)
	}
	res := e.post(&leader, `{ projects { edges { node { code indicators { name } } } } }`, nil)
	if res.Status != 200 || len(res.Errors) != 1 || res.Data["projects"] != nil {
		t.Fatalf("HTTP %d %s", res.Status, res.Body)
	}
	err := res.Errors[0]
	want(t, err.Extensions, "code", "INTERNAL")
	want(t, err.Message, "", "internal error")
	want(t, err.Path, "", []any{"projects", "edges", 0, "node", "indicators"})
	for _, secret := range []string{"indicator_view", "relation", "SQLSTATE", "42P01"} {
		if strings.Contains(res.Body, secret) {
			t.Errorf("the response leaks %q: %s", secret, res.Body)
		}
	}
	if !strings.Contains(e.log.String(), "indicator_view") {
		t.Errorf("the log does not keep the cause: %s", e.log.String())
	}
}

// TestOverComplexOperationsAreRefused checks the complexity limit: nested pages are refused,
// an ordinary page of 20 projects with their parts is not.
func TestOverComplexOperationsAreRefused(t *testing.T) {
	e := newEnv(t)
	res := e.post(&leader, `{ projects(first: 100) { edges { node { history(first: 100) { edges { node { id type } } } } } } }`, nil)
	if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "COMPLEXITY_LIMIT_EXCEEDED" || res.Data != nil {
		t.Fatalf("HTTP %d %s", res.Status, res.Body)
	}
	e.ok(leader, `{ projects(first: 20) { totalCount edges { cursor node { `+projectFields+`
		nextMilestone { name } milestones { `+milestoneFields+` } indicators { `+indicatorFields+` }
		expertReviews { score } progressReports { percent } expenditures { amount } budgetRevisions { status } } } } }`, nil)
}
