package graph_test

import (
	"testing"

	"github.com/smartcity/portfolio/domain"
)

const pppVisibilityQuery = `query($id: ID!, $project: ID!) {
	pppArrangement(id: $id) { id }
	pppArrangements { totalCount edges { node { id } } }
	pppLedger(region: "320300") { reservations { arrangement { id } } }
	project(id: $project) { pppArrangements { id } } }`

// TestPPPArrangementsAreShownByRole checks who sees which arrangements: owners their own
// organisation's (in lists, by id, on the project and among the ledger's reservations), experts
// none, finance, office, leadership and administrators all; and that leadership changes nothing.
func TestPPPArrangementsAreShownByRole(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()
	xzProject := e.propose(ownerXZ, proposal("XZ-P-040"))
	xz := str(e.ppp(ownerXZ, "identifyPPP", map[string]any{"projectId": xzProject, "terms": terms()}), "arrangement.id")
	e.ppp(financeXZ, "approvePPPIdentification", onArr(xz, "approvedOn", "2025-01-10"))
	e.ppp(ownerXZ, "recordPPPValueForMoney", onArr(xz, "qualitativeScore", 72, "psc", "60000000", "pppv", "55000000", "assessedOn", "2025-02-01"))
	e.ppp(financeXZ, "approvePPPPreparation", onArr(xz, "approvedOn", "2025-03-01"))
	ha := e.procuring(ownerHA, "HA-P-040", terms("obligations", obligations(2026, "400000")))
	both := []string{xz, ha}

	sees := func(as domain.Actor, wantOne bool, wantList []string) {
		t.Helper()
		res := e.post(&as, pppVisibilityQuery, vars("id", xz, "project", xzProject))
		if len(res.Errors) > 0 {
			t.Fatalf("%s: %s", as.UserID, res.Body)
		}
		if got := get(res.Data, "pppArrangement") != nil; got != wantOne {
			t.Errorf("%s sees arrangement %s: %v, want %v", as.UserID, xz, got, wantOne)
		}
		want(t, res.Data, "pppArrangements.totalCount", len(wantList))
		want(t, idsOf(res.Data, "pppArrangements"), "", wantList)
		reserved := []string{}
		for _, r := range list(res.Data, "pppLedger.reservations") {
			reserved = append(reserved, str(r, "arrangement.id"))
		}
		want(t, reserved, "", wantList)
		linked := []string{}
		for _, x := range list(res.Data, "project.pppArrangements") {
			linked = append(linked, str(x, "id"))
		}
		if wantOne {
			want(t, linked, "", []string{xz})
		} else {
			want(t, linked, "", []string{})
		}
	}
	sees(ownerXZ, true, []string{xz})
	sees(ownerHA, false, []string{ha})
	sees(expert1, false, []string{})
	for _, as := range []domain.Actor{financer, financeXZ, office, leader, admin} {
		sees(as, true, both)
	}
	// The figures are everyone's: an owner reads the obligations of arrangements it cannot see.
	want(t, e.ok(ownerHA, headroomQuery, vars("r", xuzhou, "from", 2026, "to", 2026)), "pppHeadroom.0.obligations", "900000.00")

	// Leadership reads everything and changes nothing.
	before := e.pppVersions(xz)
	e.pppFails(leader, "FORBIDDEN", "cancelPPPArrangement", onArr(xz, "reason", "调整"))
	e.pppFails(leader, "FORBIDDEN", "launchPPPTender", onArr(xz, "method", "PUBLIC_TENDER"))
	e.pppFails(leader, "FORBIDDEN", "recordPPPBudget", ledgerIn(xuzhou, "year", 2030, "budget", "1"))
	e.pppFails(expert1, "FORBIDDEN", "launchPPPTender", onArr(xz, "method", "PUBLIC_TENDER"))
	e.pppFails(ownerHA, "FORBIDDEN", "launchPPPTender", onArr(xz, "method", "PUBLIC_TENDER"))
	if after := e.pppVersions(xz); after != before {
		t.Errorf("forbidden commands wrote: %s, then %s", before, after)
	}
}

// TestCancellingAPPPArrangementReleasesWhatItReserved cancels one arrangement before the
// affordability gate (nothing to release) and one after it (its obligations released in the
// same transaction), and checks who may cancel and that a cancelled arrangement takes no command.
func TestCancellingAPPPArrangementReleasesWhatItReserved(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()

	early := e.identified(ownerXZ, "XZ-P-050", terms())
	c := e.ppp(office, "cancelPPPArrangement", onArr(early, "reason", "改为政府直接投资", "cancelledOn", "2025-01-05"))
	want(t, c, "arrangement.stage", "CANCELLED")
	want(t, c, "arrangement.cancellation", map[string]any{"previousStage": "IDENTIFICATION", "reason": "改为政府直接投资", "cancelledOn": "2025-01-05"})
	want(t, c, "ledger.version", 5) // opened, rule, three budgets: nothing reserved, nothing released

	id := e.procuring(ownerXZ, "XZ-P-051", terms())
	e.pppFails(ownerXZ, "FORBIDDEN", "cancelPPPArrangement", onArr(id, "reason", "社会资本方退出"))
	e.pppFails(financer, "FORBIDDEN", "cancelPPPArrangement", onArr(id, "reason", "社会资本方退出"))
	if got := e.pppFails(financeXZ, "BAD_USER_INPUT", "cancelPPPArrangement", onArr(id, "reason", " ")); got.Extensions["field"] != "reason" {
		t.Errorf("blank reason: field %v", got.Extensions["field"])
	}
	want(t, e.ok(leader, headroomQuery, vars("r", xuzhou, "from", 2025, "to", 2025)), "pppHeadroom.0.headroom", "300000.00")

	c = e.ppp(financeXZ, "cancelPPPArrangement", onArr(id, "reason", "社会资本方退出", "cancelledOn", "2025-06-01"))
	want(t, c, "arrangement.stage", "CANCELLED")
	want(t, c, "arrangement.cancellation.previousStage", "PROCUREMENT")
	want(t, c, "ledger.reservations", []any{map[string]any{"arrangement": map[string]any{"id": id}, "returnMechanism": "GOVERNMENT_PAYS",
		"obligations": obligations(2025, "700000.00", 2026, "500000.00"), "reservedOn": "2025-03-01",
		"released": true, "releasedOn": "2025-06-01", "releaseReason": "社会资本方退出"}})
	want(t, c, "ledger.headroom.0", row(2025, "10000000.00", "0.00", 0,
		map[string]any{"capBp": 1000, "validFrom": "2015-01-01", "returnMechanism": nil, "basis": "财金〔2015〕21号"},
		"1000000.00", "1000000.00", false, "OK"))
	want(t, c, "ledger.version", 7) // reserved, released

	e.pppFails(financeXZ, "BAD_USER_INPUT", "cancelPPPArrangement", onArr(id, "reason", "再次终止"))
	e.pppFails(office, "BAD_USER_INPUT", "launchPPPTender", onArr(id, "method", "PUBLIC_TENDER"))
	q := e.ok(office, `query($id: ID!) { pppArrangement(id: $id) { history { totalCount edges { node { type command payload } } } }
		pppArrangements(filter: { stage: [CANCELLED] }) { totalCount } }`, vars("id", id))
	want(t, q, "pppArrangement.history.totalCount", 5)
	want(t, q, "pppArrangement.history.edges.4.node", map[string]any{"type": "PPPArrangementCancelled.v1", "command": "CancelPPPArrangement",
		"payload": map[string]any{"arrangementId": id, "previousStage": "PROCUREMENT", "reason": "社会资本方退出", "cancelledOn": "2025-06-01"}})
	want(t, q, "pppArrangements.totalCount", 2)
}
