package graph_test

import (
	"strings"
	"testing"
	"time"
)

// TestFundingApplicationFromDraftToClosedMovesTheFundsMoneyExactly takes one application through
// the whole path: drafted, submitted, screened, two experts assigned and scoring, approved in two
// tranches on two milestones, the first milestone achieved and its tranche paid, part of the
// money recovered and the remainder cancelled. The fund's figures are checked after every step
// that moves money.
func TestFundingApplicationFromDraftToClosedMovesTheFundsMoneyExactly(t *testing.T) {
	e := newEnv(t)

	est := e.funding(financer, "establishFund", map[string]any{"clientMutationId": "f-1",
		"name": "江苏省智慧城市建设专项资金", "kind": "SPECIAL_FUND", "fiscalYear": 2024, "pool": "1000000",
		"supportModes": []string{"INVESTMENT_SUBSIDY", "LOAN_INTEREST_SUBSIDY"}})
	fund := str(est, "fund.id")
	want(t, est, "clientMutationId", "f-1")
	want(t, est, "replayed", false)
	want(t, est, "fund.kind", "SPECIAL_FUND")
	want(t, est, "fund.fiscalYear", 2024)
	want(t, est, "fund.managingOrganization", "js-finance")
	want(t, est, "fund.supportModes", []string{"INVESTMENT_SUBSIDY", "LOAN_INTEREST_SUBSIDY"})
	want(t, est, "fund.status", "OPEN")
	want(t, est, "fund.closeReason", nil)
	want(t, est, "fund.version", 1)
	wantFund(t, get(est, "fund"), "1000000.00", "1000000.00", "0.00", "0.00", "0.00")
	top := e.funding(financer, "topUpFund", map[string]any{"fundId": fund, "amount": "200000.00", "note": "苏财预〔2024〕3号", "expectedVersion": 1})
	wantFund(t, get(top, "fund"), "1200000.00", "1200000.00", "0.00", "0.00", "0.00")
	want(t, top, "fund.version", 2)

	project, ms := e.fundable(ownerXZ, proposal("XZ-F-001"))
	d := e.funding(ownerXZ, "draftApplication", map[string]any{"clientMutationId": "d-1",
		"projectId": project, "fundId": fund, "supportMode": "INVESTMENT_SUBSIDY",
		"requestedAmount": "600000", "justification": "信号控制系统建设需财政补助"})
	app := str(d, "application.id")
	want(t, d, "clientMutationId", "d-1")
	want(t, d, "application.status", "DRAFT")
	want(t, d, "application.round", 0)
	want(t, d, "application.fund.id", fund)
	want(t, d, "application.project", map[string]any{"id": project, "code": "XZ-F-001"})
	want(t, d, "application.ownerOrganization", "xz-bigdata")
	want(t, d, "application.supportMode", "INVESTMENT_SUBSIDY")
	want(t, d, "application.requestedAmount", "600000.00")
	want(t, d, "application.screening", nil)
	want(t, d, "application.approvedAmount", nil)
	want(t, d, "application.tranches", []any{})
	want(t, d, "application.version", 1)
	drafted, err := time.Parse(time.RFC3339Nano, str(d, "application.waitingSince"))
	if err != nil || time.Since(drafted) > time.Minute {
		t.Errorf("waitingSince %q (%v)", str(d, "application.waitingSince"), err)
	}

	s := e.funding(ownerXZ, "submitApplication", onApp(app, "expectedVersion", 1))
	want(t, s, "application.status", "SUBMITTED")
	want(t, s, "application.round", 1)
	if str(s, "application.waitingSince") <= str(d, "application.waitingSince") {
		t.Errorf("the waiting clock did not restart on submission: %s", str(s, "application.waitingSince"))
	}
	sc := e.funding(office, "screenApplication", onApp(app, "passed", true, "note", "材料齐全"))
	want(t, sc, "application.status", "SCREENED")
	want(t, sc, "application.screening", map[string]any{"passed": true, "note": "材料齐全", "reasons": []any{}})
	as := e.funding(office, "assignExperts", onApp(app, "experts", expertsOf(expert1, expert2)))
	want(t, as, "application.status", "UNDER_EXPERT_REVIEW")
	want(t, as, "application.assignedExperts", []any{
		map[string]any{"user": "chen.jie", "organization": "nju", "scored": false},
		map[string]any{"user": "sun.li", "organization": "seu", "scored": false},
	})
	s1 := e.funding(expert1, "scoreApplication", onApp(app, "score", 85, "opinion", "技术路线成熟"))
	want(t, s1, "application.assignedExperts.0.scored", true)
	s2 := e.funding(expert2, "scoreApplication", onApp(app, "score", 78, "opinion", "投资偏高"))
	want(t, s2, "application.scores.0.expert", "sun.li") // before the decision, an expert sees only their own

	ap := e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "500000", "approvedOn", "2024-05-01",
		"documentNumber", "苏财建〔2024〕18号", "tranches", []any{
			map[string]any{"milestoneId": ms[0], "amount": "200000"},
			map[string]any{"milestoneId": ms[1], "amount": "300000.00"},
		}))
	a := get(ap, "application")
	want(t, a, "status", "APPROVED")
	want(t, a, "approvedAmount", "500000.00")
	want(t, a, "approvedOn", "2024-05-01")
	want(t, a, "documentNumber", "苏财建〔2024〕18号")
	want(t, a, "statusReason", nil)
	want(t, a, "scores", []any{
		map[string]any{"round": 1, "expert": "chen.jie", "organization": "nju", "score": 85, "opinion": "技术路线成熟", "scoredAt": get(a, "scores.0.scoredAt")},
		map[string]any{"round": 1, "expert": "sun.li", "organization": "seu", "score": 78, "opinion": "投资偏高", "scoredAt": get(a, "scores.1.scoredAt")},
	})
	tranches := list(a, "tranches")
	if len(tranches) != 2 || len(str(tranches[0], "id")) != 36 || str(tranches[0], "id") == str(tranches[1], "id") {
		t.Fatalf("tranches %v", tranches)
	}
	t1, t2 := str(tranches[0], "id"), str(tranches[1], "id")
	want(t, tranches[0], "milestone", map[string]any{"id": ms[0], "name": "一期路口上线", "achieved": false})
	want(t, tranches[0], "amount", "200000.00")
	want(t, tranches[1], "status", "PENDING")
	want(t, tranches[1], "disbursedOn", nil)
	wantFund(t, get(a, "fund"), "1200000.00", "700000.00", "500000.00", "0.00", "0.00")

	e.command(ownerXZ, "achieveMilestone", on(project, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收报告"))
	pay := e.funding(financer, "disburseTranche", onApp(app, "trancheId", t1, "disbursedOn", "2024-07-10", "voucherNumber", "PZ-2024-0711"))
	a = get(pay, "application")
	want(t, a, "tranches.0", map[string]any{"id": t1, "milestone": map[string]any{"id": ms[0], "name": "一期路口上线", "achieved": true},
		"amount": "200000.00", "status": "DISBURSED", "disbursedOn": "2024-07-10", "voucherNumber": "PZ-2024-0711"})
	want(t, a, "tranches.1.status", "PENDING")
	want(t, a, "disbursedAmount", "200000.00")
	wantFund(t, get(a, "fund"), "1200000.00", "700000.00", "300000.00", "200000.00", "0.00")

	rec := e.funding(financer, "recoverMoney", onApp(app, "amount", "50000", "reason", "审计核减", "recoveredOn", "2024-08-01"))
	want(t, rec, "application.recoveredAmount", "50000.00")
	want(t, rec, "application.status", "APPROVED")
	wantFund(t, get(rec, "application.fund"), "1200000.00", "750000.00", "300000.00", "150000.00", "50000.00")

	c := e.funding(financer, "cancelRemainder", onApp(app, "reason", "二期不再实施", "cancelledOn", "2024-09-01"))
	a = get(c, "application")
	want(t, a, "status", "CLOSED")
	want(t, a, "statusReason", "二期不再实施")
	want(t, a, "cancelledAmount", "300000.00")
	want(t, a, "disbursedAmount", "200000.00")
	want(t, a, "tranches.0.status", "DISBURSED")
	want(t, a, "tranches.1", map[string]any{"id": t2, "milestone": map[string]any{"id": ms[1], "name": "二期全市联网", "achieved": false},
		"amount": "300000.00", "status": "CANCELLED", "disbursedOn": nil, "voucherNumber": nil})
	wantFund(t, get(a, "fund"), "1200000.00", "1050000.00", "0.00", "150000.00", "50000.00")

	// The histories of both streams, and the fund's applications as leadership reads them.
	q := e.ok(leader, `query($app: ID!, $fund: ID!) {
		application(id: $app) { version history(first: 100) { totalCount edges { node { type command actor { userId role } } } } }
		fund(id: $fund) { version applications { totalCount edges { node { id status } } }
			history { totalCount edges { node { type payload } } } }
		funds(filter: { fiscalYear: 2024, status: OPEN, kind: SPECIAL_FUND }) { totalCount edges { node { id } } } }`,
		vars("app", app, "fund", fund))
	var appTypes, fundTypes []string
	for _, edge := range list(q, "application.history.edges") {
		appTypes = append(appTypes, strings.TrimSuffix(str(edge, "node.type"), ".v1"))
	}
	for _, edge := range list(q, "fund.history.edges") {
		fundTypes = append(fundTypes, strings.TrimSuffix(str(edge, "node.type"), ".v1"))
	}
	if got := strings.Join(appTypes, " "); got != "ApplicationDrafted ApplicationSubmitted ApplicationScreeningPassed ExpertsAssigned "+
		"ApplicationScored ApplicationScored ApplicationApproved TrancheDisbursed MoneyRecovered RemainderCancelled" {
		t.Errorf("application history: %s", got)
	}
	if got := strings.Join(fundTypes, " "); got != "FundEstablished FundToppedUp FundMoneyReserved FundMoneyDisbursed FundMoneyRecovered FundReservationReleased" {
		t.Errorf("fund history: %s", got)
	}
	want(t, q, "application.version", 10)
	want(t, q, "application.history.edges.6.node.command", "ApproveApplication")
	want(t, q, "application.history.edges.6.node.actor", map[string]any{"userId": "qian.hua", "role": "FINANCE"})
	want(t, q, "fund.version", 6)
	want(t, q, "fund.history.edges.2.node.payload", map[string]any{"fundId": fund, "applicationId": app, "amount": "500000.00", "reservedOn": "2024-05-01"})
	want(t, q, "fund.applications", map[string]any{"totalCount": 1, "edges": []any{map[string]any{"node": map[string]any{"id": app, "status": "CLOSED"}}}})
	want(t, q, "funds", map[string]any{"totalCount": 1, "edges": []any{map[string]any{"node": map[string]any{"id": fund}}}})

	// Closing the fund; a closed fund takes no more applications.
	cl := e.funding(financer, "closeFund", map[string]any{"fundId": fund, "reason": "年度结束"})
	want(t, cl, "fund.status", "CLOSED")
	want(t, cl, "fund.closeReason", "年度结束")
	refused := e.fundingFails(ownerXZ, "BAD_USER_INPUT", "draftApplication", map[string]any{"projectId": project, "fundId": fund,
		"supportMode": "INVESTMENT_SUBSIDY", "requestedAmount": "1000", "justification": "再次申请"})
	if !strings.Contains(refused.Message, "CLOSED") {
		t.Errorf("message %q", refused.Message)
	}
	want(t, e.ok(leader, `{ funds(filter: { status: OPEN }) { totalCount } }`, nil), "funds.totalCount", 0)
}
