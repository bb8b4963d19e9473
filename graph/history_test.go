package graph_test

import (
	"strconv"
	"testing"
	"time"
)

const historyQuery = `query($id: ID!, $first: Int, $after: String) {
	projectHistory(id: $id, first: $first, after: $after) {
		totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
		edges { cursor node { id version type command payload correlationId recordedAt
			actor { userId role organization } } } } }`

// TestHistoryShowsWhoDidWhatAndWhenInOrder checks the event history: order, actors, commands,
// payloads, correlation ids and paging.
func TestHistoryShowsWhoDidWhatAndWhenInOrder(t *testing.T) {
	e := newEnv(t)
	res := e.post(&ownerXZ, commandQuery("proposeProject"), vars("input", proposal("XZ-2024-030")), "X-Request-ID", "req-propose-1")
	if res.Header.Get("X-Request-ID") != "req-propose-1" || len(res.Errors) > 0 {
		t.Fatalf("propose: X-Request-ID %q, %s", res.Header.Get("X-Request-ID"), res.Body)
	}
	id := str(res.Data, "proposeProject.project.id")
	sub := e.post(&ownerXZ, commandQuery("submitProjectForReview"), vars("input", on(id)))
	minted := sub.Header.Get("X-Request-ID")
	if len(minted) != 36 {
		t.Fatalf("minted request id %q", minted)
	}
	e.command(expert1, "recordExpertReview", on(id, "score", 90, "opinion", "同意立项"))
	e.command(office, "approveProject", on(id, "documentNumber", "徐政发〔2024〕8号", "approvedBudget", "1200000", "approvedOn", "2024-03-01"))

	q := e.ok(leader, historyQuery, vars("id", id))
	h := get(q, "projectHistory")
	want(t, h, "totalCount", 4)
	want(t, h, "pageInfo.hasNextPage", false)
	rows := []struct {
		typ, command, user, role string
		org                      any
		corr                     string
	}{
		{"ProjectProposed.v1", "ProposeProject", "li.wei", "OWNER", "xz-bigdata", "req-propose-1"},
		{"ProjectSubmittedForReview.v1", "SubmitProjectForReview", "li.wei", "OWNER", "xz-bigdata", minted},
		{"ExpertReviewRecorded.v1", "RecordExpertReview", "chen.jie", "EXPERT", "nju", ""},
		{"ProjectApproved.v1", "ApproveProject", "wang.fang", "OFFICE", "js-smart-office", ""},
	}
	var last time.Time
	for i, r := range rows {
		n := get(h, "edges."+strconv.Itoa(i)+".node")
		want(t, n, "version", i+1)
		want(t, n, "type", r.typ)
		want(t, n, "command", r.command)
		want(t, n, "actor", map[string]any{"userId": r.user, "role": r.role, "organization": r.org})
		if r.corr != "" {
			want(t, n, "correlationId", r.corr)
		} else if len(str(n, "correlationId")) != 36 {
			t.Errorf("event %d: correlation id %q", i+1, str(n, "correlationId"))
		}
		at, err := time.Parse(time.RFC3339Nano, str(n, "recordedAt"))
		if err != nil || at.Before(last) || time.Since(at) > time.Minute {
			t.Errorf("event %d recorded at %q (%v), previous %v", i+1, str(n, "recordedAt"), err, last)
		}
		last = at
	}
	want(t, h, "edges.0.node.payload.code", "XZ-2024-030")
	want(t, h, "edges.0.node.payload.plannedInvestment", "1200000.00")
	want(t, h, "edges.0.node.payload.funding.selfRaised", "400000.00")
	want(t, h, "edges.2.node.payload.score", 90)
	want(t, h, "edges.3.node.payload", map[string]any{
		"projectId": id, "documentNo": "徐政发〔2024〕8号", "approvedBudget": "1200000.00", "approvedOn": "2024-03-01",
	})

	// Paging, and the same history through Project.history.
	p1 := e.ok(leader, historyQuery, vars("id", id, "first", 3))
	want(t, p1, "projectHistory.pageInfo.hasNextPage", true)
	p2 := e.ok(leader, historyQuery, vars("id", id, "first", 3, "after", get(p1, "projectHistory.pageInfo.endCursor")))
	want(t, p2, "projectHistory.pageInfo", map[string]any{"hasNextPage": false, "hasPreviousPage": true, "endCursor": get(h, "edges.3.cursor")})
	want(t, p2, "projectHistory.edges.0.node.type", "ProjectApproved.v1")
	ph := e.ok(ownerHA, `query($id: ID!) { project(id: $id) { history(first: 1, after: null) { totalCount edges { node { type actor { userId } } } } } }`, vars("id", id))
	want(t, ph, "project.history.totalCount", 4)
	want(t, ph, "project.history.edges", []any{map[string]any{"node": map[string]any{"type": "ProjectProposed.v1", "actor": map[string]any{"userId": "li.wei"}}}})

	projectCursor := str(e.ok(leader, `{ projects { pageInfo { endCursor } } }`, nil), "projects.pageInfo.endCursor")
	err := e.fails(&leader, "BAD_USER_INPUT", historyQuery, vars("id", id, "after", projectCursor))
	want(t, err.Extensions, "field", "after")
	e.fails(&leader, "BAD_USER_INPUT", historyQuery, vars("id", id, "first", 500))
	e.fails(&leader, "BAD_USER_INPUT", historyQuery, vars("id", "XZ-2024-030"))
}
