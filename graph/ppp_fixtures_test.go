package graph_test

import (
	"fmt"
	"maps"
	"strings"

	"github.com/smartcity/portfolio/domain"
)

// The PPP tests' Xuzhou ledger is kept by the Xuzhou finance bureau (financeXZ), which therefore
// approves the gates of Xuzhou arrangements.
const xuzhou = "320300"

// pppFields is every field of PPPArrangement the tests check, but history.
const pppFields = `id project { id code } projectCode ownerOrganization region { code } financeOrganization stage stageEnteredAt
	operationMode returnMechanism termYears startYear endYear totalInvestment governmentEquityBp
	obligations { year amount } totalObligations gates { stage approvedOn note }
	valueForMoney { qualitativeScore psc pppv value indexBp passed assessedOn } valueForMoneyAssessments { passed }
	tender { method noticeNumber launchedOn } bids { bidder amount bidOn } partner { name selectedOn }
	contract { contractNumber signedOn } projectCompany { name registeredCapital governmentEquityContribution }
	payments { ` + paymentFields + ` }
	paymentSchedule { year obligation scheduled unscheduled performanceDeduction payable paid difference assessment { score deductionBp } }
	scheduledTotal paidTotal assessments { year score deductionBp assessedOn } handover { handedOverOn description }
	cancellation { previousStage reason cancelledOn } version identifiedAt updatedAt`

const paymentFields = `id year kind scheduled dueOn performanceDeduction payable paid outstanding lastPaidOn`

const headroomFields = `year budget obligations ratioBp rule { capBp validFrom returnMechanism basis } cap headroom atCap level`

// ledgerFields is every field of PPPLedger the tests check, with the headroom of 2025..2027.
const ledgerFields = `region { code } financeOrganization budgets { year amount revisions reason }
	rules { capBp validFrom returnMechanism basis }
	reservations { arrangement { id } returnMechanism obligations { year amount } reservedOn released releasedOn releaseReason }
	headroom(fromYear: 2025, toYear: 2027) { ` + headroomFields + ` } version`

// pppDoc is the document of one PPP mutation with its payload.
func pppDoc(name string) string {
	input := strings.ToUpper(name[:1]) + name[1:] + "Input"
	payload := `arrangement { ` + pppFields + ` } payment { ` + paymentFields + ` } ledger { ` + ledgerFields + ` }`
	switch name {
	case "openPPPLedger", "recordPPPBudget", "setPPPAffordabilityRule":
		payload = `ledger { ` + ledgerFields + ` }`
	}
	return `mutation($input: ` + input + `!) { ` + name + `(input: $input) { clientMutationId replayed ` + payload + ` } }`
}

// ppp runs a PPP mutation that must succeed and returns its payload.
func (e *env) ppp(as domain.Actor, name string, input map[string]any) map[string]any {
	e.t.Helper()
	return e.ok(as, pppDoc(name), vars("input", input))[name].(map[string]any)
}

// pppFails runs a PPP mutation that must fail with the code.
func (e *env) pppFails(as domain.Actor, code, name string, input map[string]any) gqlError {
	e.t.Helper()
	return e.fails(&as, code, pppDoc(name), vars("input", input))
}

// onArr is a command input on an existing arrangement; extra keys add to it.
func onArr(id string, extra ...any) map[string]any {
	in := vars(extra...)
	in["arrangementId"] = id
	return in
}

// ledgerIn is a command input on a region's ledger; extra keys add to it.
func ledgerIn(region string, extra ...any) map[string]any {
	in := vars(extra...)
	in["region"] = region
	return in
}

// terms are valid terms: a 10-year government-pays BOT from 2025 (2025–2034), 50 million yuan
// invested, 20% government equity, obligations of 700,000 in 2025 and 500,000 in 2026; extra
// keys override.
func terms(extra ...any) map[string]any {
	t := map[string]any{
		"operationMode": "BOT", "returnMechanism": "GOVERNMENT_PAYS", "termYears": 10, "startYear": 2025,
		"totalInvestment": "50000000", "governmentEquityBp": 2000,
		"obligations": obligations(2025, "700000", 2026, "500000"),
	}
	maps.Copy(t, vars(extra...))
	return t
}

// obligations builds the obligations input from year, amount pairs.
func obligations(kv ...any) []any {
	out := []any{}
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, map[string]any{"year": kv[i], "amount": kv[i+1]})
	}
	return out
}

// xuzhouLedger opens the Xuzhou ledger as financeXZ with the Ministry of Finance's 10% rule and
// general public budgets of 10 million yuan in 2025 and 2026 and 8 million in 2027.
func (e *env) xuzhouLedger() {
	e.t.Helper()
	e.ppp(financeXZ, "openPPPLedger", ledgerIn(xuzhou))
	e.ppp(financeXZ, "setPPPAffordabilityRule", ledgerIn(xuzhou, "capBp", 1000, "validFrom", "2015-01-01", "basis", "财金〔2015〕21号"))
	for y, b := range map[int]string{2025: "10000000", 2026: "10000000", 2027: "8000000"} {
		e.ppp(financeXZ, "recordPPPBudget", ledgerIn(xuzhou, "year", y, "budget", b))
	}
}

// identified proposes a project of the owner and identifies it with the terms; it returns the
// arrangement's id.
func (e *env) identified(owner domain.Actor, code string, t map[string]any, extra ...any) string {
	e.t.Helper()
	project := e.propose(owner, proposal(code, extra...))
	return str(e.ppp(owner, "identifyPPP", map[string]any{"projectId": project, "terms": t}), "arrangement.id")
}

// preparing identifies an arrangement and passes its identification gate (financeXZ, 2025-01-10),
// then records a passing value-for-money assessment (2025-02-01).
func (e *env) preparing(owner domain.Actor, code string, t map[string]any, extra ...any) string {
	e.t.Helper()
	id := e.identified(owner, code, t, extra...)
	e.ppp(financeXZ, "approvePPPIdentification", onArr(id, "approvedOn", "2025-01-10"))
	e.ppp(owner, "recordPPPValueForMoney", onArr(id, "qualitativeScore", 72, "psc", "60000000", "pppv", "55000000", "assessedOn", "2025-02-01"))
	return id
}

// procuring takes an arrangement past the fiscal affordability gate (2025-03-01).
func (e *env) procuring(owner domain.Actor, code string, t map[string]any, extra ...any) string {
	e.t.Helper()
	id := e.preparing(owner, code, t, extra...)
	e.ppp(financeXZ, "approvePPPPreparation", onArr(id, "approvedOn", "2025-03-01"))
	return id
}

// pppVersions reads an arrangement's and its region's ledger's versions and event counts, to
// show that a refused command wrote nothing.
func (e *env) pppVersions(arrangement string) string {
	e.t.Helper()
	q := e.ok(leader, `query($id: ID!) { pppArrangement(id: $id) { version history { totalCount } region { code } } }`, vars("id", arrangement))
	l := e.ok(leader, `query($r: ID!) { pppLedger(region: $r) { version } }`, vars("r", str(q, "pppArrangement.region.code")))
	return fmt.Sprintf("arrangement v%d (%d events), ledger v%d", num(q, "pppArrangement.version"),
		num(q, "pppArrangement.history.totalCount"), num(l, "pppLedger.version"))
}
