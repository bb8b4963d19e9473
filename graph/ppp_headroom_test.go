package graph_test

import (
	"strings"
	"testing"
)

const headroomQuery = `query($r: ID!, $from: Int!, $to: Int!, $m: PPPReturnMechanism) {
	pppHeadroom(region: $r, fromYear: $from, toYear: $to, mechanism: $m) { ` + headroomFields + ` } }`

// row is one year of the headroom as the tests expect it; nil figures are null.
func row(year int, budget, obligations any, ratio any, rule any, cap, headroom any, atCap bool, level string) map[string]any {
	return map[string]any{"year": year, "budget": budget, "obligations": obligations, "ratioBp": ratio, "rule": rule,
		"cap": cap, "headroom": headroom, "atCap": atCap, "level": level}
}

// TestPPPHeadroomShowsTheRatioTheCapInForceAndTheWarningLevel checks the headroom figures by hand
// against the Xuzhou budgets of 10, 10 and 8 million yuan (2025–2027) and the 10% rule: a first
// arrangement reserving 700,000 (2025) and 500,000 (2026); a second refused for one fen over the
// 2025 cap and, one fen less, reaching the cap exactly; a narrower rule for viability-gap
// arrangements from 2026; a budget replaced; a year without a budget; a ledger never opened.
func TestPPPHeadroomShowsTheRatioTheCapInForceAndTheWarningLevel(t *testing.T) {
	e := newEnv(t)
	e.xuzhouLedger()
	first := e.procuring(ownerXZ, "XZ-P-010", terms())

	over := e.preparing(ownerXZ, "XZ-P-011", terms("returnMechanism", "VIABILITY_GAP", "obligations", obligations(2025, "300000.01", 2027, "600000")))
	before := e.pppVersions(over)
	refused := e.pppFails(financeXZ, "BAD_USER_INPUT", "approvePPPPreparation", onArr(over, "approvedOn", "2025-03-01"))
	for _, part := range []string{"in 2025", "700000.00 yuan already reserved plus 300000.01 yuan", "make 1000000.01 yuan, 10.01% of the general public budget of 10000000.00 yuan",
		"above the cap of 1000000.00 yuan (10.00% for all arrangements from 2015-01-01 (财金〔2015〕21号))"} {
		if !strings.Contains(refused.Message, part) {
			t.Errorf("message %q lacks %q", refused.Message, part)
		}
	}
	if after := e.pppVersions(over); after != before {
		t.Errorf("a refused affordability gate wrote: %s, then %s", before, after)
	}
	atCap := e.preparing(ownerXZ, "XZ-P-012", terms("returnMechanism", "VIABILITY_GAP", "obligations", obligations(2025, "300000", 2027, "600000")))
	e.ppp(financeXZ, "approvePPPPreparation", onArr(atCap, "approvedOn", "2025-03-01"))

	all := map[string]any{"capBp": 1000, "validFrom": "2015-01-01", "returnMechanism": nil, "basis": "财金〔2015〕21号"}
	res := e.ok(ownerHA, headroomQuery, vars("r", xuzhou, "from", 2025, "to", 2028))
	want(t, res, "pppHeadroom", []any{
		row(2025, "10000000.00", "1000000.00", 1000, all, "1000000.00", "0.00", true, "WARNING"),
		row(2026, "10000000.00", "500000.00", 500, all, "1000000.00", "500000.00", false, "OK"),
		row(2027, "8000000.00", "600000.00", 750, all, "800000.00", "200000.00", false, "WARNING"),
		row(2028, nil, "0.00", nil, all, nil, nil, false, "OK"),
	})

	// A narrower cap for viability-gap arrangements from 2026 applies to them only, and never
	// shows a negative headroom where the obligations are above it already.
	l := e.ppp(financeXZ, "setPPPAffordabilityRule", ledgerIn(xuzhou, "capBp", 500, "validFrom", "2026-01-01", "returnMechanism", "VIABILITY_GAP", "basis", "徐财金〔2025〕9号"))
	want(t, l, "ledger.rules.1", map[string]any{"capBp": 500, "validFrom": "2026-01-01", "returnMechanism": "VIABILITY_GAP", "basis": "徐财金〔2025〕9号"})
	vg := map[string]any{"capBp": 500, "validFrom": "2026-01-01", "returnMechanism": "VIABILITY_GAP", "basis": "徐财金〔2025〕9号"}
	res = e.ok(leader, headroomQuery, vars("r", xuzhou, "from", 2025, "to", 2027, "m", "VIABILITY_GAP"))
	want(t, res, "pppHeadroom", []any{
		row(2025, "10000000.00", "1000000.00", 1000, all, "1000000.00", "0.00", true, "WARNING"),
		row(2026, "10000000.00", "500000.00", 500, vg, "500000.00", "0.00", true, "OK"),
		row(2027, "8000000.00", "600000.00", 750, vg, "400000.00", "0.00", true, "WARNING"),
	})
	want(t, e.ok(leader, headroomQuery, vars("r", xuzhou, "from", 2027, "to", 2027, "m", "GOVERNMENT_PAYS")), "pppHeadroom.0.headroom", "200000.00")

	// Budgets: a replacement needs a reason and may not put the obligations above the cap.
	e.pppFails(financeXZ, "BAD_USER_INPUT", "recordPPPBudget", ledgerIn(xuzhou, "year", 2025, "budget", "12500000"))
	low := e.pppFails(financeXZ, "BAD_USER_INPUT", "recordPPPBudget", ledgerIn(xuzhou, "year", 2025, "budget", "9999999.99", "reason", "预算调减"))
	if !strings.Contains(low.Message, "holding 2025 obligations of 1000000.00 yuan, above the 999999.99 yuan") {
		t.Errorf("message %q", low.Message)
	}
	up := e.ppp(financeXZ, "recordPPPBudget", ledgerIn(xuzhou, "year", 2025, "budget", "12500000", "reason", "预算调整", "expectedVersion", 8))
	want(t, up, "ledger.budgets.0", map[string]any{"year": 2025, "amount": "12500000.00", "revisions": 1, "reason": "预算调整"})
	want(t, up, "ledger.headroom.0", row(2025, "12500000.00", "1000000.00", 800, all, "1250000.00", "250000.00", false, "WARNING"))
	want(t, up, "ledger.version", 9)
	want(t, up, "ledger.reservations.0.arrangement.id", first)

	// A ledger never opened has no budget and no rule; bad arguments are refused.
	want(t, e.ok(leader, `{ pppLedger(region: "320800") { version } }`, nil), "pppLedger", nil)
	want(t, e.ok(leader, headroomQuery, vars("r", "320800", "from", 2025, "to", 2025)), "pppHeadroom",
		[]any{row(2025, nil, "0.00", nil, nil, nil, nil, false, "OK")})
	for _, bad := range []struct {
		vars  map[string]any
		field string
	}{
		{vars("r", xuzhou, "from", 2026, "to", 2025), "toYear"},
		{vars("r", xuzhou, "from", 2000, "to", 2050), "toYear"},
		{vars("r", "999999", "from", 2025, "to", 2025), "region"},
	} {
		if got := e.fails(&leader, "BAD_USER_INPUT", headroomQuery, bad.vars); got.Extensions["field"] != bad.field {
			t.Errorf("%v: field %v, want %s", bad.vars, got.Extensions["field"], bad.field)
		}
	}
}
