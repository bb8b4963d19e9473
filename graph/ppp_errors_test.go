package graph_test

import (
	"strings"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

// TestPPPRefusalsNameTheRuleAndWriteNothing checks every kind of refusal of the PPP commands:
// its code, the field or the figures it names, and that neither the arrangement nor the ledger
// changed.
func TestPPPRefusalsNameTheRuleAndWriteNothing(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()
	project := e.propose(ownerXZ, proposal("XZ-P-020"))
	count := func() int {
		t.Helper()
		return num(e.ok(leader, `{ pppArrangements { totalCount } }`, nil), "pppArrangements.totalCount")
	}

	// Terms out of range: nothing identified.
	for _, c := range []struct {
		name, field, part string
		terms             map[string]any
	}{
		{"a term under 10 years", "termYears", "9 is outside 10..30", terms("termYears", 9)},
		{"a term over 30 years", "termYears", "31 is outside 10..30", terms("termYears", 31)},
		{"a controlling government share", "governmentEquityBp", "50.00% would give the government a controlling stake", terms("governmentEquityBp", 5000)},
		{"an obligation after the term", "obligations", "year 2035 is outside the term 2025–2034", terms("obligations", obligations(2035, "100000"))},
		{"an obligation before the term", "obligations", "year 2024 is outside the term 2025–2034", terms("obligations", obligations(2024, "100000"))},
		{"user-pays with obligations", "obligations", "a USER_PAYS arrangement has no government payments", terms("returnMechanism", "USER_PAYS")},
		{"government-pays without obligations", "obligations", "needs a government payment", terms("obligations", []any{})},
	} {
		got := e.pppFails(ownerXZ, "BAD_USER_INPUT", "identifyPPP", map[string]any{"projectId": project, "terms": c.terms})
		if got.Extensions["field"] != c.field || !strings.Contains(got.Message, c.part) {
			t.Errorf("%s: field %v, message %q", c.name, got.Extensions["field"], got.Message)
		}
	}
	if n := count(); n != 0 {
		t.Fatalf("refused identifications wrote %d arrangements", n)
	}

	// Wrong role or organisation, and no token.
	in := map[string]any{"projectId": project, "terms": terms()}
	e.pppFails(leader, "FORBIDDEN", "identifyPPP", in)
	e.pppFails(ownerHA, "FORBIDDEN", "identifyPPP", in)
	e.pppFails(financeXZ, "FORBIDDEN", "identifyPPP", in)
	e.fails(nil, "UNAUTHENTICATED", pppDoc("identifyPPP"), vars("input", in))
	if n := count(); n != 0 {
		t.Fatalf("forbidden identifications wrote %d arrangements", n)
	}

	in["idempotencyKey"] = "identify-XZ-P-020"
	id := str(e.ppp(ownerXZ, "identifyPPP", in), "arrangement.id")
	retry := e.ppp(ownerXZ, "identifyPPP", in) // a retry answers with the first arrangement
	want(t, retry, "replayed", true)
	want(t, retry, "arrangement.id", id)
	if n := count(); n != 1 {
		t.Fatalf("a retried identification made %d arrangements", n)
	}
	refuse := func(as domain.Actor, code, name string, input map[string]any, part string) {
		t.Helper()
		before := e.pppVersions(id)
		got := e.pppFails(as, code, name, input)
		if !strings.Contains(got.Message, part) {
			t.Errorf("%s as %s: message %q lacks %q", name, as.UserID, got.Message, part)
		}
		if after := e.pppVersions(id); after != before {
			t.Errorf("refused %s wrote: %s, then %s", name, before, after)
		}
	}

	// Gates out of order, and approvals by anyone but finance.
	refuse(financeXZ, "BAD_USER_INPUT", "approvePPPPreparation", onArr(id), "in stage IDENTIFICATION")
	refuse(financeXZ, "BAD_USER_INPUT", "approvePPPProcurement", onArr(id), "in stage IDENTIFICATION")
	refuse(financeXZ, "BAD_USER_INPUT", "schedulePPPPayment", onArr(id, "year", 2025, "kind", "USAGE", "amount", "1", "dueOn", "2025-02-01"), "in stage IDENTIFICATION")
	refuse(ownerXZ, "BAD_USER_INPUT", "recordPPPValueForMoney", onArr(id, "qualitativeScore", 80, "psc", "2", "pppv", "1"), "in stage IDENTIFICATION")
	refuse(office, "FORBIDDEN", "approvePPPIdentification", onArr(id), "approve the PPP identification")
	refuse(ownerXZ, "FORBIDDEN", "approvePPPIdentification", onArr(id), "approve the PPP identification")
	refuse(leader, "FORBIDDEN", "revisePPPIdentification", onArr(id, "terms", terms("termYears", 12)), "revise the PPP identification")
	refuse(ownerHA, "FORBIDDEN", "revisePPPIdentification", onArr(id, "terms", terms("termYears", 12)), "belongs to organisation xz-bigdata")
	refuse(ownerXZ, "CONFLICT", "revisePPPIdentification", onArr(id, "expectedVersion", 0, "terms", terms("termYears", 12)), "changed by someone else")
	refuse(ownerXZ, "BAD_USER_INPUT", "revisePPPIdentification", onArr(id, "terms", terms()), "the revision changes nothing")

	// The identification gate passed by the Xuzhou bureau: another bureau approves nothing later.
	e.ppp(financeXZ, "approvePPPIdentification", onArr(id, "approvedOn", "2025-01-10"))
	refuse(financeXZ, "BAD_USER_INPUT", "approvePPPPreparation", onArr(id, "approvedOn", "2025-03-01"), "without a value-for-money assessment")
	refuse(ownerXZ, "BAD_USER_INPUT", "recordPPPValueForMoney", onArr(id, "qualitativeScore", 101, "psc", "2", "pppv", "1"), "101 is outside 0..100")
	refuse(ownerXZ, "BAD_USER_INPUT", "recordPPPValueForMoney", onArr(id, "qualitativeScore", 80, "psc", "2", "pppv", "1", "assessedOn", "2025-01-09"), "assessedOn")

	// A value-for-money assessment that did not pass is recorded, but the gate stays shut.
	failed := e.ppp(ownerXZ, "recordPPPValueForMoney", onArr(id, "qualitativeScore", 55, "psc", "50000000", "pppv", "52000000", "assessedOn", "2025-02-01"))
	want(t, failed, "arrangement.valueForMoney.passed", false)
	want(t, failed, "arrangement.valueForMoney.value", "-2000000.00")
	want(t, failed, "arrangement.valueForMoney.indexBp", 0)
	refuse(financeXZ, "BAD_USER_INPUT", "approvePPPPreparation", onArr(id, "approvedOn", "2025-03-01"),
		"the PPP value of 52000000.00 yuan is not below the PSC of 50000000.00 yuan and the qualitative score of 55 is below 60")
	e.ppp(ownerXZ, "recordPPPValueForMoney", onArr(id, "qualitativeScore", 72, "psc", "60000000", "pppv", "55000000", "assessedOn", "2025-02-05"))
	refuse(financer, "FORBIDDEN", "approvePPPPreparation", onArr(id, "approvedOn", "2025-03-01"), "approved by the finance bureau xz-finance")
	refuse(financeXZ, "BAD_USER_INPUT", "approvePPPPreparation", onArr(id, "approvedOn", "2025-02-04"), "value-for-money assessment on 2025-02-05")

	// Payments outside the obligations, once in execution.
	e.ppp(financeXZ, "approvePPPPreparation", onArr(id, "approvedOn", "2025-03-01"))
	e.ppp(office, "launchPPPTender", onArr(id, "method", "COMPETITIVE_CONSULTATION", "launchedOn", "2025-03-10"))
	refuse(office, "BAD_USER_INPUT", "selectPPPPartner", onArr(id, "partner", "中兴通讯股份有限公司", "selectedOn", "2025-04-15"), "without bids")
	e.ppp(office, "recordPPPBid", onArr(id, "bidder", "中兴通讯股份有限公司", "amount", "46500000", "bidOn", "2025-04-01"))
	refuse(office, "BAD_USER_INPUT", "selectPPPPartner", onArr(id, "partner", "华为技术有限公司", "selectedOn", "2025-04-15"), "华为技术有限公司 did not bid")
	e.ppp(office, "selectPPPPartner", onArr(id, "partner", "中兴通讯股份有限公司", "selectedOn", "2025-04-15"))
	refuse(financeXZ, "BAD_USER_INPUT", "approvePPPProcurement", onArr(id, "approvedOn", "2025-05-10"), "no contract signed, no project company set up")
	e.ppp(office, "signPPPContract", onArr(id, "contractNumber", "XZ-PPP-2025-02", "signedOn", "2025-05-01"))
	refuse(office, "BAD_USER_INPUT", "setUpPPPProjectCompany", onArr(id, "name", "徐州智慧交通有限公司", "registeredCapital", "50000000.01"), "exceeds the total investment")
	e.ppp(office, "setUpPPPProjectCompany", onArr(id, "name", "徐州智慧交通有限公司", "registeredCapital", "5000000"))
	e.ppp(financeXZ, "approvePPPProcurement", onArr(id, "approvedOn", "2025-05-10"))
	refuse(financeXZ, "BAD_USER_INPUT", "schedulePPPPayment", onArr(id, "year", 2027, "kind", "USAGE", "amount", "1", "dueOn", "2027-02-01"), "no payment obligation in 2027")
	refuse(financeXZ, "BAD_USER_INPUT", "schedulePPPPayment", onArr(id, "year", 2035, "kind", "USAGE", "amount", "1", "dueOn", "2035-02-01"), "2035 is outside the term 2025–2034")
	refuse(financeXZ, "BAD_USER_INPUT", "schedulePPPPayment", onArr(id, "year", 2025, "kind", "USAGE", "amount", "700000.01", "dueOn", "2025-06-30"),
		"exceeds the year's obligation of 700000.00 yuan")
	refuse(ownerXZ, "FORBIDDEN", "schedulePPPPayment", onArr(id, "year", 2025, "kind", "USAGE", "amount", "1", "dueOn", "2025-06-30"), "schedule a PPP payment")
	refuse(financeXZ, "NOT_FOUND", "recordPPPPayment", onArr(id, "paymentId", "0190a5c4-0000-7000-8000-000000000001", "amount", "1"), "scheduled PPP payment")
	refuse(ownerXZ, "BAD_USER_INPUT", "recordPPPPerformanceAssessment", onArr(id, "year", 2025, "score", 50, "deductionBp", 0, "assessedOn", "2026-01-15"), "must deduct")

	// A retried scheduling (same idempotency key) answers with the first payment and writes once.
	sched := onArr(id, "idempotencyKey", "sched-2025-usage", "year", 2025, "kind", "USAGE", "amount", "100000", "dueOn", "2025-06-30")
	first := e.ppp(financeXZ, "schedulePPPPayment", sched)
	again := e.ppp(financeXZ, "schedulePPPPayment", sched)
	want(t, again, "replayed", true)
	want(t, again, "payment.id", str(first, "payment.id"))
	want(t, again, "arrangement.version", num(first, "arrangement.version"))
	want(t, again, "arrangement.payments", list(first, "arrangement.payments"))
	sched["amount"] = "200000"
	refuse(financeXZ, "BAD_USER_INPUT", "schedulePPPPayment", sched, "idempotency")

	// Malformed and unknown ids.
	if got := e.pppFails(office, "BAD_USER_INPUT", "cancelPPPArrangement", onArr("nope", "reason", "x")); got.Extensions["field"] != "arrangementId" {
		t.Errorf("malformed id: field %v", got.Extensions["field"])
	}
	e.pppFails(office, "NOT_FOUND", "cancelPPPArrangement", onArr("0190a5c4-0000-7000-8000-000000000001", "reason", "x"))
}

// TestPPPAffordabilityGateNeedsTheRegionsBudgetAndLedger checks the two refusals of the gate that
// come from the ledger rather than the figures: a year with an obligation but no budget, and a
// region whose ledger was never opened.
func TestPPPAffordabilityGateNeedsTheRegionsBudgetAndLedger(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()
	noBudget := e.preparing(ownerXZ, "XZ-P-030", terms("obligations", obligations(2025, "100000", 2028, "100000")))
	before := e.pppVersions(noBudget)
	got := e.pppFails(financeXZ, "BAD_USER_INPUT", "approvePPPPreparation", onArr(noBudget, "approvedOn", "2025-03-01"))
	if !strings.Contains(got.Message, "without a general public budget recorded for 2028") {
		t.Errorf("message %q", got.Message)
	}
	if after := e.pppVersions(noBudget); after != before {
		t.Errorf("refused gate wrote: %s, then %s", before, after)
	}
	want(t, e.ok(leader, headroomQuery, vars("r", xuzhou, "from", 2025, "to", 2025)), "pppHeadroom.0.obligations", "0.00")

	huaian := e.preparing(ownerHA, "HA-P-030", terms(), "region", "320800")
	e.pppFails(financeXZ, "NOT_FOUND", "approvePPPPreparation", onArr(huaian, "approvedOn", "2025-03-01"))
	want(t, e.ok(leader, `query($id: ID!) { pppArrangement(id: $id) { stage version } }`, vars("id", huaian)),
		"pppArrangement", map[string]any{"stage": "PREPARATION", "version": 3})

	// The ledgers' own commands: finance of the keeping bureau only.
	e.pppFails(ownerXZ, "FORBIDDEN", "recordPPPBudget", ledgerIn(xuzhou, "year", 2028, "budget", "1"))
	e.pppFails(leader, "FORBIDDEN", "setPPPAffordabilityRule", ledgerIn(xuzhou, "capBp", 800, "validFrom", "2026-01-01"))
	e.pppFails(financer, "FORBIDDEN", "recordPPPBudget", ledgerIn(xuzhou, "year", 2028, "budget", "1"))
	e.pppFails(financeXZ, "BAD_USER_INPUT", "openPPPLedger", ledgerIn(xuzhou))
	e.pppFails(financeXZ, "BAD_USER_INPUT", "setPPPAffordabilityRule", ledgerIn(xuzhou, "capBp", 0, "validFrom", "2026-01-01"))
	e.pppFails(financeXZ, "BAD_USER_INPUT", "recordPPPBudget", ledgerIn("999999", "year", 2028, "budget", "1"))
	e.pppFails(financeXZ, "NOT_FOUND", "recordPPPBudget", ledgerIn("320800", "year", 2028, "budget", "1"))
	want(t, e.ok(leader, `{ pppLedger(region: "320300") { version budgets { year } } }`, nil), "pppLedger.version", 5)
}
