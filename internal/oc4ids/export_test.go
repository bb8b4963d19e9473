package oc4ids_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/oc4ids"
)

var leader = domain.Actor{UserID: "leader", Role: domain.RoleLeadership}

func (e *env) export(t *testing.T, a domain.Actor, id domain.ProjectID, asOf *domain.Date) map[string]any {
	t.Helper()
	raw, err := e.x.ProjectJSON(context.Background(), a, id, asOf)
	if err != nil {
		t.Fatalf("export %s as of %v: %v", id, asOf, err)
	}
	return validProject(t, raw)
}

func str(v any, path ...string) string {
	for _, k := range path {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	s, _ := v.(string)
	return s
}

func byID(items []any, id string) map[string]any {
	for _, it := range items {
		if m := it.(map[string]any); m["id"] == id {
			return m
		}
	}
	return nil
}

func amount(v any) string {
	m, _ := v.(map[string]any)
	return fmt.Sprint(m["amount"])
}

func roles(p map[string]any, party string) []string {
	var out []string
	if o := byID(list(p["parties"]), party); o != nil {
		for _, r := range list(o["roles"]) {
			out = append(out, r.(string))
		}
	}
	return out
}

func date(s string) *domain.Date {
	d := domain.MustDate(s)
	return &d
}

func prevDay(d domain.Date) *domain.Date {
	p := domain.DateOf(d.Time().AddDate(0, 0, -1))
	return &p
}

func TestExport(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	ha := e.demo.ProjectIDs["HA-2016-001"]
	haPPP := e.demo.PPPArrangementIDs["HA-2016-001"]
	if ha == "" || haPPP == "" {
		t.Fatalf("the demo has no “智慧淮安” project or PPP arrangement: %v", e.demo.PPPArrangementIDs)
	}
	payments := e.pppPayments(haPPP)
	due := payments[paymentKey(2026, domain.PPPAvailabilityPayment)]
	if due.ID == "" || due.Paid != 0 || due.Amount != wan(3600) {
		t.Fatalf("the demo's 2026 availability payment of the Huai'an PPP: %+v, want 3600万 scheduled and unpaid", due)
	}

	// After the demo's history, one event: two days after its last day the finance bureau pays
	// the 2026 availability payment in full. The project is exported as of the day before, first.
	paidAt := nextDay(e.clock.now(), 2)
	frozen, err := e.x.ProjectJSON(ctx, leader, ha, prevDay(day(paidAt)))
	if err != nil {
		t.Fatal(err)
	}
	e.clock.set(paidAt)
	e.payPPP(haPPP, due.ID, wan(3600))
	// Two days later the office suspends the project (it was IN_OPERATION).
	suspendedAt := nextDay(paidAt, 2)
	e.clock.set(suspendedAt)
	if _, err := e.svc.OnProject(ctx, app.Request{Actor: haOffice}, "SuspendProject", ha, "suspend", app.Ref{},
		func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.Suspend(a, domain.SuspendProject{Reason: "PPP 项目库复核"})
		}); err != nil {
		t.Fatal(err)
	}

	t.Run("every demo project is a valid OC4IDS project with codes from the codelists", func(t *testing.T) {
		seen := map[string]int{}
		for code, id := range e.demo.ProjectIDs {
			p := e.export(t, leader, id, nil)
			seen[p["status"].(string)]++
			if p["id"] != oc4ids.IDPrefix+string(id) || str(p, "title") == "" || byID(list(p["identifiers"]), string(code)) == nil {
				t.Errorf("%s: id %v, identifiers %v", code, p["id"], p["identifiers"])
			}
		}
		for _, s := range []string{"identification", "preparation", "implementation", "completion", "maintenance", "cancelled"} {
			if seen[s] == 0 {
				t.Errorf("no demo project exports with status %s (statuses: %v)", s, seen)
			}
		}
	})

	t.Run("the “智慧淮安” PPP project: completion, budget by source, parties and roles, milestones, payments", func(t *testing.T) {
		p := e.export(t, leader, ha, nil) // suspended from IN_OPERATION: still maintenance
		if p["status"] != "maintenance" || str(p, "publicAuthority", "id") != "ha-city-gov" {
			t.Errorf("status %v, public authority %v", p["status"], p["publicAuthority"])
		}
		if got := strings.Join(list2(p["sector"]), ","); got != "communications,governance" {
			t.Errorf("sector %s", got)
		}
		if loc := list(p["locations"])[0].(map[string]any); loc["id"] != "320800" || str(loc, "address", "locality") != "淮安市" || str(loc, "address", "region") != "江苏省" {
			t.Errorf("location %v", loc)
		}
		c := p["completion"].(map[string]any)
		// Spent: 9800 + 12600 + 8400 + 9900 + 8700 + 3100 = 52500万元.
		if c["endDate"] != "2019-12-20T00:00:00+08:00" || amount(c["finalValue"]) != "525000000.00" {
			t.Errorf("completion %v", c)
		}

		// Approved at 55000万, revised to 58200万. By source: the special fund's 9000万 less the
		// 3600万 cancelled in 2018, the 46000万 of social capital from ZTE (selected 2016-07-01),
		// and the rest, 58200 - 5400 - 46000 = 6800万, the city's own.
		b := p["budget"].(map[string]any)
		if amount(b["amount"]) != "582000000.00" || b["approvalDate"] != "2016-07-26T00:00:00+08:00" ||
			!strings.Contains(str(b, "description"), "淮经信〔2016〕52号") || !strings.Contains(str(b, "description"), "Revised from 550000000.00") {
			t.Errorf("budget %v", b)
		}
		appID := e.demo.ApplicationIDs["HA-2016-001/ha-2016"]
		type line struct{ amount, source, approved string }
		want := map[string]line{
			"special-fund-" + string(appID): {"54000000.00", "ha-finance-bureau", "2016-08-30"},
			"ppp-social-capital":            {"460000000.00", "name:" + zte, "2016-07-01"},
			"own-funds":                     {"68000000.00", "ha-city-gov", ""},
		}
		lines := budgetLines(p)
		if len(lines) != len(want) || appID == "" {
			t.Errorf("budget lines %v, want %v", lines, want)
		}
		for id, w := range want {
			l := byID(lines, id)
			if got := (line{amount(l["amount"]), str(l, "sourceParty", "id"), fmt.Sprintf("%.10s", str(l, "approvalDate"))}); got != w {
				t.Errorf("budget line %s: %+v, want %+v", id, got, w)
			}
		}
		if d := str(byID(lines, "ppp-social-capital"), "description"); !strings.Contains(d, string(haPPP)) || !strings.Contains(d, "stage EXECUTION") {
			t.Errorf("PPP social capital line: %s", d)
		}

		// The owner buys and pays its own funds in and is paid the tranches; the finance bureau
		// manages the fund and pays; ZTE funds, bid and supplies; the project company is paid and
		// supplies; the experts' universities reviewed.
		parties := map[string]string{}
		for _, o := range list(p["parties"]) {
			o := o.(map[string]any)
			rs := list2(o["roles"])
			slices.Sort(rs)
			parties[o["id"].(string)] = strings.Join(rs, ",")
		}
		wantParties := map[string]string{
			"ha-city-gov":       "buyer,funder,payee,publicAuthority",
			"ha-finance-bureau": "funder,payer",
			"name:" + zte:       "funder,supplier,tenderer",
			"name:" + haBidder2: "tenderer",
			"name:" + haBidder3: "tenderer",
			"name:" + haCompany: "payee,supplier",
			"hyit":              "reviewBody",
			"seu":               "reviewBody",
		}
		if !maps.Equal(parties, wantParties) {
			t.Errorf("parties and roles:\n got  %v\n want %v", parties, wantParties)
		}

		ms := list(p["milestones"])
		wantMs := map[string]string{
			"lifecycle-approval": "projectApproval met 2016-07-26", "lifecycle-commencement": "commencement met 2016-09-01",
			"lifecycle-completion": "completion met 2019-12-20", "lifecycle-commissioning": "commissioning met 2020-01-01",
			"ppp-contract": "commercialClose met 2016-07-15",
		}
		for id, want := range wantMs {
			m := byID(ms, id)
			if got := fmt.Sprintf("%s %s %.10s", str(m, "code"), str(m, "status"), str(m, "dateMet")); got != want {
				t.Errorf("milestone %s: %s, want %s", id, got, want)
			}
		}
		if d := str(byID(ms, "ppp-contract"), "description"); d != "PPP contract "+haContract {
			t.Errorf("PPP contract milestone: %q", d)
		}
		own := map[string]string{
			"城市运营管理中心建成": "2017-06-28", "智慧政务与信息资源共享平台上线": "2018-01-20",
			"智慧城管、智慧交通等民生应用上线": "2019-03-15", "全市运营服务体系与数据开放": "2019-09-30",
		}
		if len(ms) != len(wantMs)+len(own) {
			t.Errorf("%d milestones, want %d", len(ms), len(wantMs)+len(own))
		}
		for _, m := range ms {
			m := m.(map[string]any)
			if on, ok := own[str(m, "title")]; ok && (str(m, "status") != "met" || !strings.HasPrefix(str(m, "dateMet"), on)) {
				t.Errorf("milestone %s: %s on %s, want met on %s", str(m, "title"), str(m, "status"), str(m, "dateMet"), on)
			}
		}

		// The two tranches of the special fund, and every PPP payment made: 5200万 a year for
		// 2020–2025 (3600万 availability, 1600万 performance, both paid the next spring), 5% off in
		// 2022; and the test's 2026 availability payment. 2026's performance payment is unpaid.
		type tx struct{ date, value, payer, payee, milestone string }
		wantTx := map[string]tx{
			"淮财拨〔2017〕0291号": {"2017-07-12", "27000000.00", "ha-finance-bureau", "ha-city-gov", "城市运营管理中心建成"},
			"淮财拨〔2018〕0047号": {"2018-02-06", "27000000.00", "ha-finance-bureau", "ha-city-gov", "智慧政务与信息资源共享平台上线"},
		}
		paidOn := map[int]string{2020: "2021-03-15", 2021: "2022-03-10", 2022: "2023-03-20", 2023: "2024-03-12", 2024: "2025-03-14", 2025: "2026-03-16"}
		for year, on := range paidOn {
			avail, perf := "36000000.00", "16000000.00"
			if year == 2022 {
				avail, perf = "34200000.00", "15200000.00"
			}
			wantTx["ppp-payment-"+string(payments[paymentKey(year, domain.PPPAvailabilityPayment)].ID)] = tx{on, avail, "ha-finance-bureau", "name:" + haCompany, ""}
			wantTx["ppp-payment-"+string(payments[paymentKey(year, domain.PPPPerformancePayment)].ID)] = tx{on, perf, "ha-finance-bureau", "name:" + haCompany, ""}
		}
		wantTx["ppp-payment-"+string(due.ID)] = tx{day(paidAt).String(), "36000000.00", "ha-finance-bureau", "name:" + haCompany, ""}
		txs := list(p["transactions"])
		if len(txs) != len(wantTx) {
			t.Errorf("%d transactions, want %d", len(txs), len(wantTx))
		}
		for id, w := range wantTx {
			x := byID(txs, id)
			got := tx{fmt.Sprintf("%.10s", str(x, "date")), amount(x["value"]), str(x, "payer", "id"), str(x, "payee", "id"), str(x, "relatedImplementationMilestone", "title")}
			if got != w {
				t.Errorf("transaction %s: %+v, want %+v", id, got, w)
			}
		}
	})

	t.Run("a project with disbursements lists each tranche paid under its voucher number", func(t *testing.T) {
		var project domain.ProjectID
		var n int
		var total int64
		err := e.db.Pool.QueryRow(ctx, `SELECT a.project_id::text, count(*), sum(t.amount) FROM application_tranche_view t
			JOIN application_view a ON a.id = t.application_id WHERE t.disbursed_on IS NOT NULL
			GROUP BY a.project_id ORDER BY count(*) DESC, a.project_id LIMIT 1`).Scan(&project, &n, &total)
		if err != nil {
			t.Fatal(err)
		}
		p := e.export(t, leader, project, nil)
		rows, err := e.db.Pool.Query(ctx, `SELECT t.voucher_no, t.amount, a.managing_org, a.owner_org FROM application_tranche_view t
			JOIN application_view a ON a.id = t.application_id WHERE t.disbursed_on IS NOT NULL AND a.project_id = $1`, project)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var voucher, payer, payee string
			var fen int64
			if err := rows.Scan(&voucher, &fen, &payer, &payee); err != nil {
				t.Fatal(err)
			}
			tx := byID(list(p["transactions"]), voucher)
			if tx == nil || amount(tx["value"]) != domain.Money(fen).String() || str(tx, "payer", "id") != payer ||
				str(tx, "payee", "id") != payee || str(tx, "relatedImplementationMilestone", "id") == "" {
				t.Errorf("tranche paid under voucher %s: transaction %v", voucher, tx)
			}
		}
		if got := len(list(p["transactions"])); got < n {
			t.Errorf("%d transactions for %d tranches paid", got, n)
		}
	})

	t.Run("as of a day, an export shows only what was recorded by its end", func(t *testing.T) {
		// A tranche disbursed late in the demo's history: absent the day before it was recorded.
		var stream, voucher string
		var at time.Time
		if err := e.db.Pool.QueryRow(ctx, `SELECT stream_id, payload->>'voucherNo', recorded_at FROM events
			WHERE event_type = $1 ORDER BY recorded_at DESC LIMIT 1`, (&domain.TrancheDisbursed{}).EventType()).Scan(&stream, &voucher, &at); err != nil {
			t.Fatal(err)
		}
		var project domain.ProjectID
		if err := e.db.Pool.QueryRow(ctx, `SELECT project_id::text FROM application_view WHERE 'application-' || id::text = $1`, stream).Scan(&project); err != nil {
			t.Fatal(err)
		}
		if byID(list(e.export(t, leader, project, ptr(day(at)))["transactions"]), voucher) == nil {
			t.Errorf("tranche %s is missing as of %s, the day it was recorded", voucher, day(at))
		}
		if byID(list(e.export(t, leader, project, prevDay(day(at)))["transactions"]), voucher) != nil {
			t.Errorf("tranche %s, recorded on %s, shows as of the day before", voucher, day(at))
		}

		// The test's PPP payment, recorded two days after the demo's last day.
		payment := "ppp-payment-" + string(due.ID)
		before := e.export(t, leader, ha, prevDay(day(paidAt)))
		if byID(list(before["transactions"]), payment) != nil {
			t.Errorf("the PPP payment shows as of %s, the day before it was recorded", prevDay(day(paidAt)))
		}
		if byID(list(before["milestones"]), "ppp-contract") == nil || byID(list(before["parties"]), "name:"+zte) == nil {
			t.Errorf("the demo's PPP arrangement is missing as of %s", prevDay(day(paidAt)))
		}
		if byID(list(e.export(t, leader, ha, ptr(day(paidAt)))["transactions"]), payment) == nil {
			t.Errorf("the PPP payment is missing as of %s, the day it was recorded", day(paidAt))
		}
		again, err := e.x.ProjectJSON(ctx, leader, ha, prevDay(day(paidAt)))
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(frozen) {
			t.Errorf("the export as of %s changed after later events:\nbefore %s\nafter  %s", prevDay(day(paidAt)), frozen, again)
		}
		// Before the demo identified the arrangement, no PPP at all.
		identified := day(e.recordedAt(domain.PPPArrangementStreamID(haPPP), (&domain.PPPArrangementIdentified{}).EventType()))
		proposed := day(e.recordedAt(domain.ProjectStreamID(ha), (&domain.ProjectProposed{}).EventType()))
		if !proposed.Before(identified) {
			t.Fatalf("the project was proposed and its PPP identified on the same day, %s: spread the clock further", identified)
		}
		early := e.export(t, leader, ha, prevDay(identified))
		if byID(list(early["parties"]), "name:"+zte) != nil || byID(list(early["milestones"]), "ppp-contract") != nil ||
			byID(budgetLines(early), "ppp-social-capital") != nil || len(pppTransactions(early)) != 0 {
			t.Errorf("the PPP arrangement shows as of %s, before it was identified: %v", prevDay(identified), early["parties"])
		}
		if byID(budgetLines(e.export(t, leader, ha, ptr(identified))), "ppp-social-capital") == nil {
			t.Errorf("the PPP arrangement is missing as of %s, the day it was identified", identified)
		}
	})

	t.Run("every demo PPP stage exports validly: a live arrangement's capital, tender, contract and payments; a cancelled one not at all", func(t *testing.T) {
		// From seeds/demo_ppp_*.go and the projects' funding plans; payments as of now, the test's
		// 2026 availability payment of the Huai'an PPP included.
		type want struct {
			stage             domain.PPPStage
			status            string // the project's OC4IDS status
			social, partner   string // the ppp-social-capital line and its source party ("" none)
			tenderers         int
			contract, company string // the ppp-contract milestone's date met; the payee of the payments
			payments          int
			paid              string
		}
		wants := map[domain.ProjectCode]want{
			// Proposed, not submitted: 660万 planned, 260万 of it the operator's.
			"HA-2026-002": {domain.PPPIdentification, "identification", "2600000.00", "", 0, "", "", 0, ""},
			// Returned, revised into a PPP of 3500万 social capital; value for money assessed.
			"XZ-2026-004": {domain.PPPPreparation, "identification", "35000000.00", "", 0, "", "", 0, ""},
			// Approved; partner selected among three bidders, no contract yet.
			"XN-2025-006": {domain.PPPProcurement, "preparation", "190000000.00", "某云计算科技股份有限公司", 3, "", "", 0, ""},
			// In operation; 39000万 a year paid for 2020–2025, 10% off 2023: 5 × 39000 + 35100 万.
			"XN-2017-005": {domain.PPPExecution, "maintenance", "3420000000.00", "某建工集团有限公司与某管廊运营有限公司联合体", 2,
				"2017-12-20", "咸宁市城市综合管廊投资运营有限公司(项目公司)", 12, "2301000000.00"},
			// 5 × 5200 + 4940 (5% off 2022) + 3600 (2026's availability) 万.
			"HA-2016-001": {domain.PPPExecution, "maintenance", "460000000.00", zte, 3, "2016-07-15", haCompany, 13, "345400000.00"},
			// Its tender failed; the project went on without the PPP.
			"XZ-2025-003": {domain.PPPCancelled, "implementation", "", "", 0, "", "", 0, ""},
		}
		if len(e.demo.PPPArrangementIDs) != len(wants) {
			t.Errorf("the demo has %d PPP arrangements, the test knows %d", len(e.demo.PPPArrangementIDs), len(wants))
		}
		stages := map[domain.PPPStage]bool{}
		for code, id := range e.demo.PPPArrangementIDs {
			w, ok := wants[code]
			if !ok {
				t.Errorf("demo PPP arrangement of %s: not known to the test", code)
				continue
			}
			x, err := e.svc.PPPArrangement(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if x.Stage() != w.stage {
				t.Errorf("%s: arrangement in stage %s, want %s", code, x.Stage(), w.stage)
			}
			stages[x.Stage()] = true
			p := e.export(t, leader, x.ProjectID(), nil)
			if p["status"] != w.status {
				t.Errorf("%s: status %v, want %s", code, p["status"], w.status)
			}
			lines := budgetLines(p)
			var sum domain.Money
			for _, l := range lines {
				m, err := domain.ParseMoney(amount(l.(map[string]any)["amount"]))
				if err != nil {
					t.Fatal(err)
				}
				sum += m
			}
			if b := amount(p["budget"].(map[string]any)["amount"]); sum.String() != b {
				t.Errorf("%s: budget lines add up to %s, the budget is %s", code, sum, b)
			}
			social := byID(lines, "ppp-social-capital")
			switch {
			case w.social == "" && social != nil:
				t.Errorf("%s: a PPP social capital line from a %s arrangement: %v", code, x.Stage(), social)
			case w.social != "" && (social == nil || amount(social["amount"]) != w.social || str(social, "sourceParty", "name") != w.partner ||
				!strings.Contains(str(social, "description"), "stage "+string(w.stage))):
				t.Errorf("%s: PPP social capital line %v, want %s from %q in stage %s", code, social, w.social, w.partner, w.stage)
			}
			var tenderers int
			for _, o := range list(p["parties"]) {
				if slices.Contains(list2(o.(map[string]any)["roles"]), "tenderer") {
					tenderers++
				}
			}
			if tenderers != w.tenderers {
				t.Errorf("%s: %d tenderers, want %d", code, tenderers, w.tenderers)
			}
			if m := byID(list(p["milestones"]), "ppp-contract"); fmt.Sprintf("%.10s", str(m, "dateMet")) != w.contract {
				t.Errorf("%s: PPP contract milestone %v, want met on %q", code, m, w.contract)
			}
			var paid domain.Money
			txs := pppTransactions(p)
			for _, tx := range txs {
				m, err := domain.ParseMoney(amount(tx["value"]))
				if err != nil {
					t.Fatal(err)
				}
				paid += m
				if str(tx, "payer", "id") != x.FinanceOrg() || str(tx, "payee", "name") != w.company {
					t.Errorf("%s: PPP payment %v, want paid by %s to %s", code, tx, x.FinanceOrg(), w.company)
				}
			}
			if len(txs) != w.payments || (w.payments > 0 && paid.String() != w.paid) {
				t.Errorf("%s: %d PPP payments of %s in all, want %d of %s", code, len(txs), paid, w.payments, w.paid)
			}
		}
		for _, s := range []domain.PPPStage{domain.PPPIdentification, domain.PPPPreparation, domain.PPPProcurement, domain.PPPExecution, domain.PPPCancelled} {
			if !stages[s] {
				t.Errorf("no demo PPP arrangement in stage %s", s)
			}
		}
	})

	t.Run("bad asOf, unknown project, other organisation", func(t *testing.T) {
		// The project proposed last in the demo did not exist the day before.
		var lastStream string
		var lastAt, firstAt time.Time
		if err := e.db.Pool.QueryRow(ctx, `SELECT stream_id, recorded_at FROM events WHERE event_type = $1
			ORDER BY recorded_at DESC LIMIT 1`, (&domain.ProjectProposed{}).EventType()).Scan(&lastStream, &lastAt); err != nil {
			t.Fatal(err)
		}
		if err := e.db.Pool.QueryRow(ctx, `SELECT min(recorded_at) FROM events`).Scan(&firstAt); err != nil {
			t.Fatal(err)
		}
		if !day(firstAt).Before(day(lastAt)) {
			t.Fatalf("the demo's proposals were all recorded on %s: spread the clock further", day(firstAt))
		}
		latest := domain.ProjectID(strings.TrimPrefix(lastStream, "project-"))
		cases := []struct {
			name  string
			actor domain.Actor
			id    domain.ProjectID
			asOf  *domain.Date
			want  error
		}{
			{"asOf in the future", leader, ha, date("2027-03-02"), domain.ErrInvalid},
			{"asOf before the first event", leader, ha, prevDay(day(firstAt)), domain.ErrInvalid},
			{"unknown project", leader, domain.NewProjectID(), nil, domain.ErrNotFound},
			{"project not yet proposed that day", leader, latest, prevDay(day(lastAt)), domain.ErrNotFound},
			{"owner of another organisation", domain.Actor{UserID: "u", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}, ha, nil, domain.ErrForbidden},
		}
		for _, c := range cases {
			_, err := e.x.ProjectJSON(ctx, c.actor, c.id, c.asOf)
			if !errors.Is(err, c.want) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
			}
		}
		if _, err := e.x.ProjectJSON(ctx, haOwner, ha, nil); err != nil {
			t.Errorf("the owner exporting its own project: %v", err)
		}
	})

	t.Run("a portfolio package: region with sub-regions, domain, status, owner", func(t *testing.T) {
		pkg := e.portfolio(t, leader, oc4ids.Filter{Region: "320000"})
		var want int
		if err := e.db.Pool.QueryRow(ctx, `SELECT count(*) FROM project_view WHERE region_code LIKE '32%'`).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got := len(pkg); got != want || want < 5 {
			t.Errorf("Jiangsu portfolio has %d projects, want %d", got, want)
		}
		for _, p := range pkg {
			if id := list(p["locations"])[0].(map[string]any)["id"].(string); !strings.HasPrefix(id, "32") {
				t.Errorf("project %v of region %s in the Jiangsu portfolio", p["id"], id)
			}
		}
		// The status filter applies to the status at the cutoff: the Huai'an PPP project was in
		// operation until it was suspended.
		inOperation := oc4ids.Filter{Region: "320800", Statuses: []domain.ProjectStatus{domain.StatusInOperation}, Domains: []domain.ProjectDomain{domain.DomainEGovernment}}
		if got := e.portfolio(t, leader, inOperation); len(got) != 0 {
			t.Errorf("Huai'an e-government projects in operation now: %v, want none", ids(got))
		}
		inOperation.AsOf = ptr(day(paidAt))
		if got := e.portfolio(t, leader, inOperation); len(got) != 1 || got[0]["id"] != oc4ids.IDPrefix+string(ha) {
			t.Errorf("Huai'an e-government projects in operation as of %s: %v", day(paidAt), ids(got))
		}
		suspended := e.portfolio(t, leader, oc4ids.Filter{Region: "320000", Statuses: []domain.ProjectStatus{domain.StatusSuspended}})
		if len(suspended) != 1 || suspended[0]["id"] != oc4ids.IDPrefix+string(ha) {
			t.Errorf("suspended Jiangsu projects: %v", ids(suspended))
		}
		own := e.portfolio(t, haOwner, oc4ids.Filter{})
		for _, p := range own {
			if str(p, "publicAuthority", "id") != haOwner.OrgID {
				t.Errorf("owner %s sees %v of %s", haOwner.OrgID, p["id"], str(p, "publicAuthority", "id"))
			}
		}
		if len(own) == 0 {
			t.Errorf("the owner sees none of its projects")
		}
		if err := e.x.WritePortfolio(ctx, &strings.Builder{}, haOwner, oc4ids.Filter{Owner: "xz-bigdata-bureau"}); !errors.Is(err, domain.ErrForbidden) {
			t.Errorf("an owner asking for another organisation's portfolio: %v", err)
		}
	})

	t.Run("filter parameters are checked", func(t *testing.T) {
		for _, q := range []string{"region=999999", "region=32", "domain=ROADS", "status=DONE", "asOf=2026-13-01", "regoin=320000", "status=APPROVED,BAD"} {
			v, _ := url.ParseQuery(q)
			if _, err := oc4ids.ParseFilter(v); !errors.Is(err, domain.ErrInvalid) {
				t.Errorf("%s: %v, want invalid input", q, err)
			}
		}
		v, _ := url.ParseQuery("region=320300&domain=TRANSPORT,HEALTH&status=APPROVED&status=IN_CONSTRUCTION&owner=o&asOf=2026-12-01")
		f, err := oc4ids.ParseFilter(v)
		if err != nil || f.Region != "320300" || len(f.Domains) != 2 || len(f.Statuses) != 2 || f.Owner != "o" || f.AsOf.String() != "2026-12-01" {
			t.Errorf("parsed %+v, %v", f, err)
		}
		if err := e.x.WritePortfolio(ctx, &strings.Builder{}, leader, oc4ids.Filter{AsOf: date("2030-01-01")}); !errors.Is(err, domain.ErrInvalid) {
			t.Errorf("portfolio as of a future day: %v", err)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// budgetLines are the lines of the project's budget breakdown by funding source.
func budgetLines(p map[string]any) []any {
	b, _ := p["budget"].(map[string]any)
	for _, bb := range list(b["budgetBreakdowns"]) {
		if bb := bb.(map[string]any); bb["id"] == "funding-source" {
			return list(bb["budgetBreakdown"])
		}
	}
	return nil
}

// pppTransactions are the project's PPP government payments.
func pppTransactions(p map[string]any) []map[string]any {
	var out []map[string]any
	for _, tx := range list(p["transactions"]) {
		if tx := tx.(map[string]any); strings.HasPrefix(str(tx, "id"), "ppp-payment-") {
			out = append(out, tx)
		}
	}
	return out
}

func list2(v any) []string {
	var out []string
	for _, s := range list(v) {
		out = append(out, s.(string))
	}
	return out
}

func ids(ps []map[string]any) []any {
	var out []any
	for _, p := range ps {
		out = append(out, p["id"])
	}
	return out
}

// portfolio exports a package, checks it as the OC4IDS package schema asks (version, uri,
// publisher, publishedDate, unique project ids) and checks every project against the project
// schema.
func (e *env) portfolio(t *testing.T, a domain.Actor, f oc4ids.Filter) []map[string]any {
	t.Helper()
	raw, err := e.x.PortfolioJSON(context.Background(), a, f)
	if err != nil {
		t.Fatalf("portfolio %+v: %v", f, err)
	}
	var pkg struct {
		Version       string            `json:"version"`
		URI           string            `json:"uri"`
		PublishedDate string            `json:"publishedDate"`
		Publisher     map[string]any    `json:"publisher"`
		Projects      []json.RawMessage `json:"projects"`
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		t.Fatalf("package is not JSON: %v\n%s", err, raw)
	}
	if _, err := time.Parse(time.RFC3339, pkg.PublishedDate); err != nil || pkg.Version != oc4ids.Version || pkg.URI == "" || pkg.Publisher["name"] == "" {
		t.Errorf("package head: version %q uri %q publishedDate %q publisher %v", pkg.Version, pkg.URI, pkg.PublishedDate, pkg.Publisher)
	}
	if _, err := url.Parse(pkg.URI); err != nil {
		t.Errorf("package uri %q: %v", pkg.URI, err)
	}
	var out []map[string]any
	seen := map[any]bool{}
	for _, p := range pkg.Projects {
		v := validProject(t, p)
		if seen[v["id"]] {
			t.Errorf("project %v twice in the package", v["id"])
		}
		seen[v["id"]] = true
		out = append(out, v)
	}
	return out
}
