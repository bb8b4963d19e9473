package graph_test

import (
	"testing"

	"github.com/smartcity/portfolio/domain"
)

// TestReturnedApplicationIsRevisedAndResubmittedInANewRound covers the revision loop: returned by
// the finance bureau, revised by the owner, resubmitted as round 2 with screening, experts and
// scores starting afresh, then approved.
func TestReturnedApplicationIsRevisedAndResubmittedInANewRound(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "1000000")
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-010"))
	app := e.reviewed(ownerXZ, fund, project, "600000", []domain.Actor{expert1, expert2}, expert1, expert2)

	ret := e.funding(financer, "returnApplicationForRevision", onApp(app, "reason", "请补充绩效目标并压缩金额"))
	want(t, ret, "application.status", "RETURNED")
	want(t, ret, "application.statusReason", "请补充绩效目标并压缩金额")
	wantFund(t, get(ret, "application.fund"), "1000000.00", "1000000.00", "0.00", "0.00", "0.00")

	rev := e.funding(ownerXZ, "reviseApplication", onApp(app, "supportMode", "LOAN_INTEREST_SUBSIDY",
		"requestedAmount", "400000.50", "justification", "已补充绩效目标"))
	want(t, rev, "application.status", "RETURNED")
	want(t, rev, "application.supportMode", "LOAN_INTEREST_SUBSIDY")
	want(t, rev, "application.requestedAmount", "400000.50")
	want(t, rev, "application.justification", "已补充绩效目标")
	// A revision that changes nothing is refused.
	e.fundingFails(ownerXZ, "BAD_USER_INPUT", "reviseApplication", onApp(app, "supportMode", "LOAN_INTEREST_SUBSIDY",
		"requestedAmount", "400000.50", "justification", "已补充绩效目标"))

	re := e.funding(ownerXZ, "resubmitApplication", onApp(app))
	want(t, re, "application.status", "SUBMITTED")
	want(t, re, "application.round", 2)
	want(t, re, "application.statusReason", nil)
	want(t, re, "application.screening", nil)
	want(t, re, "application.assignedExperts", []any{})
	e.funding(office, "screenApplication", onApp(app, "passed", true))
	e.funding(office, "assignExperts", onApp(app, "experts", expertsOf(expert1)))
	sc := e.funding(expert1, "scoreApplication", onApp(app, "score", 90, "opinion", "修改到位"))
	want(t, sc, "application.assignedExperts", []any{map[string]any{"user": "chen.jie", "organization": "nju", "scored": true}})

	// Finance sees every round's scores.
	q := e.ok(financer, `query($id: ID!) { application(id: $id) { round scores { round expert score } } }`, vars("id", app))
	want(t, q, "application.round", 2)
	want(t, q, "application.scores", []any{
		map[string]any{"round": 1, "expert": "chen.jie", "score": 85},
		map[string]any{"round": 1, "expert": "sun.li", "score": 78},
		map[string]any{"round": 2, "expert": "chen.jie", "score": 90},
	})

	ap := e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "400000.50",
		"tranches", []any{map[string]any{"milestoneId": ms[1], "amount": "400000.50"}}))
	want(t, ap, "application.status", "APPROVED")
	want(t, ap, "application.approvedOn", chinaToday())
	want(t, ap, "application.documentNumber", nil)
	wantFund(t, get(ap, "application.fund"), "1000000.00", "599999.50", "400000.50", "0.00", "0.00")
}

// TestApplicationsAreRejectedWithdrawnOrFailScreening covers the three other ends: rejection by
// the finance bureau, withdrawal by the owner and a failed screening. None of them touches the
// fund's money.
func TestApplicationsAreRejectedWithdrawnOrFailScreening(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "1000000")
	project, _ := e.fundable(ownerXZ, proposal("XZ-F-011"))

	rejected := e.reviewed(ownerXZ, fund, project, "300000", []domain.Actor{expert1}, expert1)
	rj := e.funding(financer, "rejectApplication", onApp(rejected, "reason", "与市级平台重复建设"))
	want(t, rj, "application.status", "REJECTED")
	want(t, rj, "application.statusReason", "与市级平台重复建设")
	want(t, rj, "application.approvedAmount", nil)
	e.fundingFails(ownerXZ, "BAD_USER_INPUT", "resubmitApplication", onApp(rejected))

	withdrawn := e.screened(ownerXZ, fund, project, "200000")
	wd := e.funding(ownerXZ, "withdrawApplication", onApp(withdrawn, "reason", "项目合并"))
	want(t, wd, "application.status", "WITHDRAWN")
	want(t, wd, "application.statusReason", "项目合并")
	silent := e.draft(ownerXZ, fund, project, "100000")
	want(t, e.funding(ownerXZ, "withdrawApplication", onApp(silent)), "application.statusReason", nil)

	failed := e.submitted(ownerXZ, fund, project, "100000")
	sf := e.funding(office, "screenApplication", onApp(failed, "passed", false, "reasons", []string{"缺少可研批复", "预算表未盖章"}))
	want(t, sf, "application.status", "SCREENING_FAILED")
	want(t, sf, "application.statusReason", "缺少可研批复; 预算表未盖章")
	want(t, sf, "application.screening", map[string]any{"passed": false, "note": nil, "reasons": []any{"缺少可研批复", "预算表未盖章"}})
	// A failure needs reasons, and a pass takes none.
	other := e.submitted(ownerXZ, fund, project, "100000")
	err := e.fundingFails(office, "BAD_USER_INPUT", "screenApplication", onApp(other, "passed", false))
	want(t, err.Extensions, "field", "reasons")
	err = e.fundingFails(office, "BAD_USER_INPUT", "screenApplication", onApp(other, "passed", true, "reasons", []string{"x"}))
	want(t, err.Extensions, "field", "reasons")

	q := e.ok(leader, `query($fund: ID!) { fund(id: $fund) { `+fundFields+` }
		applications(filter: { fund: $fund, status: [REJECTED, WITHDRAWN, SCREENING_FAILED] }) { totalCount edges { node { id status } } }
		all: applications(filter: { project: null, ownerOrganization: "xz-bigdata", supportMode: INVESTMENT_SUBSIDY }) { totalCount } }`,
		vars("fund", fund))
	wantFund(t, get(q, "fund"), "1000000.00", "1000000.00", "0.00", "0.00", "0.00")
	want(t, q, "applications.totalCount", 4)
	want(t, q, "applications.edges", []any{
		map[string]any{"node": map[string]any{"id": rejected, "status": "REJECTED"}},
		map[string]any{"node": map[string]any{"id": withdrawn, "status": "WITHDRAWN"}},
		map[string]any{"node": map[string]any{"id": silent, "status": "WITHDRAWN"}},
		map[string]any{"node": map[string]any{"id": failed, "status": "SCREENING_FAILED"}},
	})
	want(t, q, "all.totalCount", 5)
}
