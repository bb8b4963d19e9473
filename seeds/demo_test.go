package seeds_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// wantProjects is the size of the demo portfolio.
const wantProjects = 26

// wantFunds is the number of demo funds.
const wantFunds = 5

func newService(t *testing.T) (*app.Service, *pgxpool.Pool) {
	t.Helper()
	db := testdb.New(t)
	return app.NewService(eventstore.New(db.Pool, nil), nil, nil), db.Pool
}

func countEvents(t *testing.T, pool *pgxpool.Pool) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM events`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoadDemoCoversEveryStatusAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	svc, pool := newService(t)

	start := time.Now()
	first, err := seeds.LoadDemo(ctx, svc)
	if err != nil {
		t.Fatalf("first load: %v", err)
	}
	t.Logf("first load: %d projects, %d commands, %d replayed, %d events in %v",
		first.Projects, first.Commands, first.Replayed, countEvents(t, pool), time.Since(start).Round(time.Millisecond))
	if first.Projects != wantProjects || len(first.ProjectIDs) != wantProjects {
		t.Fatalf("loaded %d projects (%d ids), want %d", first.Projects, len(first.ProjectIDs), wantProjects)
	}
	if first.Replayed != 0 || first.Written() != first.Commands {
		t.Fatalf("first load into an empty store replayed %d of %d commands", first.Replayed, first.Commands)
	}

	// Every status is present, read back from the events (the write model).
	byStatus := map[domain.ProjectStatus][]domain.ProjectCode{}
	projects := map[domain.ProjectCode]*domain.Project{}
	for code, id := range first.ProjectIDs {
		p, err := svc.Project(ctx, id)
		if err != nil {
			t.Fatalf("replay %s: %v", code, err)
		}
		if p.Code() != code {
			t.Fatalf("project %s has code %s", id, p.Code())
		}
		projects[code] = p
		byStatus[p.Status()] = append(byStatus[p.Status()], code)
	}
	for _, s := range domain.ProjectStatuses() {
		if len(byStatus[s]) == 0 {
			t.Errorf("no demo project is %s", s)
		}
	}
	t.Logf("by status: %v", byStatus)

	checkPortfolio(t, svc.Today(), projects)
	checkFunding(t, ctx, svc, pool, first, projects)
	checkPPP(t, ctx, svc, first, projects)

	// A second load replays every command and writes nothing.
	before := countEvents(t, pool)
	start = time.Now()
	second, err := seeds.LoadDemo(ctx, svc)
	if err != nil {
		t.Fatalf("second load: %v", err)
	}
	t.Logf("second load: %d commands, %d replayed in %v", second.Commands, second.Replayed, time.Since(start).Round(time.Millisecond))
	if second.Commands != first.Commands || second.Replayed != second.Commands || second.Written() != 0 {
		t.Fatalf("second load: %d commands (first %d), %d replayed; want all replayed", second.Commands, first.Commands, second.Replayed)
	}
	if after := countEvents(t, pool); after != before {
		t.Fatalf("second load wrote %d events", after-before)
	}
	for code, id := range first.ProjectIDs {
		if second.ProjectIDs[code] != id {
			t.Fatalf("%s: second load returned id %s, first %s", code, second.ProjectIDs[code], id)
		}
	}
	if len(second.FundIDs) != len(first.FundIDs) || len(second.ApplicationIDs) != len(first.ApplicationIDs) {
		t.Fatalf("second load: %d funds and %d applications, first %d and %d",
			len(second.FundIDs), len(second.ApplicationIDs), len(first.FundIDs), len(first.ApplicationIDs))
	}
	for code, id := range first.FundIDs {
		if second.FundIDs[code] != id {
			t.Fatalf("fund %s: second load returned id %s, first %s", code, second.FundIDs[code], id)
		}
	}
	for name, id := range first.ApplicationIDs {
		if second.ApplicationIDs[name] != id {
			t.Fatalf("application %s: second load returned id %s, first %s", name, second.ApplicationIDs[name], id)
		}
	}
	if len(second.PPPArrangementIDs) != len(first.PPPArrangementIDs) || second.PPPLedgers != first.PPPLedgers {
		t.Fatalf("second load: %d PPP arrangements and %d ledgers, first %d and %d",
			len(second.PPPArrangementIDs), second.PPPLedgers, len(first.PPPArrangementIDs), first.PPPLedgers)
	}
	for code, id := range first.PPPArrangementIDs {
		if second.PPPArrangementIDs[code] != id {
			t.Fatalf("PPP arrangement of %s: second load returned id %s, first %s", code, second.PPPArrangementIDs[code], id)
		}
	}
}

// checkFunding checks the demo's funds and funding applications, read back from their events:
// every application status is there, each fund's money adds up and matches its applications, and
// the money paid is the sum of the tranches paid.
func checkFunding(t *testing.T, ctx context.Context, svc *app.Service, pool *pgxpool.Pool, sum seeds.Summary, projects map[domain.ProjectCode]*domain.Project) {
	t.Helper()
	if sum.Funds != wantFunds || len(sum.FundIDs) != wantFunds {
		t.Fatalf("loaded %d funds (%d ids), want %d", sum.Funds, len(sum.FundIDs), wantFunds)
	}
	if sum.Applications != len(sum.ApplicationIDs) {
		t.Fatalf("loaded %d applications, %d ids", sum.Applications, len(sum.ApplicationIDs))
	}
	projectByID := map[domain.ProjectID]*domain.Project{}
	for _, p := range projects {
		projectByID[p.ID()] = p
	}

	// Every application status, read back from the events.
	byStatus := map[domain.ApplicationStatus][]string{}
	apps := map[domain.FundID][]*domain.FundingApplication{}
	var partlyScored, waitingForDecision, paid, waitingForMilestone, readyToPay, recoveries, cancelled int
	// work is the pending work of each account, as the work queues list it: by finance
	// organisation (decide, disburse), by expert (score), and the offices' (screen, assign).
	work := map[string]int{}
	var appsDisbursed domain.Money
	for name, id := range sum.ApplicationIDs {
		x, err := svc.Application(ctx, id)
		if err != nil {
			t.Fatalf("replay application %s: %v", name, err)
		}
		byStatus[x.Status()] = append(byStatus[x.Status()], name)
		apps[x.FundID()] = append(apps[x.FundID()], x)
		appsDisbursed += x.DisbursedAmount()
		p := projectByID[x.ProjectID()]
		if p == nil {
			t.Fatalf("application %s is of project %s, not in the demo", name, x.ProjectID())
		}
		if x.OwnerOrg() != p.OwnerOrg() {
			t.Errorf("application %s: owner %s, project owner %s", name, x.OwnerOrg(), p.OwnerOrg())
		}
		switch x.Status() {
		case domain.AppSubmitted, domain.AppScreened:
			work["office"]++
		case domain.AppUnderExpertReview:
			if x.AllExpertsScored() {
				waitingForDecision++
				work[x.ManagingOrg()]++
			} else if len(x.Scores()) > 0 {
				partlyScored++
			}
			for _, e := range x.PendingExperts() {
				work[e]++
			}
		case domain.AppApproved:
			var sumTranches domain.Money
			for _, tr := range x.Tranches() {
				sumTranches += tr.Amount
				m, ok := p.Milestone(tr.MilestoneID)
				if !ok {
					t.Errorf("application %s: tranche on milestone %s not in project %s", name, tr.MilestoneID, p.Code())
					continue
				}
				switch {
				case tr.Status == domain.TrancheStatusDisbursed:
					paid++
					if tr.DisbursedOn.Before(m.AchievedOn) || !m.Achieved() {
						t.Errorf("application %s: tranche paid on %s, milestone %q achieved on %s", name, tr.DisbursedOn, m.Name, m.AchievedOn)
					}
				case m.Achieved():
					readyToPay++
					work[x.ManagingOrg()]++
				default:
					waitingForMilestone++
				}
			}
			if sumTranches != x.ApprovedAmount() {
				t.Errorf("application %s: tranches total %s, approved %s", name, sumTranches, x.ApprovedAmount())
			}
			if x.ApprovedAmount() > x.RequestedAmount() {
				t.Errorf("application %s: approved %s above requested %s", name, x.ApprovedAmount(), x.RequestedAmount())
			}
		case domain.AppClosed:
			if x.CancelledAmount() > 0 {
				cancelled++
			}
		}
		for _, r := range x.Recoveries() {
			if r.Reason == "" || r.Amount <= 0 {
				t.Errorf("application %s: recovery without reason or amount: %+v", name, r)
			}
			recoveries++
		}
	}
	for _, s := range domain.ApplicationStatuses() {
		if len(byStatus[s]) == 0 {
			t.Errorf("no demo funding application is %s", s)
		}
	}
	t.Logf("applications by status: %v", byStatus)
	if partlyScored == 0 || waitingForDecision == 0 {
		t.Errorf("under expert review: %d partly scored, %d waiting for the decision; want each > 0", partlyScored, waitingForDecision)
	}
	if paid == 0 || waitingForMilestone == 0 || readyToPay == 0 {
		t.Errorf("approved tranches: %d paid, %d waiting for their milestone, %d ready to pay; want each > 0", paid, waitingForMilestone, readyToPay)
	}
	if recoveries == 0 || cancelled == 0 {
		t.Errorf("%d recoveries, %d closed applications with a cancelled remainder; want each > 0", recoveries, cancelled)
	}
	// The accounts `portfolio up` prints tokens for find work waiting in their queues.
	for _, a := range seeds.DemoActors() {
		var n int
		switch a.Role {
		case domain.RoleOffice:
			n = work["office"]
		case domain.RoleExpert:
			n = work[a.UserID]
		case domain.RoleFinance:
			n = work[a.OrgID]
		default:
			continue
		}
		if n == 0 {
			t.Errorf("the demo account %s (%s) has no funding work waiting", a.UserID, a.Role)
		}
	}

	// Each fund's money adds up and matches its applications.
	var fundsDisbursed, fundsRecovered domain.Money
	var closed int
	var demoFinance bool
	for code, id := range sum.FundIDs {
		f, err := svc.Fund(ctx, id)
		if err != nil {
			t.Fatalf("replay fund %s: %v", code, err)
		}
		if f.Available()+f.Reserved()+f.Disbursed() != f.Pool() || f.Available() < 0 || f.Reserved() < 0 || f.Disbursed() < 0 {
			t.Errorf("fund %s: available %s + reserved %s + disbursed %s != pool %s", code, f.Available(), f.Reserved(), f.Disbursed(), f.Pool())
		}
		var reserved, net, recovered domain.Money
		for _, x := range apps[id] {
			if x.ManagingOrg() != f.ManagingOrg() {
				t.Errorf("fund %s: application %s decided by %s, fund managed by %s", code, x.ID(), x.ManagingOrg(), f.ManagingOrg())
			}
			if !f.Allows(x.SupportMode()) {
				t.Errorf("fund %s does not allow the support mode %s of application %s", code, x.SupportMode(), x.ID())
			}
			reserved += x.ReservedAmount()
			net += x.NetDisbursed()
			recovered += x.RecoveredAmount()
			if a, ok := f.Allocation(x.ID()); ok && (a.Outstanding() != x.ReservedAmount() || a.NetDisbursed() != x.NetDisbursed()) {
				t.Errorf("fund %s: allocation %+v does not match application %s (reserved %s, net disbursed %s)",
					code, a, x.ID(), x.ReservedAmount(), x.NetDisbursed())
			}
		}
		if reserved != f.Reserved() || net != f.Disbursed() || recovered != f.Recovered() {
			t.Errorf("fund %s: reserved %s, disbursed %s, recovered %s; its applications %s, %s, %s",
				code, f.Reserved(), f.Disbursed(), f.Recovered(), reserved, net, recovered)
		}
		fundsDisbursed += f.Disbursed()
		fundsRecovered += f.Recovered()
		if f.Status() == domain.FundStatusClosed {
			closed++
		}
		for _, a := range seeds.DemoActors() {
			if a.Role == domain.RoleFinance && a.OrgID == f.ManagingOrg() {
				demoFinance = true
			}
		}
		t.Logf("fund %s %s (%s, %d): pool %s = available %s + reserved %s + disbursed %s (recovered %s), %d applications",
			code, f.Name(), f.Kind(), f.FiscalYear(), f.Pool(), f.Available(), f.Reserved(), f.Disbursed(), f.Recovered(), len(apps[id]))
	}
	if closed == 0 {
		t.Error("no demo fund is closed")
	}
	if !demoFinance {
		t.Error("the demo's finance account manages no demo fund")
	}
	if n := countEventsOfType(t, pool, "FundToppedUp.v1"); n == 0 {
		t.Error("no demo fund was topped up")
	}

	// The money paid is the sum of the tranches paid, in the application and the fund streams.
	var tranchesPaid domain.Money
	rows, err := pool.Query(ctx, `SELECT payload FROM events WHERE event_type = 'TrancheDisbursed.v1'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
		var e domain.TrancheDisbursed
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		tranchesPaid += e.Amount
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if tranchesPaid == 0 || appsDisbursed != tranchesPaid || fundsDisbursed+fundsRecovered != tranchesPaid {
		t.Errorf("tranches paid %s; applications' disbursed total %s; funds' disbursed %s + recovered %s",
			tranchesPaid, appsDisbursed, fundsDisbursed, fundsRecovered)
	}
}

func countEventsOfType(t *testing.T, pool *pgxpool.Pool, eventType string) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM events WHERE event_type = $1`, eventType).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// documentedProjects are the demonstration projects the documents name (issue 6), as the demo
// names them.
var documentedProjects = []string{
	"“智慧徐州”云中心", "肉菜流通追溯体系", // Xuzhou
	"“宽带成都”", "成都云计算中心", "成都市智能交通工程", "数字城管", "应急指挥", // Chengdu
	"畅行江苏", "智慧健康", "警务大数据", "一张图", // Jiangsu
	"“智慧淮安”PPP项目", "光网咸宁", // Huai'an, Xianning
}

// checkPortfolio checks the facts the demo promises beyond statuses.
func checkPortfolio(t *testing.T, today domain.Date, projects map[domain.ProjectCode]*domain.Project) {
	t.Helper()
	var overdue, rescheduled, achievedWithEvidence, measurements int
	var pendingRevisions, approvedRevisions int
	var ppp bool
	for code, p := range projects {
		if p.FundingPlan().Total() != p.PlannedInvestment() {
			t.Errorf("%s: funding plan %s does not add up to %s", code, p.FundingPlan(), p.PlannedInvestment())
		}
		if p.Spent() > p.ApprovedBudget() {
			t.Errorf("%s: spent %s above approved budget %s", code, p.Spent(), p.ApprovedBudget())
		}
		if p.FundingPlan().PPPSocialCapital > 0 {
			ppp = true
		}
		if p.Status() != domain.StatusSuspended && !p.Status().IsTerminal() {
			overdue += len(p.OverdueMilestones(today))
		}
		for _, m := range p.Milestones() {
			if m.Reschedules > 0 {
				rescheduled++
			}
			if m.Achieved() && m.Evidence != "" {
				achievedWithEvidence++
			}
		}
		for _, ind := range p.Indicators() {
			measurements += len(ind.Measurements)
		}
		for _, r := range p.BudgetRevisions() {
			switch r.Status {
			case domain.RevisionPending:
				pendingRevisions++
			case domain.RevisionApproved:
				approvedRevisions++
			}
		}
	}
	if overdue == 0 || rescheduled == 0 || achievedWithEvidence == 0 || measurements == 0 {
		t.Errorf("overdue %d, rescheduled %d, achieved with evidence %d, measurements %d: want each > 0",
			overdue, rescheduled, achievedWithEvidence, measurements)
	}
	if pendingRevisions != 1 || approvedRevisions != 1 {
		t.Errorf("%d pending and %d approved budget revisions, want 1 and 1", pendingRevisions, approvedRevisions)
	}
	if !ppp {
		t.Error("no project is funded with PPP social capital")
	}

	// The demonstration projects the documents name are there, each with milestones and indicators.
	named := map[string]bool{}
	for _, p := range projects {
		for _, want := range documentedProjects {
			if strings.Contains(p.Name(), want) && len(p.Milestones()) > 0 && len(p.Indicators()) > 0 {
				named[want] = true
			}
		}
	}
	for _, want := range documentedProjects {
		if !named[want] {
			t.Errorf("no demo project %q with milestones and indicators", want)
		}
	}

	// The documents' headline targets are there.
	xn := projects["XN-2016-001"]
	targets := map[string]string{}
	for _, ind := range xn.Indicators() {
		targets[ind.Name] = ind.Target.String() + " " + ind.Unit + " by " + ind.TargetDate.String()
	}
	if got := targets["固定宽带用户"]; got != "68 万户 by 2017-12-31" {
		t.Errorf("Xianning fixed-broadband target: %q", got)
	}
	if got := targets["光纤到户(FTTH)用户"]; got != "48 万户 by 2017-12-31" {
		t.Errorf("Xianning FTTH target: %q", got)
	}
	if ha := projects["HA-2016-001"]; ha.ApprovedBudget() == ha.InitialApprovedBudget() {
		t.Errorf("Huai'an PPP budget was not revised: %s", ha.ApprovedBudget())
	}
}

func TestLoadDemoRefusesAClockBeforeItsHistory(t *testing.T) {
	svc, pool := newService(t)
	early := svc.WithClock(func() time.Time { return seeds.HistoryEnd.Time().AddDate(0, 0, -1) })
	if _, err := seeds.LoadDemo(context.Background(), early); err == nil {
		t.Fatal("LoadDemo accepted a today before the demo's history ends")
	}
	if n := countEvents(t, pool); n != 0 {
		t.Fatalf("a refused load wrote %d events", n)
	}
}

// The read models rebuilt from the demo's events agree with the write model.
func TestDemoReadModelsRebuildFromEvents(t *testing.T) {
	ctx := context.Background()
	svc, pool := newService(t)
	sum, err := seeds.LoadDemo(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	runner := projections.NewRunner(pool, nil, nil, projections.Config{}, projections.All()...)
	start := time.Now()
	n, err := runner.RebuildAll(ctx)
	if err != nil {
		t.Fatalf("rebuild the read models: %v", err)
	}
	t.Logf("rebuilt %d read models from %d events in %v", len(projections.All()), n, time.Since(start).Round(time.Millisecond))

	rows, err := pool.Query(ctx, `SELECT code, status FROM project_view`)
	if err != nil {
		t.Fatal(err)
	}
	viewed := map[domain.ProjectCode]domain.ProjectStatus{}
	for rows.Next() {
		var code, status string
		if err := rows.Scan(&code, &status); err != nil {
			t.Fatal(err)
		}
		viewed[domain.ProjectCode(code)] = domain.ProjectStatus(status)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(viewed) != len(sum.ProjectIDs) {
		t.Fatalf("project_view has %d projects, the demo %d", len(viewed), len(sum.ProjectIDs))
	}
	for code, id := range sum.ProjectIDs {
		p, err := svc.Project(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if viewed[code] != p.Status() {
			t.Errorf("%s: project_view says %s, the events %s", code, viewed[code], p.Status())
		}
	}

	// The funds and applications too.
	for code, id := range sum.FundIDs {
		f, err := svc.Fund(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var total, reserved, disbursed, available int64
		var closed bool
		if err := pool.QueryRow(ctx, `SELECT pool, reserved, disbursed, available, closed FROM fund_view WHERE id = $1`, id).
			Scan(&total, &reserved, &disbursed, &available, &closed); err != nil {
			t.Fatalf("fund %s in fund_view: %v", code, err)
		}
		if total != int64(f.Pool()) || reserved != int64(f.Reserved()) || disbursed != int64(f.Disbursed()) ||
			available != int64(f.Available()) || closed != (f.Status() == domain.FundStatusClosed) {
			t.Errorf("fund %s: fund_view pool %d reserved %d disbursed %d available %d closed %v; the events %d %d %d %d %s",
				code, total, reserved, disbursed, available, closed, f.Pool(), f.Reserved(), f.Disbursed(), f.Available(), f.Status())
		}
	}
	for name, id := range sum.ApplicationIDs {
		x, err := svc.Application(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var status string
		if err := pool.QueryRow(ctx, `SELECT status FROM application_view WHERE id = $1`, id).Scan(&status); err != nil {
			t.Fatalf("application %s in application_view: %v", name, err)
		}
		if status != string(x.Status()) {
			t.Errorf("application %s: application_view says %s, the events %s", name, status, x.Status())
		}
	}
	checkPPPReadModels(t, ctx, svc, pool, sum)
}
