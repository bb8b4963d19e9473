package graph_test

import (
	"strings"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

// refusal is one command that must fail with a code, a field (when given) and a message part.
type refusal struct {
	name     string
	as       domain.Actor
	mutation string
	input    map[string]any
	code     string
	field    string
	message  string
}

// refuses runs each refusal and checks that the application and its fund are left as they were.
func (e *env) refuses(t *testing.T, app string, cases []refusal) {
	t.Helper()
	before := e.versions(app)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := e.fundingFails(c.as, c.code, c.mutation, c.input)
			if c.field != "" && err.Extensions["field"] != c.field {
				t.Errorf("field = %v, want %s (%s)", err.Extensions["field"], c.field, err.Message)
			}
			if !strings.Contains(err.Message, c.message) {
				t.Errorf("message %q does not say %q", err.Message, c.message)
			}
		})
	}
	if after := e.versions(app); after != before {
		t.Errorf("refused commands wrote: before %s, after %s", before, after)
	}
}

// TestFundingCommandsRefuseInvalidMoneyAndWriteNothing checks the money rules: amounts not
// positive or beyond the pool, the requested or the available money; tranches that do not add up
// or sit on another project's milestone; a support mode the fund does not allow; paying before
// the milestone is achieved, twice, or recovering more than was paid.
func TestFundingCommandsRefuseInvalidMoneyAndWriteNothing(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "1000000", "INVESTMENT_SUBSIDY")
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-040"))
	_, otherMs := e.fundable(ownerXZ, proposal("XZ-F-041"))

	draft := func(amount, mode string) map[string]any {
		return map[string]any{"projectId": project, "fundId": fund, "supportMode": mode, "requestedAmount": amount, "justification": "补助"}
	}
	app := e.reviewed(ownerXZ, fund, project, "600000", []domain.Actor{expert1, expert2}, expert1, expert2)
	approve := func(amount string, tranches ...any) map[string]any {
		return onApp(app, "approvedAmount", amount, "approvedOn", "2024-05-01", "tranches", append([]any{}, tranches...))
	}
	tranche := func(milestone, amount string) map[string]any {
		return map[string]any{"milestoneId": milestone, "amount": amount}
	}
	e.refuses(t, app, []refusal{
		{"nothing requested", ownerXZ, "draftApplication", draft("0", "INVESTMENT_SUBSIDY"), "BAD_USER_INPUT", "requestedAmount", "must be positive"},
		{"a negative request", ownerXZ, "draftApplication", draft("-5.00", "INVESTMENT_SUBSIDY"), "BAD_USER_INPUT", "requestedAmount", "must be positive"},
		{"a request beyond the pool", ownerXZ, "draftApplication", draft("1000000.01", "INVESTMENT_SUBSIDY"), "BAD_USER_INPUT", "requestedAmount", "exceeds the 1000000.00 yuan pool"},
		{"a support mode the fund does not allow", ownerXZ, "draftApplication", draft("1000", "LOAN_INTEREST_SUBSIDY"), "BAD_USER_INPUT", "supportMode", "LOAN_INTEREST_SUBSIDY is not allowed"},
		{"an unknown fund", ownerXZ, "draftApplication", map[string]any{"projectId": project, "fundId": "0190a5c4-0000-7000-8000-000000000001",
			"supportMode": "INVESTMENT_SUBSIDY", "requestedAmount": "1", "justification": "x"}, "NOT_FOUND", "", "fund"},
		{"nothing approved", financer, "approveApplication", approve("0", tranche(ms[0], "0")), "BAD_USER_INPUT", "approvedAmount", "must be positive"},
		{"more than requested", financer, "approveApplication", approve("600000.01", tranche(ms[0], "600000.01")), "BAD_USER_INPUT", "approvedAmount", "exceeds the 600000.00 yuan requested"},
		{"tranches not adding up", financer, "approveApplication", approve("500000", tranche(ms[0], "200000"), tranche(ms[1], "200000")), "BAD_USER_INPUT", "tranches", "tranches total 400000.00 yuan, but the approved amount is 500000.00 yuan"},
		{"no tranche", financer, "approveApplication", approve("500000"), "BAD_USER_INPUT", "tranches", "at least one tranche"},
		{"a milestone of another project", financer, "approveApplication", approve("500000", tranche(otherMs[0], "500000")), "BAD_USER_INPUT", "tranches[0].milestoneId", "is not a milestone of project XZ-F-040"},
		{"two tranches on one milestone", financer, "approveApplication", approve("500000", tranche(ms[0], "200000"), tranche(ms[0], "300000")), "BAD_USER_INPUT", "tranches[1].milestoneId", "has two tranches"},
		{"approved in the future", financer, "approveApplication", onApp(app, "approvedAmount", "1", "approvedOn", "2099-01-01", "tranches", []any{tranche(ms[0], "1")}), "BAD_USER_INPUT", "approvedOn", "after today"},
	})
	want(t, e.ok(leader, `{ applications { totalCount } }`, nil), "applications.totalCount", 1)

	// Beyond the money available: the pool is 1,000,000 but 600,000 are reserved already.
	e.funding(financer, "approveApplication", approve("600000", tranche(ms[0], "200000"), tranche(ms[1], "400000")))
	second := e.reviewed(ownerXZ, fund, project, "500000", []domain.Actor{expert1}, expert1)
	e.refuses(t, second, []refusal{
		{"beyond the money available", financer, "approveApplication", onApp(second, "approvedAmount", "400000.01",
			"tranches", []any{tranche(ms[0], "400000.01")}), "BAD_USER_INPUT", "amount", "reserving 400000.01 yuan exceeds the 400000.00 yuan available"},
	})

	// Paying: not before the milestone is achieved, once only, never more than paid is recovered.
	q := e.ok(financer, `query($id: ID!) { application(id: $id) { tranches { id } } }`, vars("id", app))
	t1, t2 := str(q, "application.tranches.0.id"), str(q, "application.tranches.1.id")
	e.refuses(t, app, []refusal{
		{"paying before the milestone is achieved", financer, "disburseTranche", onApp(app, "trancheId", t1, "disbursedOn", "2024-07-01", "voucherNumber", "PZ-1"),
			"BAD_USER_INPUT", "", `milestone "一期路口上线"`},
		{"an unknown tranche", financer, "disburseTranche", onApp(app, "trancheId", "0190a5c4-0000-7000-8000-000000000009", "voucherNumber", "PZ-1"), "NOT_FOUND", "", "tranche"},
		{"a malformed tranche id", financer, "disburseTranche", onApp(app, "trancheId", "t-1", "voucherNumber", "PZ-1"), "BAD_USER_INPUT", "trancheId", "not a UUID"},
		{"recovering before any payment", financer, "recoverMoney", onApp(app, "amount", "1", "reason", "x"), "BAD_USER_INPUT", "", "holding no paid money"},
	})
	e.command(ownerXZ, "achieveMilestone", on(project, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收"))
	e.refuses(t, app, []refusal{
		{"no voucher", financer, "disburseTranche", onApp(app, "trancheId", t1, "voucherNumber", " "), "BAD_USER_INPUT", "voucherNumber", "is required"},
		{"paid before the achievement", financer, "disburseTranche", onApp(app, "trancheId", t1, "disbursedOn", "2024-06-29", "voucherNumber", "PZ-1"),
			"BAD_USER_INPUT", "disbursedOn", "before the achievement"},
	})
	e.funding(financer, "disburseTranche", onApp(app, "trancheId", t1, "disbursedOn", "2024-07-01", "voucherNumber", "PZ-1"))
	e.refuses(t, app, []refusal{
		{"paying a tranche twice", financer, "disburseTranche", onApp(app, "trancheId", t1, "disbursedOn", "2024-07-02", "voucherNumber", "PZ-2"),
			"BAD_USER_INPUT", "", "DISBURSED on 2024-07-01 (voucher PZ-1)"},
		{"paying the other tranche before its milestone", financer, "disburseTranche", onApp(app, "trancheId", t2, "disbursedOn", "2024-07-02", "voucherNumber", "PZ-2"),
			"BAD_USER_INPUT", "", "not achieved yet"},
		{"recovering more than paid", financer, "recoverMoney", onApp(app, "amount", "200000.01", "reason", "x"), "BAD_USER_INPUT", "amount", "exceeds the 200000.00 yuan disbursed"},
		{"cancelling before the last payment", financer, "cancelRemainder", onApp(app, "reason", "x", "cancelledOn", "2024-06-01"), "BAD_USER_INPUT", "cancelledOn", "before the last disbursement"},
	})
	wantFund(t, get(e.ok(leader, `query($id: ID!) { fund(id: $id) { `+fundFields+` } }`, vars("id", fund)), "fund"),
		"1000000.00", "400000.00", "400000.00", "200000.00", "0.00")
}

// TestFundingCommandsRefuseWrongRolesAndStepsOutOfOrder checks FORBIDDEN for the wrong role,
// organisation or bureau, BAD_USER_INPUT for a step the status does not allow, NOT_FOUND and
// CONFLICT, each writing nothing.
func TestFundingCommandsRefuseWrongRolesAndStepsOutOfOrder(t *testing.T) {
	e := newEnv(t)
	fund := e.establish(financer, "1000000")
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-050"))
	app := e.reviewed(ownerXZ, fund, project, "600000", []domain.Actor{expert1, expert2}, expert1)
	approve := onApp(app, "approvedAmount", "100", "tranches", []any{map[string]any{"milestoneId": ms[0], "amount": "100"}})
	draft := map[string]any{"projectId": project, "fundId": fund, "supportMode": "INVESTMENT_SUBSIDY", "requestedAmount": "1", "justification": "x"}
	e.refuses(t, app, []refusal{
		{"an owner screening", ownerXZ, "screenApplication", onApp(app, "passed", true), "FORBIDDEN", "", "requires role [office]"},
		{"the office approving", office, "approveApplication", approve, "FORBIDDEN", "", "requires role [finance]"},
		{"another bureau approving", financeXZ, "approveApplication", approve, "FORBIDDEN", "", "managing bureau js-finance"},
		{"an unassigned expert scoring", expert3, "scoreApplication", onApp(app, "score", 90, "opinion", "x"), "FORBIDDEN", "", "not assigned"},
		{"another organisation withdrawing", ownerHA, "withdrawApplication", onApp(app), "FORBIDDEN", "", "belongs to organisation xz-bigdata"},
		{"leadership rejecting", leader, "rejectApplication", onApp(app, "reason", "x"), "FORBIDDEN", "", "requires role [finance]"},
		{"another organisation drafting", ownerHA, "draftApplication", draft, "FORBIDDEN", "", "belongs to organisation xz-bigdata"},
		{"leadership drafting", leader, "draftApplication", draft, "FORBIDDEN", "", "requires role [owner]"},
		{"an owner establishing a fund", ownerXZ, "establishFund", map[string]any{"name": "x", "kind": "SPECIAL_FUND", "fiscalYear": 2024,
			"pool": "1", "supportModes": []string{"INVESTMENT_SUBSIDY"}}, "FORBIDDEN", "", "requires role [finance]"},
		{"another bureau topping up", financeXZ, "topUpFund", map[string]any{"fundId": fund, "amount": "1"}, "FORBIDDEN", "", "managed by organisation js-finance"},
		{"deciding before every expert scored", financer, "approveApplication", approve, "BAD_USER_INPUT", "", "waiting for the scores of sun.li in round 1"},
		{"submitting twice", ownerXZ, "submitApplication", onApp(app), "BAD_USER_INPUT", "", "is UNDER_EXPERT_REVIEW (allowed only when DRAFT)"},
		{"screening after screening", office, "screenApplication", onApp(app, "passed", true), "BAD_USER_INPUT", "", "allowed only when SUBMITTED"},
		{"scoring twice", expert1, "scoreApplication", onApp(app, "score", 90, "opinion", "x"), "BAD_USER_INPUT", "", "already scored by expert chen.jie"},
		{"paying before approval", financer, "disburseTranche", onApp(app, "trancheId", "0190a5c4-0000-7000-8000-000000000009", "voucherNumber", "x"), "BAD_USER_INPUT", "", "allowed only when APPROVED"},
		{"resubmitting what was not returned", ownerXZ, "resubmitApplication", onApp(app), "BAD_USER_INPUT", "", "allowed only when RETURNED"},
		{"a stale version", ownerXZ, "withdrawApplication", onApp(app, "expectedVersion", 4), "CONFLICT", "", "expected it at version 4"},
		{"an unknown application", ownerXZ, "submitApplication", onApp("0190a5c4-0000-7000-8000-000000000001"), "NOT_FOUND", "", "funding application"},
		{"a malformed application id", ownerXZ, "submitApplication", onApp("A-1"), "BAD_USER_INPUT", "applicationId", "not a UUID"},
	})
	// Without a token, nothing at all.
	res := e.postRaw(fundingQuery("withdrawApplication"), vars("input", onApp(app)))
	if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "UNAUTHENTICATED" {
		t.Errorf("anonymous withdrawal: %s", res.Body)
	}
	want(t, e.funding(ownerXZ, "withdrawApplication", onApp(app, "expectedVersion", 5)), "application.status", "WITHDRAWN")
}

// TestRetriedFundingCommandsActOnce checks idempotency keys on funding commands: a retried
// establishment or draft answers with the first id, a retried approval with the first tranche
// ids, and a double-clicked disbursement pays once.
func TestRetriedFundingCommandsActOnce(t *testing.T) {
	e := newEnv(t)
	est := map[string]any{"idempotencyKey": "fund-1", "name": "徐州市智慧城市专项资金", "kind": "CONSTRUCTION_FUND",
		"fiscalYear": 2024, "pool": "1000000", "supportModes": []string{"INVESTMENT_SUBSIDY"}}
	f1, f2 := e.funding(financer, "establishFund", est), e.funding(financer, "establishFund", est)
	fund := str(f1, "fund.id")
	want(t, f2, "replayed", true)
	want(t, f2, "fund.id", fund)
	project, ms := e.fundable(ownerXZ, proposal("XZ-F-060"))
	dr := map[string]any{"idempotencyKey": "draft-1", "projectId": project, "fundId": fund, "supportMode": "INVESTMENT_SUBSIDY",
		"requestedAmount": "500000", "justification": "补助"}
	d1, d2 := e.funding(ownerXZ, "draftApplication", dr), e.funding(ownerXZ, "draftApplication", dr)
	app := str(d1, "application.id")
	want(t, d2, "application.id", app)
	want(t, d2, "replayed", true)

	e.funding(ownerXZ, "submitApplication", onApp(app))
	e.funding(office, "screenApplication", onApp(app, "passed", true))
	e.funding(office, "assignExperts", onApp(app, "experts", expertsOf(expert1)))
	e.funding(expert1, "scoreApplication", onApp(app, "score", 80, "opinion", "可行"))
	ap := onApp(app, "idempotencyKey", "approve-1", "approvedAmount", "500000", "approvedOn", "2024-05-01",
		"tranches", []any{map[string]any{"milestoneId": ms[0], "amount": "500000"}})
	a1, a2 := e.funding(financer, "approveApplication", ap), e.funding(financer, "approveApplication", ap)
	want(t, a2, "replayed", true)
	want(t, a2, "application.tranches", get(a1, "application.tranches"))
	wantFund(t, get(a2, "application.fund"), "1000000.00", "500000.00", "500000.00", "0.00", "0.00")
	tranche := str(a1, "application.tranches.0.id")

	e.command(ownerXZ, "achieveMilestone", on(project, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收"))
	pay := onApp(app, "idempotencyKey", "pay-1", "clientMutationId", "click-1", "trancheId", tranche, "disbursedOn", "2024-07-01", "voucherNumber", "PZ-1")
	p1 := e.funding(financer, "disburseTranche", pay)
	pay["clientMutationId"] = "click-2"
	p2 := e.funding(financer, "disburseTranche", pay)
	want(t, p1, "replayed", false)
	want(t, p2, "replayed", true)
	want(t, p2, "clientMutationId", "click-2")
	want(t, p2, "application", get(p1, "application"))
	wantFund(t, get(p2, "application.fund"), "1000000.00", "500000.00", "0.00", "500000.00", "0.00")
	// The same key with other input is refused; the history holds one payment.
	pay["voucherNumber"] = "PZ-2"
	err := e.fundingFails(financer, "BAD_USER_INPUT", "disburseTranche", pay)
	if !strings.Contains(err.Message, "idempotency key already used") {
		t.Errorf("message %q", err.Message)
	}
	h := e.ok(leader, `query($id: ID!) { application(id: $id) { disbursedAmount history { edges { node { type } } } fund { history { totalCount } } } }`, vars("id", app))
	want(t, h, "application.disbursedAmount", "500000.00")
	n := 0
	for _, edge := range list(h, "application.history.edges") {
		if str(edge, "node.type") == "TrancheDisbursed.v1" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d TrancheDisbursed events", n)
	}
	want(t, h, "application.fund.history.totalCount", 3) // established, reserved, disbursed
}
