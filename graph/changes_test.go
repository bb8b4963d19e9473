package graph_test

import (
	"testing"

	"github.com/smartcity/portfolio/domain"
)

const changesQuery = `query($id: ID!, $first: Int, $after: String) {
	projectHistory(id: $id, first: $first, after: $after) {
		pageInfo { hasNextPage endCursor }
		edges { node { version type actor { userId } changes { path before after } } } } }`

// change is one expected entry of Event.changes.
func change(path string, before, after any) map[string]any {
	return map[string]any{"path": path, "before": before, "after": after}
}

// TestHistoryShowsValuesBeforeAndAfterEachEvent checks Event.changes against hand-worked values
// for a project's events, on a full page and on a later page (whose first event still needs the
// fold from version 1).
func TestHistoryShowsValuesBeforeAndAfterEachEvent(t *testing.T) {
	e := newEnv(t)
	id := e.underReview(ownerXZ, proposal("XZ-2024-031"))
	e.command(expert1, "recordExpertReview", on(id, "score", 90, "opinion", "同意立项"))
	e.command(office, "approveProject", on(id, "documentNumber", "徐政发〔2024〕8号", "approvedBudget", "1200000", "approvedOn", "2024-03-01"))
	e.command(ownerXZ, "startConstruction", on(id, "startedOn", "2024-03-15"))

	approval := []any{
		change("/approvalDocumentNo", nil, "徐政发〔2024〕8号"),
		change("/approvedBudget", nil, "1200000.00"),
		change("/approvedOn", nil, "2024-03-01"),
		change("/initialApprovedBudget", nil, "1200000.00"),
		change("/remainingBudget", nil, "1200000.00"),
		change("/status", "UNDER_REVIEW", "APPROVED"),
	}
	h := e.ok(leader, changesQuery, vars("id", id))
	want(t, h, "projectHistory.edges.0.node.changes.0", change("/code", nil, "XZ-2024-031"))
	want(t, h, "projectHistory.edges.1.node.changes", []any{change("/reviewRound", nil, 1), change("/status", "PROPOSED", "UNDER_REVIEW")})
	review := map[string]any{"expertId": "chen.jie", "opinion": "同意立项", "round": 1, "score": 90}
	want(t, h, "projectHistory.edges.2.node.changes", []any{
		change("/currentReviews", nil, []any{review}), change("/reviews", nil, []any{review}),
	})
	want(t, h, "projectHistory.edges.3.node.changes", approval)
	want(t, h, "projectHistory.edges.4.node.changes", []any{
		change("/constructionStart", nil, "2024-03-15"), change("/status", "APPROVED", "IN_CONSTRUCTION"),
	})

	// The second page starts at the approval: same values, folded from the first event.
	p1 := e.ok(leader, changesQuery, vars("id", id, "first", 3))
	want(t, p1, "projectHistory.pageInfo.hasNextPage", true)
	p2 := e.ok(leader, changesQuery, vars("id", id, "first", 1, "after", get(p1, "projectHistory.pageInfo.endCursor")))
	want(t, p2, "projectHistory.edges.0.node.version", 4)
	want(t, p2, "projectHistory.edges.0.node.changes", approval)
	want(t, p2, "projectHistory.pageInfo.hasNextPage", true)
}

// TestFundAndApplicationHistoriesShowMoneyBeforeAndAfter checks the fund's money and the
// application's figures around approval and disbursement, and that an expert does not see another
// expert's score through the changes before the decision.
func TestFundAndApplicationHistoriesShowMoneyBeforeAndAfter(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "1200000")
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-050"))
	app := e.reviewed(ownerXZ, fund, project, "600000", []domain.Actor{expert1, expert2}, expert1, expert2)

	appHistory := `query($id: ID!) { application(id: $id) { history { edges { node { type actor { userId } changes { path before after } } } } } }`
	// Before the decision, chen.jie sees his own score and not sun.li's, in the changes too.
	mine := map[string]any{"expertId": "chen.jie", "opinion": "方案可行", "round": 1, "score": 85}
	ex := e.ok(expert1, appHistory, vars("id", app))
	want(t, ex, "application.history.edges.4.node.changes.0", change("/allScores", nil, []any{mine}))
	want(t, ex, "application.history.edges.5.node.actor.userId", "sun.li")
	want(t, ex, "application.history.edges.5.node.changes.1", change("/allScores/1", nil, map[string]any{"expertId": "sun.li", "round": 1}))
	want(t, ex, "application.history.edges.5.node.changes.3", change("/scores/1", nil, map[string]any{"expertId": "sun.li", "round": 1}))
	// Finance sees both.
	theirs := map[string]any{"expertId": "sun.li", "opinion": "方案可行", "round": 1, "score": 78}
	fi := e.ok(financer, appHistory, vars("id", app))
	want(t, fi, "application.history.edges.5.node.changes.1", change("/allScores/1", nil, theirs))

	ap := e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "500000", "approvedOn", "2024-05-01",
		"tranches", []any{map[string]any{"milestoneId": ms[0], "amount": "200000"}, map[string]any{"milestoneId": ms[1], "amount": "300000"}}))
	t1 := str(ap, "application.tranches.0.id")
	e.command(ownerXZ, "achieveMilestone", on(project, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收报告"))
	e.funding(financer, "disburseTranche", onApp(app, "trancheId", t1, "disbursedOn", "2024-07-10", "voucherNumber", "PZ-2024-0711"))

	// After the decision the expert sees sun.li's score.
	ex = e.ok(expert1, appHistory, vars("id", app))
	want(t, ex, "application.history.edges.5.node.changes.1", change("/allScores/1", nil, theirs))
	pay := get(e.ok(financer, appHistory, vars("id", app)), "application.history.edges.7.node")
	want(t, pay, "type", "TrancheDisbursed.v1")
	want(t, pay, "changes", []any{
		change("/disbursedAmount", nil, "200000.00"),
		change("/netDisbursed", nil, "200000.00"),
		change("/reservedAmount", "500000.00", "300000.00"),
		change("/tranches/0/disbursedOn", nil, "2024-07-10"),
		change("/tranches/0/status", "PENDING", "DISBURSED"),
		change("/tranches/0/voucherNo", nil, "PZ-2024-0711"),
	})

	fh := e.ok(leader, `query($id: ID!) { fund(id: $id) { history { edges { node { type changes { path before after } } } } } }`, vars("id", fund))
	edges := list(fh, "fund.history.edges")
	if len(edges) != 3 {
		t.Fatalf("fund history: %v", edges)
	}
	want(t, edges[1], "node.type", "FundMoneyReserved.v1")
	want(t, edges[1], "node.changes", []any{
		change("/allocations", nil, []any{map[string]any{"applicationId": app, "reserved": "500000.00"}}),
		change("/available", "1200000.00", "700000.00"),
		change("/reserved", nil, "500000.00"),
	})
	want(t, edges[2], "node.type", "FundMoneyDisbursed.v1")
	want(t, edges[2], "node.changes", []any{
		change("/allocations/0/disbursed", nil, "200000.00"),
		change("/disbursed", nil, "200000.00"),
		change("/reserved", "500000.00", "300000.00"),
	})
}
