package graph_test

import (
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/server"
)

// fundAsOfQuery reads every field of a fund that fund(asOf) folds from the history.
const fundAsOfQuery = `query($id: ID!, $asOf: Date) { fund(id: $id, asOf: $asOf) {
	id name kind fiscalYear managingOrganization supportModes
	pool available reserved disbursed recovered status closeReason version establishedAt updatedAt } }`

// TestFundAsOfOverHTTP records a fund's life over five days and compares fund(asOf) for each day
// with figures computed by hand, then asks again after every later event:
//
//	2026-11-01 10:00 a project taken into construction (the first recorded events); no fund yet.
//	2026-11-02 10:00 fund F established with 1,000,000.00; application A (500,000.00) reviewed.
//	2026-11-03 09:00 A approved: 200,000.00 on M1 and 300,000.00 on M2 reserved.
//	2026-11-04 09:00 M1 achieved, its tranche of 200,000.00 paid.
//	2026-11-05 09:00 F topped up by 100,000.00, then closed.
func TestFundAsOfOverHTTP(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 1, 10, 0, 0, 0, cst)}
	e := newEnvWith(t, server.Config{Now: clk.now})
	p, ms := e.fundable(ownerXZ, proposal("XZ-2024-091"))

	clk.set(time.Date(2026, 11, 2, 10, 0, 0, 0, cst))
	fund := e.establish(financer, "1000000")
	app := e.reviewed(ownerXZ, fund, p, "500000", []domain.Actor{expert1}, expert1)

	clk.set(time.Date(2026, 11, 3, 9, 0, 0, 0, cst))
	ap := e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "500000", "approvedOn", "2026-11-03",
		"documentNumber", "苏财建〔2026〕21号", "tranches", []any{
			map[string]any{"milestoneId": ms[0], "amount": "200000"}, map[string]any{"milestoneId": ms[1], "amount": "300000"}}))

	clk.set(time.Date(2026, 11, 4, 9, 0, 0, 0, cst))
	e.command(ownerXZ, "achieveMilestone", on(p, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收报告"))
	e.funding(financer, "disburseTranche", onApp(app, "trancheId", str(ap, "application.tranches.0.id"), "disbursedOn", "2026-11-04", "voucherNumber", "PZ-2026-1104"))

	fundAsOf := func(as domain.Actor, asOf any) any {
		t.Helper()
		return e.ok(as, fundAsOfQuery, vars("id", fund, "asOf", asOf))["fund"]
	}
	common := `"id":"` + fund + `","name":"江苏省智慧城市建设专项资金","kind":"SPECIAL_FUND","fiscalYear":2024,
		"managingOrganization":"js-finance","supportModes":["INVESTMENT_SUBSIDY","LOAN_INTEREST_SUBSIDY"],"recovered":"0.00",
		"establishedAt":"2026-11-02T02:00:00Z",`
	// Each day's answer, computed by hand: available = pool − reserved − disbursed.
	days := map[string]string{
		"2026-11-02": `{` + common + `"pool":"1000000.00","available":"1000000.00","reserved":"0.00","disbursed":"0.00",
			"status":"OPEN","closeReason":null,"version":1,"updatedAt":"2026-11-02T02:00:00Z"}`,
		"2026-11-03": `{` + common + `"pool":"1000000.00","available":"500000.00","reserved":"500000.00","disbursed":"0.00",
			"status":"OPEN","closeReason":null,"version":2,"updatedAt":"2026-11-03T01:00:00Z"}`,
		"2026-11-04": `{` + common + `"pool":"1000000.00","available":"500000.00","reserved":"300000.00","disbursed":"200000.00",
			"status":"OPEN","closeReason":null,"version":3,"updatedAt":"2026-11-04T01:00:00Z"}`,
	}
	check := func(label string) {
		t.Helper()
		// The fund did not exist on the first day: null, not an error.
		if f := fundAsOf(leader, "2026-11-01"); f != nil {
			t.Errorf("%s: as of 2026-11-01 (before the fund) = %v, want null", label, f)
		}
		for day, w := range days {
			sameAs(t, label+": as of "+day, fundAsOf(leader, day), w)
		}
	}
	check("asked on 2026-11-04")
	// As of today, the fold agrees with the read model's current row.
	sameAs(t, "current", fundAsOf(leader, nil), days["2026-11-04"])
	// Every authenticated role reads the same figures.
	for _, as := range []domain.Actor{ownerHA, office, financer, expert2} {
		sameAs(t, "as of 2026-11-03 as "+string(as.Role), fundAsOf(as, "2026-11-03"), days["2026-11-03"])
	}

	clk.set(time.Date(2026, 11, 5, 9, 0, 0, 0, cst))
	e.funding(financer, "topUpFund", map[string]any{"fundId": fund, "amount": "100000", "note": "追加"})
	e.funding(financer, "closeFund", map[string]any{"fundId": fund, "reason": "年度结束"})
	days["2026-11-05"] = `{` + common + `"pool":"1100000.00","available":"600000.00","reserved":"300000.00","disbursed":"200000.00",
		"status":"CLOSED","closeReason":"年度结束","version":5,"updatedAt":"2026-11-05T01:00:00Z"}`
	// The earlier days' answers are unchanged by the later events.
	check("asked on 2026-11-05")
	sameAs(t, "current after closing", fundAsOf(leader, nil), days["2026-11-05"])

	// A day after today, or before the first recorded event, is refused naming asOf.
	for _, asOf := range []string{"2026-11-06", "2026-10-31"} {
		err := e.fails(&leader, "BAD_USER_INPUT", fundAsOfQuery, vars("id", fund, "asOf", asOf))
		if err.Extensions["field"] != "asOf" {
			t.Errorf("asOf %s: field %v, want asOf (%s)", asOf, err.Extensions["field"], err.Message)
		}
	}
	e.fails(nil, "UNAUTHENTICATED", fundAsOfQuery, vars("id", fund, "asOf", "2026-11-02"))
}
