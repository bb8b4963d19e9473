package seeds_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/seeds"
)

// wantPPP is the number of demo PPP arrangements, and wantLedgers of regions keeping a ledger.
const wantPPP, wantLedgers = 6, 3

// checkPPP checks the demo's PPP arrangements and the regions' ledgers, read back from their
// events: the stages the demo promises are there, Huai'an's partner is ZTE chosen by public
// tender, payments never exceed what is payable, every ledger holds exactly the obligations of its
// live arrangements and never more than 10% of a year's budget, and one region is at 7% or more.
func checkPPP(t *testing.T, ctx context.Context, svc *app.Service, sum seeds.Summary, projects map[domain.ProjectCode]*domain.Project) {
	t.Helper()
	if sum.PPPArrangements != wantPPP || len(sum.PPPArrangementIDs) != wantPPP || sum.PPPLedgers != wantLedgers {
		t.Fatalf("loaded %d PPP arrangements (%d ids) and %d ledgers, want %d and %d", sum.PPPArrangements, len(sum.PPPArrangementIDs), sum.PPPLedgers, wantPPP, wantLedgers)
	}
	byStage := map[domain.PPPStage][]domain.ProjectCode{}
	byRegion := map[domain.RegionCode][]*domain.PPPArrangement{}
	var paid, deducted, assessed, financeWork int
	for code, id := range sum.PPPArrangementIDs {
		x, err := svc.PPPArrangement(ctx, id)
		if err != nil {
			t.Fatalf("replay the PPP arrangement of %s: %v", code, err)
		}
		p := projects[code]
		if x.ProjectID() != p.ID() || x.OwnerOrg() != p.OwnerOrg() || x.Region() != p.Region() {
			t.Errorf("%s: arrangement of project %s, owner %s, region %s; the project %s, %s, %s",
				code, x.ProjectID(), x.OwnerOrg(), x.Region(), p.ID(), p.OwnerOrg(), p.Region())
		}
		if x.Stage() != domain.PPPCancelled && p.FundingPlan().PPPSocialCapital == 0 {
			t.Errorf("%s: a live PPP arrangement, but the project's funding plan has no PPP social capital", code)
		}
		byStage[x.Stage()] = append(byStage[x.Stage()], code)
		byRegion[x.Region()] = append(byRegion[x.Region()], x)
		for _, pay := range x.Payments() {
			if pay.Paid > pay.Payable || pay.Payable > pay.Amount {
				t.Errorf("%s: payment %+v pays more than it may", code, pay)
			}
			if pay.Paid > 0 {
				paid++
			}
			if pay.Payable < pay.Amount {
				deducted++
			}
		}
		assessed += len(x.Assessments())
		for _, a := range seeds.DemoActors() {
			if vfm, ok := x.ValueForMoney(); ok && vfm.Passed && a.Role == domain.RoleFinance && a.OrgID == x.FinanceOrg() && x.Stage() == domain.PPPPreparation {
				financeWork++
			}
		}
	}
	for _, s := range []domain.PPPStage{domain.PPPIdentification, domain.PPPPreparation, domain.PPPProcurement, domain.PPPExecution, domain.PPPCancelled} {
		if len(byStage[s]) == 0 {
			t.Errorf("no demo PPP arrangement is in %s", s)
		}
	}
	t.Logf("PPP arrangements by stage: %v", byStage)
	if paid == 0 || deducted == 0 || assessed == 0 {
		t.Errorf("%d payments made, %d cut by a performance deduction, %d assessments; want each > 0", paid, deducted, assessed)
	}
	if financeWork == 0 {
		t.Error("the demo's finance account has no PPP preparation waiting for its affordability review")
	}

	// 智慧淮安: ZTE, chosen by public tender, partner and operator, the arrangement in execution.
	ha, err := svc.PPPArrangement(ctx, sum.PPPArrangementIDs["HA-2016-001"])
	if err != nil {
		t.Fatal(err)
	}
	tender, _ := ha.Tender()
	partner, _, _ := ha.Partner()
	if _, signed := ha.Contract(); partner != "中兴通讯股份有限公司" || tender.Method != domain.PPPPublicTender || !signed || ha.Stage() != domain.PPPExecution {
		t.Errorf("智慧淮安: partner %q by %s, contract signed %v, stage %s", partner, tender.Method, signed, ha.Stage())
	}

	// Each ledger: the standard rule, a budget for every year owed, exactly the live arrangements'
	// obligations, never above the cap; one region in the warning zone; a reservation released.
	ledgers, warning, released := 0, 0, 0
	for region, xs := range byRegion {
		l, err := svc.PPPLedger(ctx, region)
		if err != nil {
			t.Fatal(err)
		}
		if !l.Exists() {
			for _, x := range xs {
				if x.Stage() != domain.PPPIdentification {
					t.Errorf("the arrangement of %s passed identification in %s, which keeps no ledger", x.ProjectCode(), region)
				}
			}
			continue
		}
		ledgers++
		owed := map[int]domain.Money{}
		for _, x := range xs {
			if x.HoldsReservation() {
				for _, o := range x.Obligations() {
					owed[o.Year] += o.Amount
				}
			}
		}
		for _, r := range l.Reservations() {
			if r.Released {
				released++
			}
		}
		for _, b := range l.Budgets() {
			rule, ok := l.RuleInForce(b.Year, "")
			if !ok || rule.CapBP != 1000 {
				t.Errorf("%s %d: rule %+v, want the standard 10%%", region, b.Year, rule)
			}
			if o := l.Obligations(b.Year); o != owed[b.Year] || o*10 > b.Amount {
				t.Errorf("%s %d: ledger holds %s, arrangements owe %s, budget %s", region, b.Year, o, owed[b.Year], b.Amount)
			}
			if l.WarningLevel(b.Year) == domain.PPPLevelWarning {
				warning++
			}
			delete(owed, b.Year)
		}
		if len(owed) > 0 {
			t.Errorf("%s: obligations in years without a budget: %v", region, owed)
		}
	}
	if ledgers != wantLedgers || warning == 0 || released == 0 {
		t.Errorf("%d ledgers (want %d), %d years in the warning zone, %d reservations released; want each > 0", ledgers, wantLedgers, warning, released)
	}
}

// checkPPPReadModels compares the rebuilt PPP read models with the events.
func checkPPPReadModels(t *testing.T, ctx context.Context, svc *app.Service, pool *pgxpool.Pool, sum seeds.Summary) {
	t.Helper()
	regions := map[domain.RegionCode]bool{}
	for code, id := range sum.PPPArrangementIDs {
		x, err := svc.PPPArrangement(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		regions[x.Region()] = true
		var stage string
		var scheduled, paidTotal, obligations int64
		if err := pool.QueryRow(ctx, `SELECT stage, scheduled_total, paid_total, total_obligations FROM ppp_arrangement_view WHERE id = $1`, id).
			Scan(&stage, &scheduled, &paidTotal, &obligations); err != nil {
			t.Fatalf("%s in ppp_arrangement_view: %v", code, err)
		}
		var wantScheduled, wantPaid domain.Money
		for _, p := range x.Payments() {
			wantScheduled += p.Amount
			wantPaid += p.Paid
		}
		if stage != string(x.Stage()) || scheduled != int64(wantScheduled) || paidTotal != int64(wantPaid) || obligations != int64(x.TotalObligations()) {
			t.Errorf("%s: ppp_arrangement_view %s scheduled %d paid %d obligations %d; the events %s %s %s %s",
				code, stage, scheduled, paidTotal, obligations, x.Stage(), wantScheduled, wantPaid, x.TotalObligations())
		}
	}
	for region := range regions {
		l, err := svc.PPPLedger(ctx, region)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := pool.Query(ctx, `SELECT b.year, b.budget, coalesce(sum(r.amount), 0)::bigint FROM ppp_budget_view b
			LEFT JOIN ppp_reserved_view r ON r.region_code = b.region_code AND r.year = b.year
			WHERE b.region_code = $1 GROUP BY b.year, b.budget`, region)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var year int
			var budget, reserved int64
			if err := rows.Scan(&year, &budget, &reserved); err != nil {
				t.Fatal(err)
			}
			n++
			if b, _ := l.Budget(year); int64(b) != budget || int64(l.Obligations(year)) != reserved {
				t.Errorf("%s %d: read model budget %d reserved %d; the events %s and %s", region, year, budget, reserved, b, l.Obligations(year))
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if n != len(l.Budgets()) {
			t.Errorf("%s: %d budgets in ppp_budget_view, %d in the events", region, n, len(l.Budgets()))
		}
	}
}
