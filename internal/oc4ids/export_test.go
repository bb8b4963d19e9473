package oc4ids_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
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
	var frozen []byte // the PPP project as of the day its payment was scheduled, exported before the payment
	var ppp pppRun
	ppp = e.addPPP(ha, func() {
		var err error
		if frozen, err = e.x.ProjectJSON(ctx, leader, ha, ptr(day(e.clock.now()))); err != nil {
			t.Fatal(err)
		}
	})
	// Two days after the payment, the office suspends the project (it was IN_OPERATION).
	suspendedAt := ppp.paidAt.Add(48 * time.Hour)
	e.clock.set(suspendedAt)
	haOffice := domain.Actor{UserID: "seed-office-ha", Role: domain.RoleOffice, OrgID: "ha-smart-office"}
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

	t.Run("the completed PPP project: completion, budget by source, parties and roles, milestones, payment", func(t *testing.T) {
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
		// Spent: 9800 + 12600 + 8400 + 9900 + 8700 + 3100 万元.
		if c["endDate"] != "2019-12-20T00:00:00+08:00" || amount(c["finalValue"]) != "525000000.00" {
			t.Errorf("completion %v", c)
		}
		b := p["budget"].(map[string]any)
		if amount(b["amount"]) != "582000000.00" || b["approvalDate"] != "2016-07-26T00:00:00+08:00" {
			t.Errorf("budget %v", b)
		}
		lines := list(list(b["budgetBreakdowns"])[0].(map[string]any)["budgetBreakdown"])
		var sum domain.Money
		for _, l := range lines {
			m, err := domain.ParseMoney(amount(l.(map[string]any)["amount"]))
			if err != nil {
				t.Fatal(err)
			}
			sum += m
		}
		if sum != domain.Yuan(582_000_000) {
			t.Errorf("budget lines add up to %s, want the budget 582000000.00: %v", sum, lines)
		}
		social := byID(lines, "ppp-social-capital")
		if social == nil || amount(social["amount"]) != "460000000.00" || str(social, "sourceParty", "name") != zte {
			t.Errorf("PPP social capital line %v", social)
		}
		if own := byID(lines, "own-funds"); own == nil || str(own, "sourceParty", "id") != "ha-city-gov" {
			t.Errorf("own funds line %v", own)
		}
		for party, want := range map[string]string{
			"ha-city-gov": "publicAuthority,buyer", "name:" + zte: "funder,tenderer,supplier", "name:" + zteBidder: "tenderer",
			"name:" + haCompany: "payee,supplier", "ha-finance-bureau": "payer",
		} {
			got := strings.Join(roles(p, party), ",")
			for _, r := range strings.Split(want, ",") {
				if !strings.Contains(","+got+",", ","+r+",") {
					t.Errorf("party %s has roles %q, want %s among them", party, got, r)
				}
			}
		}
		if r := roles(p, "hyit"); len(r) != 1 || r[0] != "reviewBody" {
			t.Errorf("the reviewing expert's organisation has roles %v, want reviewBody", r)
		}
		ms := list(p["milestones"])
		for id, want := range map[string]string{
			"lifecycle-approval": "projectApproval met 2016-07-26", "lifecycle-commencement": "commencement met 2016-09-01",
			"lifecycle-completion": "completion met 2019-12-20", "lifecycle-commissioning": "commissioning met 2020-01-01",
			"ppp-contract": "commercialClose met 2016-07-15",
		} {
			m := byID(ms, id)
			if got := fmt.Sprintf("%s %s %.10s", str(m, "code"), str(m, "status"), str(m, "dateMet")); got != want {
				t.Errorf("milestone %s: %s, want %s", id, got, want)
			}
		}
		tx := byID(list(p["transactions"]), "ppp-payment-"+string(ppp.paymentID))
		if tx == nil || amount(tx["value"]) != "60000000.00" || str(tx, "payer", "id") != "ha-finance-bureau" || str(tx, "payee", "name") != haCompany {
			t.Errorf("PPP payment transaction %v", tx)
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

		// The PPP payment, recorded two days after the rest of the arrangement.
		payment := "ppp-payment-" + string(ppp.paymentID)
		before := e.export(t, leader, ha, ptr(day(ppp.procured)))
		if byID(list(before["transactions"]), payment) != nil {
			t.Errorf("the PPP payment shows before it was recorded")
		}
		if byID(list(before["milestones"]), "ppp-contract") == nil {
			t.Errorf("the contract signed that day is missing")
		}
		if byID(list(e.export(t, leader, ha, ptr(day(ppp.paidAt)))["transactions"]), payment) == nil {
			t.Errorf("the PPP payment is missing on the day it was recorded")
		}
		again, err := e.x.ProjectJSON(ctx, leader, ha, ptr(day(ppp.procured)))
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(frozen) {
			t.Errorf("the export as of %s changed after later events:\nbefore %s\nafter  %s", day(ppp.procured), frozen, again)
		}
		// Before the arrangement was identified, no PPP at all.
		early := e.export(t, leader, ha, prevDay(day(ppp.procured)))
		if byID(list(early["parties"]), "name:"+zte) != nil || byID(list(early["milestones"]), "ppp-contract") != nil {
			t.Errorf("the PPP arrangement shows before it was identified: %v", early["parties"])
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
		inOperation.AsOf = ptr(day(ppp.paidAt))
		if got := e.portfolio(t, leader, inOperation); len(got) != 1 || got[0]["id"] != oc4ids.IDPrefix+string(ha) {
			t.Errorf("Huai'an e-government projects in operation as of %s: %v", day(ppp.paidAt), ids(got))
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
