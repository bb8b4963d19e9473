package graph_test

import (
	"strings"
	"testing"
)

// TestPPPArrangementFromIdentificationToClosedReservesAndPaysExactly takes one arrangement
// through the five stages: identified and revised, the identification gate, a passing
// value-for-money assessment, the fiscal affordability gate reserving its obligations in the
// Xuzhou ledger, the tender with two bids, partner, contract and project company, payments
// scheduled and paid, a performance assessment cutting the year's payments by 10%, the transfer,
// the handover and the closing. The ledger's figures are checked where they move.
func TestPPPArrangementFromIdentificationToClosedReservesAndPaysExactly(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()
	project := e.propose(ownerXZ, proposal("XZ-P-001"))

	idf := e.ppp(ownerXZ, "identifyPPP", map[string]any{"clientMutationId": "i-1", "projectId": project,
		"terms": terms("totalInvestment", "52000000")})
	id := str(idf, "arrangement.id")
	want(t, idf, "clientMutationId", "i-1")
	want(t, idf, "replayed", false)
	x := get(idf, "arrangement")
	want(t, x, "project", map[string]any{"id": project, "code": "XZ-P-001"})
	want(t, x, "ownerOrganization", "xz-bigdata")
	want(t, x, "region.code", xuzhou)
	want(t, x, "financeOrganization", nil)
	want(t, x, "stage", "IDENTIFICATION")
	want(t, x, "endYear", 2034)
	want(t, x, "obligations", obligations(2025, "700000.00", 2026, "500000.00"))
	want(t, x, "totalObligations", "1200000.00")
	want(t, x, "gates", []any{})
	want(t, x, "valueForMoney", nil)
	want(t, x, "version", 1)
	want(t, idf, "ledger.reservations", []any{})

	rev := e.ppp(office, "revisePPPIdentification", onArr(id, "expectedVersion", 1, "terms", terms()))
	want(t, rev, "arrangement.totalInvestment", "50000000.00")
	want(t, rev, "arrangement.version", 2)
	gate := e.ppp(financeXZ, "approvePPPIdentification", onArr(id, "approvedOn", "2025-01-10", "note", "纳入PPP项目库"))
	want(t, gate, "arrangement.stage", "PREPARATION")
	want(t, gate, "arrangement.financeOrganization", "xz-finance")
	want(t, gate, "arrangement.gates", []any{map[string]any{"stage": "IDENTIFICATION", "approvedOn": "2025-01-10", "note": "纳入PPP项目库"}})

	// Value for money: PSC 60 million, PPPV 55 million: 5 million cheaper, an index of 8.33%.
	vfm := e.ppp(ownerXZ, "recordPPPValueForMoney", onArr(id, "qualitativeScore", 72, "psc", "60000000", "pppv", "55000000", "assessedOn", "2025-02-01"))
	want(t, vfm, "arrangement.valueForMoney", map[string]any{"qualitativeScore": 72, "psc": "60000000.00", "pppv": "55000000.00",
		"value": "5000000.00", "indexBp": 833, "passed": true, "assessedOn": "2025-02-01"})

	// The affordability gate reserves 700,000 of 2025 (7.00% of 10 million: WARNING) and 500,000 of 2026 (5.00%: OK).
	prep := e.ppp(financeXZ, "approvePPPPreparation", onArr(id, "approvedOn", "2025-03-01", "note", "徐财金〔2025〕7号"))
	want(t, prep, "arrangement.stage", "PROCUREMENT")
	want(t, prep, "ledger.reservations", []any{map[string]any{"arrangement": map[string]any{"id": id}, "returnMechanism": "GOVERNMENT_PAYS",
		"obligations": obligations(2025, "700000.00", 2026, "500000.00"), "reservedOn": "2025-03-01", "released": false, "releasedOn": nil, "releaseReason": nil}})
	rule := map[string]any{"capBp": 1000, "validFrom": "2015-01-01", "returnMechanism": nil, "basis": "财金〔2015〕21号"}
	want(t, prep, "ledger.headroom", []any{
		map[string]any{"year": 2025, "budget": "10000000.00", "obligations": "700000.00", "ratioBp": 700, "rule": rule,
			"cap": "1000000.00", "headroom": "300000.00", "atCap": false, "level": "WARNING"},
		map[string]any{"year": 2026, "budget": "10000000.00", "obligations": "500000.00", "ratioBp": 500, "rule": rule,
			"cap": "1000000.00", "headroom": "500000.00", "atCap": false, "level": "OK"},
		map[string]any{"year": 2027, "budget": "8000000.00", "obligations": "0.00", "ratioBp": 0, "rule": rule,
			"cap": "800000.00", "headroom": "800000.00", "atCap": false, "level": "OK"},
	})

	// Procurement.
	e.ppp(office, "launchPPPTender", onArr(id, "method", "PUBLIC_TENDER", "noticeNumber", "XZCG-2025-031", "launchedOn", "2025-03-10"))
	e.ppp(office, "recordPPPBid", onArr(id, "bidder", "中兴通讯股份有限公司", "amount", "46500000", "bidOn", "2025-04-01"))
	e.ppp(office, "recordPPPBid", onArr(id, "bidder", "华为技术有限公司", "amount", "47200000", "bidOn", "2025-04-02"))
	e.ppp(ownerXZ, "selectPPPPartner", onArr(id, "partner", "中兴通讯股份有限公司", "selectedOn", "2025-04-15"))
	e.ppp(ownerXZ, "signPPPContract", onArr(id, "contractNumber", "XZ-PPP-2025-01", "signedOn", "2025-05-01"))
	co := e.ppp(ownerXZ, "setUpPPPProjectCompany", onArr(id, "name", "徐州智慧城市运营有限公司", "registeredCapital", "10000000"))
	x = get(co, "arrangement")
	want(t, x, "tender", map[string]any{"method": "PUBLIC_TENDER", "noticeNumber": "XZCG-2025-031", "launchedOn": "2025-03-10"})
	want(t, x, "bids.1", map[string]any{"bidder": "华为技术有限公司", "amount": "47200000.00", "bidOn": "2025-04-02"})
	want(t, x, "partner", map[string]any{"name": "中兴通讯股份有限公司", "selectedOn": "2025-04-15"})
	want(t, x, "contract", map[string]any{"contractNumber": "XZ-PPP-2025-01", "signedOn": "2025-05-01"})
	want(t, x, "projectCompany", map[string]any{"name": "徐州智慧城市运营有限公司", "registeredCapital": "10000000.00",
		"governmentEquityContribution": "2000000.00"})
	want(t, e.ppp(financeXZ, "approvePPPProcurement", onArr(id, "approvedOn", "2025-05-10")), "arrangement.stage", "EXECUTION")

	// Execution: 2025's obligation scheduled in two payments, the first partly paid.
	s1 := e.ppp(financeXZ, "schedulePPPPayment", onArr(id, "year", 2025, "kind", "AVAILABILITY", "amount", "400000", "dueOn", "2025-06-30"))
	avail := str(s1, "payment.id")
	want(t, s1, "payment", map[string]any{"id": avail, "year": 2025, "kind": "AVAILABILITY", "scheduled": "400000.00", "dueOn": "2025-06-30",
		"performanceDeduction": "0.00", "payable": "400000.00", "paid": "0.00", "outstanding": "400000.00", "lastPaidOn": nil})
	perf := str(e.ppp(financeXZ, "schedulePPPPayment", onArr(id, "year", 2025, "kind", "PERFORMANCE", "amount", "300000", "dueOn", "2025-12-31")), "payment.id")
	p1 := e.ppp(financeXZ, "recordPPPPayment", onArr(id, "paymentId", avail, "amount", "300000", "paidOn", "2025-07-01"))
	want(t, p1, "payment.outstanding", "100000.00")
	want(t, p1, "arrangement.paidTotal", "300000.00")

	// A score of 55 deducts 10% from every 2025 payment: 40,000 + 30,000.
	as := e.ppp(ownerXZ, "recordPPPPerformanceAssessment", onArr(id, "year", 2025, "score", 55, "deductionBp", 1000, "assessedOn", "2026-01-15"))
	want(t, as, "arrangement.assessments", []any{map[string]any{"year": 2025, "score": 55, "deductionBp": 1000, "assessedOn": "2026-01-15"}})
	want(t, as, "arrangement.payments.0", map[string]any{"id": avail, "year": 2025, "kind": "AVAILABILITY", "scheduled": "400000.00",
		"dueOn": "2025-06-30", "performanceDeduction": "40000.00", "payable": "360000.00", "paid": "300000.00", "outstanding": "60000.00", "lastPaidOn": "2025-07-01"})
	refused := e.pppFails(financeXZ, "BAD_USER_INPUT", "recordPPPPayment", onArr(id, "paymentId", perf, "amount", "270000.01", "paidOn", "2026-01-20"))
	if !strings.Contains(refused.Message, "270000.00 yuan outstanding") {
		t.Errorf("message %q", refused.Message)
	}
	p2 := e.ppp(financeXZ, "recordPPPPayment", onArr(id, "paymentId", perf, "amount", "270000", "paidOn", "2026-01-20"))
	want(t, p2, "payment.outstanding", "0.00")
	x = get(p2, "arrangement")
	want(t, x, "paymentSchedule", []any{
		map[string]any{"year": 2025, "obligation": "700000.00", "scheduled": "700000.00", "unscheduled": "0.00", "performanceDeduction": "70000.00",
			"payable": "630000.00", "paid": "570000.00", "difference": "60000.00", "assessment": map[string]any{"score": 55, "deductionBp": 1000}},
		map[string]any{"year": 2026, "obligation": "500000.00", "scheduled": "0.00", "unscheduled": "500000.00", "performanceDeduction": "0.00",
			"payable": "0.00", "paid": "0.00", "difference": "0.00", "assessment": nil},
	})
	want(t, x, "scheduledTotal", "700000.00")
	want(t, x, "paidTotal", "570000.00")

	// Transfer and closing; the ledger keeps the obligations.
	want(t, e.ppp(financeXZ, "approvePPPTransferStart", onArr(id, "approvedOn", "2026-06-01")), "arrangement.stage", "TRANSFER")
	ho := e.ppp(office, "handOverPPPAssets", onArr(id, "description", "机房、传感器及平台软件", "handedOverOn", "2026-07-01"))
	want(t, ho, "arrangement.handover", map[string]any{"handedOverOn": "2026-07-01", "description": "机房、传感器及平台软件"})
	cl := e.ppp(financeXZ, "closePPPArrangement", onArr(id, "closedOn", "2026-07-15", "note", "合作期满移交"))
	x = get(cl, "arrangement")
	want(t, x, "stage", "CLOSED")
	want(t, x, "cancellation", nil)
	var stages []string
	for _, g := range list(x, "gates") {
		stages = append(stages, str(g, "stage")+"@"+str(g, "approvedOn"))
	}
	if got := strings.Join(stages, " "); got != "IDENTIFICATION@2025-01-10 PREPARATION@2025-03-01 PROCUREMENT@2025-05-10 EXECUTION@2026-06-01 TRANSFER@2026-07-15" {
		t.Errorf("gates %s", got)
	}
	want(t, cl, "ledger.headroom.0.obligations", "700000.00")
	want(t, cl, "ledger.reservations.0.released", false)

	// The full history, the list and the project's link, as leadership reads them.
	q := e.ok(leader, `query($id: ID!, $p: ID!) {
		pppArrangement(id: $id) { version history(first: 100) { totalCount edges { node { type command actor { userId role } } } } }
		pppArrangements(filter: { stage: [CLOSED], region: "320000", operationMode: BOT, returnMechanism: GOVERNMENT_PAYS, ownerOrganization: "xz-bigdata" }) {
			totalCount edges { node { id } } }
		project(id: $p) { pppArrangements { id stage } } }`, vars("id", id, "p", project))
	var types []string
	for _, edge := range list(q, "pppArrangement.history.edges") {
		types = append(types, strings.TrimSuffix(strings.TrimPrefix(str(edge, "node.type"), "PPP"), ".v1"))
	}
	if got := strings.Join(types, " "); got != "ArrangementIdentified IdentificationRevised IdentificationApproved ValueForMoneyRecorded "+
		"PreparationApproved TenderLaunched BidRecorded BidRecorded PartnerSelected ContractSigned ProjectCompanySetUp ProcurementApproved "+
		"PaymentScheduled PaymentScheduled PaymentRecorded PerformanceAssessed PaymentRecorded TransferStarted AssetsHandedOver ArrangementClosed" {
		t.Errorf("history: %s", got)
	}
	want(t, q, "pppArrangement.version", 20)
	want(t, q, "pppArrangement.history.edges.4.node", map[string]any{"type": "PPPPreparationApproved.v1", "command": "ApprovePPPPreparation",
		"actor": map[string]any{"userId": "zhou.qi", "role": "FINANCE"}})
	want(t, q, "pppArrangements", map[string]any{"totalCount": 1, "edges": []any{map[string]any{"node": map[string]any{"id": id}}}})
	want(t, q, "project.pppArrangements", []any{map[string]any{"id": id, "stage": "CLOSED"}})
	for _, f := range []string{`{ stage: [EXECUTION] }`, `{ region: "320800" }`, `{ operationMode: TOT }`, `{ returnMechanism: VIABILITY_GAP }`, `{ ownerOrganization: "ha-transport" }`} {
		want(t, e.ok(leader, `{ pppArrangements(filter: `+f+`) { totalCount } }`, nil), "pppArrangements.totalCount", 0)
	}
}
