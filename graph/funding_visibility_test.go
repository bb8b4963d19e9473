package graph_test

import (
	"testing"

	"github.com/smartcity/portfolio/domain"
)

const visibilityQuery = `query($id: ID!, $fund: ID!) {
	application(id: $id) { id scores { expert score opinion }
		history { edges { node { type payload } } } }
	applications { totalCount edges { node { id } } }
	fund(id: $fund) { id applications { totalCount edges { node { id } } } } }`

// idsOf lists the node ids of a connection.
func idsOf(v any, path string) []string {
	out := []string{}
	for _, edge := range list(v, path+".edges") {
		out = append(out, str(edge, "node.id"))
	}
	return out
}

// TestApplicationsAreShownByRole checks who sees which applications and whose scores: owners
// their own organisation's, experts those assigned to them and before the decision only their
// own score, everybody else everything. Funds are open to all.
func TestApplicationsAreShownByRole(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "2000000")
	xz, ms := e.fundable(ownerXZ, proposal("XZ-F-020"))
	ha, _ := e.fundable(ownerHA, proposal("HA-F-020", "region", "320800"))
	appXZ := e.reviewed(ownerXZ, fund, xz, "500000", []domain.Actor{expert1, expert2}, expert1, expert2)
	appHA := e.submitted(ownerHA, fund, ha, "300000")
	both := []string{appXZ, appHA}

	sees := func(as domain.Actor, wantApp bool, wantList []string) map[string]any {
		t.Helper()
		res := e.post(&as, visibilityQuery, vars("id", appXZ, "fund", fund))
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %s", as.UserID, res.Body)
		}
		if got := get(res.Data, "application") != nil; got != wantApp {
			t.Errorf("%s sees application %s: %v, want %v", as.UserID, appXZ, got, wantApp)
		}
		want(t, res.Data, "applications.totalCount", len(wantList))
		want(t, idsOf(res.Data, "applications"), "", wantList)
		want(t, idsOf(res.Data, "fund.applications"), "", wantList) // the fund itself is open to everyone
		return res.Data
	}

	// Owners: their own organisation's only; another organisation's is null, not an error.
	sees(ownerHA, false, []string{appHA})
	own := sees(ownerXZ, true, []string{appXZ})
	want(t, list(own, "application.scores"), "", list(sees(office, true, both), "application.scores"))

	// Experts: only what they were assigned; nothing for one never assigned.
	sees(expert3, false, []string{})
	before := sees(expert1, true, []string{appXZ})
	want(t, before, "application.scores", []any{map[string]any{"expert": "chen.jie", "score": 85, "opinion": "方案可行"}})
	var scored []any
	for _, edge := range list(before, "application.history.edges") {
		if str(edge, "node.type") == "ApplicationScored.v1" {
			scored = append(scored, get(edge, "node.payload"))
		}
	}
	want(t, scored, "", []any{
		map[string]any{"applicationId": appXZ, "round": 1, "expertId": "chen.jie", "score": 85, "opinion": "方案可行"},
		map[string]any{"applicationId": appXZ, "round": 1, "expertId": "sun.li"}, // the other expert's score is hidden
	})
	want(t, sees(expert2, true, []string{appXZ}), "application.scores", []any{map[string]any{"expert": "sun.li", "score": 78, "opinion": "方案可行"}})

	// Finance, office, leadership and administrators see everything, every score.
	allScores := []any{
		map[string]any{"expert": "chen.jie", "score": 85, "opinion": "方案可行"},
		map[string]any{"expert": "sun.li", "score": 78, "opinion": "方案可行"},
	}
	for _, as := range []domain.Actor{financer, financeXZ, office, leader, admin} {
		want(t, sees(as, true, both), "application.scores", allScores)
	}

	// After the decision the experts see every score, in the history too.
	e.funding(financer, "approveApplication", onApp(appXZ, "approvedAmount", "500000",
		"tranches", []any{map[string]any{"milestoneId": ms[0], "amount": "500000"}}))
	after := sees(expert1, true, []string{appXZ})
	want(t, after, "application.scores", allScores)
	want(t, after, "application.history.edges.5.node.payload.score", 78)

	// Funds are visible to every authenticated user; applications by id follow the same rules.
	for _, as := range []domain.Actor{ownerHA, expert3, leader} {
		want(t, e.ok(as, `query($id: ID!) { fund(id: $id) { id } funds { totalCount } }`, vars("id", fund)), "funds.totalCount", 1)
	}
	q := e.ok(ownerHA, `query($id: ID!) { application(id: $id) { id } }`, vars("id", "0190a5c4-0000-7000-8000-000000000001"))
	want(t, q, "application", nil)
}
