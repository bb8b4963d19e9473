package graph_test

import (
	"strings"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
)

const workQuery = `query($first: Int, $after: String) { workQueue(first: $first, after: $after) {
	totalCount pageInfo { hasNextPage endCursor }
	edges { cursor node { kind application { id status } tranche { id amount status milestone { name } } waitingSince waitingHours } } } }`

// queueOf lists a queue's items as "KIND:application" (with ":tranche" for DISBURSE), oldest
// first, checking the order and the waiting times on the way.
func (e *env) queueOf(as domain.Actor, names map[string]string) string {
	e.t.Helper()
	q := e.ok(as, workQuery, vars("first", 100))
	var out []string
	var last time.Time
	for _, edge := range list(q, "workQueue.edges") {
		n := get(edge, "node")
		at, err := time.Parse(time.RFC3339Nano, str(n, "waitingSince"))
		if err != nil || at.Before(last) || time.Since(at) > time.Minute || num(n, "waitingHours") != 0 {
			e.t.Errorf("%s: item %v waits since %q (%v), after %v", as.UserID, n, str(n, "waitingSince"), err, last)
		}
		last = at
		item := str(n, "kind") + ":" + names[str(n, "application.id")]
		if tr := get(n, "tranche"); tr != nil {
			item += ":" + str(tr, "milestone.name") + "/" + str(tr, "amount") + "/" + str(tr, "status")
		}
		out = append(out, item)
	}
	if got := num(q, "workQueue.totalCount"); got != len(out) {
		e.t.Errorf("%s: totalCount %d for %d items", as.UserID, got, len(out))
	}
	return strings.Join(out, " ")
}

// TestWorkQueueShowsEachRoleItsPendingWorkOldestFirst builds applications at every step and
// reads the queue of the office, each expert, two finance bureaus and the roles without one.
func TestWorkQueueShowsEachRoleItsPendingWorkOldestFirst(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "5000000")
	otherFund := e.establish(financeXZ, "5000000")
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-030"))

	approved := e.reviewed(ownerXZ, fund, project, "500000", []domain.Actor{expert1}, expert1)
	pay := e.funding(financer, "approveApplication", onApp(approved, "approvedAmount", "500000", "approvedOn", "2024-05-01",
		"tranches", []any{map[string]any{"milestoneId": ms[0], "amount": "200000"}, map[string]any{"milestoneId": ms[1], "amount": "300000"}}))
	firstTranche := str(pay, "application.tranches.0.id")
	decide := e.reviewed(ownerXZ, fund, project, "400000", []domain.Actor{expert1}, expert1)
	decideOther := e.reviewed(ownerXZ, otherFund, project, "400000", []domain.Actor{expert2}, expert2)
	score := e.reviewed(ownerXZ, fund, project, "300000", []domain.Actor{expert1, expert2}, expert1)
	screen := e.submitted(ownerXZ, fund, project, "200000")
	assign := e.screened(ownerXZ, fund, project, "100000")
	e.draft(ownerXZ, fund, project, "50000") // a draft is nobody's work yet
	names := map[string]string{approved: "approved", decide: "decide", decideOther: "decideOther", score: "score", screen: "screen", assign: "assign"}

	want(t, e.queueOf(office, names), "", "SCREEN:screen ASSIGN_EXPERTS:assign")
	want(t, e.queueOf(expert2, names), "", "SCORE:score")
	want(t, e.queueOf(expert1, names), "", "")
	want(t, e.queueOf(expert3, names), "", "")
	// Finance: only the funds its bureau manages; nothing to pay before the milestone is achieved.
	want(t, e.queueOf(financer, names), "", "DECIDE:decide")
	want(t, e.queueOf(financeXZ, names), "", "DECIDE:decideOther")
	for _, as := range []domain.Actor{ownerXZ, leader, admin} {
		want(t, e.queueOf(as, names), "", "")
	}

	// The milestone achieved, its tranche is waiting to be paid, after the older decision.
	e.command(ownerXZ, "achieveMilestone", on(project, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收"))
	want(t, e.queueOf(financer, names), "", "DECIDE:decide DISBURSE:approved:一期路口上线/200000.00/PENDING")
	// A suspended project is paid nothing, so there is nothing to pay until it resumes.
	e.command(office, "suspendProject", on(project, "reason", "审计"))
	want(t, e.queueOf(financer, names), "", "DECIDE:decide")
	e.command(office, "resumeProject", on(project))
	want(t, e.queueOf(financer, names), "", "DECIDE:decide DISBURSE:approved:一期路口上线/200000.00/PENDING")
	// Once scored, decided and paid, the work leaves the queues.
	e.funding(expert2, "scoreApplication", onApp(score, "score", 70, "opinion", "可行"))
	want(t, e.queueOf(expert2, names), "", "")
	e.funding(financer, "disburseTranche", onApp(approved, "trancheId", firstTranche, "disbursedOn", "2024-07-01", "voucherNumber", "PZ-1"))
	e.funding(financer, "rejectApplication", onApp(decide, "reason", "重复申报"))
	want(t, e.queueOf(financer, names), "", "DECIDE:score")

	// Paging: one item at a time, oldest first, with cursors of this list only.
	p1 := e.ok(office, workQuery, vars("first", 1))
	want(t, p1, "workQueue.pageInfo.hasNextPage", true)
	want(t, p1, "workQueue.edges.0.node.kind", "SCREEN")
	p2 := e.ok(office, workQuery, vars("first", 1, "after", get(p1, "workQueue.pageInfo.endCursor")))
	want(t, p2, "workQueue.pageInfo.hasNextPage", false)
	want(t, p2, "workQueue.edges.0.node.kind", "ASSIGN_EXPERTS")
	want(t, p2, "workQueue.totalCount", 2)
	projectCursor := str(e.ok(leader, `{ projects { pageInfo { endCursor } } }`, nil), "projects.pageInfo.endCursor")
	for _, bad := range []map[string]any{vars("after", projectCursor), vars("after", "bm9wZQ"), vars("first", 101)} {
		err := e.fails(&office, "BAD_USER_INPUT", workQuery, bad)
		if f := err.Extensions["field"]; f != "after" && f != "first" {
			t.Errorf("%v: field %v", bad, f)
		}
	}
}
