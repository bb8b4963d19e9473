package graph_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/server"
)

// groupFields is every field of SummaryGroup.
const groupFields = `keys { dimension value label } projects approvedBudget funded reserved disbursed spent
	disbursementRate budgetExecutionRate plannedPercent reportedPercent
	earnedValue { pv ev ac spi cpi eac } rating { red amber green notRated }
	overdueMilestones mostOverdue { projectId projectCode milestoneId name plannedDate daysOverdue }
	waiting { step count oldestSince oldestWaitDays }
	indicators { count measured attained missed averageAttainment }`

const summaryQuery = `query($groupBy: [SummaryDimension!], $filter: SummaryFilter, $asOf: Date, $first: Int) {
	portfolioSummary(groupBy: $groupBy, filter: $filter, asOf: $asOf, first: $first) {
		asOf historical position { transactionId offset recordedAt events }
		totals { ` + groupFields + ` } groups { ` + groupFields + ` } groupCount
		pppHeadroom { region year budget obligations capBp cap headroom } } }`

// sameAs checks a decoded JSON value against the JSON text it must equal.
func sameAs(t *testing.T, label string, got any, wantJSON string) {
	t.Helper()
	var w any
	if err := json.Unmarshal([]byte(wantJSON), &w); err != nil {
		t.Fatalf("%s: bad expectation: %v", label, err)
	}
	if !reflect.DeepEqual(got, w) {
		gb, _ := json.Marshal(got)
		wb, _ := json.Marshal(w)
		t.Errorf("%s:\n got  %s\n want %s", label, gb, wb)
	}
}

// TestPortfolioSummaryOverHTTP records a small portfolio through the mutations over two days and
// compares every figure of the summary with values computed by hand, now and as of each day:
//
//	2026-11-02 10:00 P1 (徐州市 320300, TRANSPORT) approved with a budget of 1,200,000.00 and building,
//	                 milestones M1 2024-06-30 weight 30 and M2 2024-12-31 weight 40 (both past);
//	                 fund F; application A (P1, 500,000.00) scored, waiting for finance's decision;
//	                 P2 (淮安市 320800) proposed by another owner.
//	2026-11-04 09:00 A approved (200,000.00 on M1, 300,000.00 on M2); M1 achieved, its tranche paid;
//	                 P1 spends 300,000.00 and reports 50%.
//	2026-11-05 09:00 P1 spends 100,000.00 more (after the as-of answers were taken).
func TestPortfolioSummaryOverHTTP(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 2, 10, 0, 0, 0, cst)}
	e := newEnvWith(t, server.Config{Now: clk.now})
	p1, ms := e.fundable(ownerXZ, proposal("XZ-2024-090"))
	fund := e.establish(financer, "1200000")
	app := e.reviewed(ownerXZ, fund, p1, "500000", []domain.Actor{expert1}, expert1)
	e.propose(ownerHA, proposal("HA-2024-090", "region", "320800", "name", "淮安市智慧公交调度平台"))
	summary := func(as domain.Actor, kv ...any) map[string]any {
		t.Helper()
		return get(e.ok(as, summaryQuery, vars(kv...)), "portfolioSummary").(map[string]any)
	}

	// As of the first day, asked on that day: budget approved, both milestones planned (70%) and
	// overdue, nothing reported nor spent: PV = 1,200,000 × 70%, EV = 0, so SPI = 0 and P1 is red.
	day1 := summary(leader, "asOf", "2026-11-02")
	want(t, day1, "asOf", "2026-11-02")
	want(t, day1, "historical", true)
	want(t, day1, "position.recordedAt", "2026-11-02T02:00:00Z")
	if str(day1, "position.transactionId") == "0" || str(day1, "position.offset") == "" || num(day1, "position.events") < 10 {
		t.Fatalf("position %v", day1["position"])
	}
	overdue1 := `[{"projectId":"` + p1 + `","projectCode":"XZ-2024-090","milestoneId":"` + ms[0] + `","name":"一期路口上线","plannedDate":"2024-06-30","daysOverdue":855},
		{"projectId":"` + p1 + `","projectCode":"XZ-2024-090","milestoneId":"` + ms[1] + `","name":"二期全市联网","plannedDate":"2024-12-31","daysOverdue":671}]`
	sameAs(t, "totals on 2026-11-02", day1["totals"], `{"keys":[],"projects":2,"approvedBudget":"1200000.00","funded":"0.00","reserved":"0.00",
		"disbursed":"0.00","spent":"0.00","disbursementRate":null,"budgetExecutionRate":"0.0000","plannedPercent":"70.00","reportedPercent":"0.00",
		"earnedValue":{"pv":"840000.00","ev":"0.00","ac":"0.00","spi":"0.0000","cpi":null,"eac":null},
		"rating":{"red":1,"amber":0,"green":1,"notRated":0},"overdueMilestones":2,"mostOverdue":`+overdue1+`,
		"waiting":[{"step":"FINANCE_DECISION","count":1,"oldestSince":"2026-11-02T02:00:00Z","oldestWaitDays":0}],
		"indicators":{"count":0,"measured":0,"attained":0,"missed":0,"averageAttainment":null}}`)
	want(t, day1, "groups", []any{day1["totals"]}) // without groupBy, the one group of the whole portfolio
	want(t, day1, "groupCount", 1)
	want(t, day1, "pppHeadroom", []any{})

	clk.set(time.Date(2026, 11, 4, 9, 0, 0, 0, cst))
	ap := e.funding(financer, "approveApplication", onApp(app, "approvedAmount", "500000", "approvedOn", "2026-11-04",
		"documentNumber", "苏财建〔2026〕18号", "tranches", []any{
			map[string]any{"milestoneId": ms[0], "amount": "200000"}, map[string]any{"milestoneId": ms[1], "amount": "300000"}}))
	e.command(ownerXZ, "achieveMilestone", on(p1, "milestoneId", ms[0], "achievedOn", "2024-06-30", "evidence", "一期验收报告"))
	e.funding(financer, "disburseTranche", onApp(app, "trancheId", str(ap, "application.tranches.0.id"), "disbursedOn", "2026-11-04", "voucherNumber", "PZ-2026-1104"))
	e.command(ownerXZ, "recordExpenditure", on(p1, "amount", "300000", "category", "EQUIPMENT", "description", "信号机"))
	e.command(ownerXZ, "reportProgress", on(p1, "percent", 50, "narrative", "一期完成"))

	// Now: funded 500,000, paid 200,000; PV 840,000, EV = 1,200,000 × 50% = 600,000, AC 300,000:
	// SPI = 600/840, CPI = 2, EAC = 1,200,000 × 300,000 / 600,000. M2 is overdue by 673 days.
	p1Now := `"projects":1,"approvedBudget":"1200000.00","funded":"500000.00","reserved":"300000.00",
		"disbursed":"200000.00","spent":"300000.00","disbursementRate":"0.4000","budgetExecutionRate":"0.2500","plannedPercent":"70.00","reportedPercent":"50.00",
		"earnedValue":{"pv":"840000.00","ev":"600000.00","ac":"300000.00","spi":"0.7143","cpi":"2.0000","eac":"600000.00"},
		"rating":{"red":1,"amber":0,"green":0,"notRated":0},"overdueMilestones":1,
		"mostOverdue":[{"projectId":"` + p1 + `","projectCode":"XZ-2024-090","milestoneId":"` + ms[1] + `","name":"二期全市联网","plannedDate":"2024-12-31","daysOverdue":673}],
		"waiting":[],"indicators":{"count":0,"measured":0,"attained":0,"missed":0,"averageAttainment":null}`
	p2Now := `"projects":1,"approvedBudget":"0.00","funded":"0.00","reserved":"0.00","disbursed":"0.00","spent":"0.00",
		"disbursementRate":null,"budgetExecutionRate":null,"plannedPercent":null,"reportedPercent":null,
		"earnedValue":{"pv":"0.00","ev":"0.00","ac":"0.00","spi":null,"cpi":null,"eac":null},
		"rating":{"red":0,"amber":0,"green":1,"notRated":0},"overdueMilestones":0,"mostOverdue":[],"waiting":[],
		"indicators":{"count":0,"measured":0,"attained":0,"missed":0,"averageAttainment":null}`
	totalsNow := `{"keys":[],"projects":2,"approvedBudget":"1200000.00","funded":"500000.00","reserved":"300000.00",
		"disbursed":"200000.00","spent":"300000.00","disbursementRate":"0.4000","budgetExecutionRate":"0.2500","plannedPercent":"70.00","reportedPercent":"50.00",
		"earnedValue":{"pv":"840000.00","ev":"600000.00","ac":"300000.00","spi":"0.7143","cpi":"2.0000","eac":"600000.00"},
		"rating":{"red":1,"amber":0,"green":1,"notRated":0},"overdueMilestones":1,
		"mostOverdue":[{"projectId":"` + p1 + `","projectCode":"XZ-2024-090","milestoneId":"` + ms[1] + `","name":"二期全市联网","plannedDate":"2024-12-31","daysOverdue":673}],
		"waiting":[],"indicators":{"count":0,"measured":0,"attained":0,"missed":0,"averageAttainment":null}}`

	// Every role may read the summary, owners included (projects are open to every authenticated user).
	for _, as := range []domain.Actor{leader, ownerHA, office, financer, expert2} {
		now := summary(as)
		want(t, now, "asOf", "2026-11-04")
		want(t, now, "historical", false)
		want(t, now, "position.recordedAt", "2026-11-04T01:00:00Z")
		want(t, now, "position.events", 0)
		sameAs(t, "totals now as "+string(as.Role), now["totals"], totalsNow)
	}

	byCity := summary(leader, "groupBy", []any{"CITY"})
	want(t, byCity, "groupCount", 2)
	sameAs(t, "by city", byCity["groups"], `[{"keys":[{"dimension":"CITY","value":"320300","label":"徐州市"}],`+p1Now+`},
		{"keys":[{"dimension":"CITY","value":"320800","label":"淮安市"}],`+p2Now+`}]`)
	sameAs(t, "totals by city", byCity["totals"], totalsNow)
	byStatus := summary(leader, "groupBy", []any{"STATUS"}, "first", 1)
	want(t, byStatus, "groupCount", 2)
	sameAs(t, "by status, the first group", byStatus["groups"], `[{"keys":[{"dimension":"STATUS","value":"IN_CONSTRUCTION","label":"IN_CONSTRUCTION"}],`+p1Now+`}]`)
	both := summary(leader, "groupBy", []any{"CITY", "STATUS"})
	want(t, both, "groups.1.keys", []any{map[string]any{"dimension": "CITY", "value": "320800", "label": "淮安市"},
		map[string]any{"dimension": "STATUS", "value": "PROPOSED", "label": "PROPOSED"}})

	for label, filter := range map[string]map[string]any{
		"Huai'an":            {"region": "320800"},
		"proposed transport": {"status": "PROPOSED", "domain": "TRANSPORT"},
		"Huai'an's owner":    {"ownerOrganization": "ha-transport", "year": 2024},
	} {
		sameAs(t, label, summary(leader, "filter", filter)["totals"], `{"keys":[],`+p2Now+`}`)
	}
	for label, filter := range map[string]map[string]any{
		"Jiangsu's funded": {"region": "320000", "fundId": fund},
		"subsidised":       {"supportMode": "INVESTMENT_SUBSIDY", "status": "IN_CONSTRUCTION"},
	} {
		sameAs(t, label, summary(leader, "filter", filter)["totals"], `{"keys":[],`+p1Now+`}`)
	}

	// Between the events: the 3rd shows the 2nd's figures (the wait a day longer), the 4th today's.
	day3 := summary(leader, "asOf", "2026-11-03")
	want(t, day3, "position", day1["position"])
	want(t, day3, "totals.earnedValue", get(day1, "totals.earnedValue"))
	want(t, day3, "totals.funded", "0.00")
	want(t, day3, "totals.waiting.0.oldestWaitDays", 1)
	want(t, day3, "totals.mostOverdue.1.daysOverdue", 672)
	day4 := summary(leader, "asOf", "2026-11-04", "groupBy", []any{"CITY"})
	want(t, day4, "position", map[string]any{"transactionId": str(day4, "position.transactionId"), "offset": str(day4, "position.offset"),
		"recordedAt": "2026-11-04T01:00:00Z", "events": num(day4, "position.events")})
	sameAs(t, "totals as of 2026-11-04", day4["totals"], totalsNow)
	sameAs(t, "by city as of 2026-11-04", day4["groups"], mustJSON(t, byCity["groups"]))
	again1 := summary(leader, "asOf", "2026-11-02")

	// After more events, the same as-of questions give the same answers, position included.
	clk.set(time.Date(2026, 11, 5, 9, 0, 0, 0, cst))
	e.command(ownerXZ, "recordExpenditure", on(p1, "amount", "100000", "category", "SOFTWARE", "description", "平台软件"))
	want(t, summary(leader), "totals.spent", "400000.00")
	sameAs(t, "2026-11-02 asked again", summary(leader, "asOf", "2026-11-02"), mustJSON(t, again1))
	sameAs(t, "2026-11-04 asked again", summary(leader, "asOf", "2026-11-04", "groupBy", []any{"CITY"}), mustJSON(t, day4))
	if str(summary(leader), "position.transactionId") == str(day4, "position.transactionId") {
		t.Error("the current position did not move after another event")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPortfolioSummaryRefusesBadInput: each bad value is BAD_USER_INPUT naming its field; no token
// is UNAUTHENTICATED.
func TestPortfolioSummaryRefusesBadInput(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 11, 2, 10, 0, 0, 0, cst)}
	e := newEnvWith(t, server.Config{Now: clk.now})
	e.propose(ownerXZ, proposal("XZ-2024-091"))
	for name, c := range map[string]struct {
		vars  map[string]any
		field string
	}{
		"an unknown region":          {vars("filter", map[string]any{"region": "990000"}), "region"},
		"not a region code":          {vars("filter", map[string]any{"region": "Xuzhou"}), "region"},
		"an owner with no project":   {vars("filter", map[string]any{"ownerOrganization": "nobody"}), "ownerOrganization"},
		"an unknown fund":            {vars("filter", map[string]any{"fundId": "0190f5a2-0000-7000-8000-000000000000"}), "fundId"},
		"year 0":                     {vars("filter", map[string]any{"year": 0}), "year"},
		"year 3000":                  {vars("filter", map[string]any{"year": 3000}), "year"},
		"a dimension named twice":    {vars("groupBy", []any{"CITY", "CITY"}), "groupBy"},
		"four dimensions":            {vars("groupBy", []any{"CITY", "STATUS", "YEAR", "FUND"}), "groupBy"},
		"an unknown dimension":       {vars("groupBy", []any{"DISTRICT"}), "groupBy"},
		"an asOf in the future":      {vars("asOf", "2026-11-03"), "asOf"},
		"an asOf before every event": {vars("asOf", "2026-11-01"), "asOf"},
		"first beyond the maximum":   {vars("first", 1001), "first"},
		"first 0":                    {vars("first", 0), "first"},
	} {
		t.Run(name, func(t *testing.T) {
			err := e.fails(&leader, "BAD_USER_INPUT", summaryQuery, c.vars)
			if err.Extensions["field"] != c.field {
				t.Errorf("field %v, want %s: %s", err.Extensions["field"], c.field, err.Message)
			}
		})
	}
	e.fails(nil, "UNAUTHENTICATED", summaryQuery, nil)
	// Two as-of summaries fit in one request (2000 each), a third does not.
	two := `a: portfolioSummary(asOf: "2026-11-02") { asOf } b: portfolioSummary(asOf: "2026-11-02") { asOf }`
	e.ok(leader, `{ `+two+` }`, nil)
	e.fails(&leader, "COMPLEXITY_LIMIT_EXCEEDED", `{ `+two+` c: portfolioSummary(asOf: "2026-11-02") { asOf } }`, nil)
}
