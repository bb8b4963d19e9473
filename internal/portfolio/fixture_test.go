package portfolio_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/portfolio"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	owner   = domain.Actor{UserID: "zhang", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}
	owner2  = domain.Actor{UserID: "sun", Role: domain.RoleOwner, OrgID: "ha-commerce-bureau"}
	office  = domain.Actor{UserID: "li", Role: domain.RoleOffice, OrgID: "js-smart-office"}
	expert  = domain.Actor{UserID: "wang", Role: domain.RoleExpert, OrgID: "cumt"}
	finance = domain.Actor{UserID: "zhao", Role: domain.RoleFinance, OrgID: "xz-finance-bureau"}
)

var cst = time.FixedZone("CST", 8*60*60)

// at is 10:00 China Standard Time on a day: when the fixture's commands of that day are recorded.
func at(day string) time.Time {
	d := domain.MustDate(day)
	return time.Date(d.Year, d.Month, d.Day, 10, 0, 0, 0, cst)
}

// clock is the fixture's settable clock, shared by the store (recorded_at), the service (today)
// and the reader (now).
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// fixture is a small portfolio recorded over five days of 2025 (see seed).
type fixture struct {
	t      *testing.T
	db     *testdb.DB
	clock  *clock
	svc    *app.Service
	runner *projections.Runner
	reader *portfolio.Reader

	p1, p2       domain.ProjectID
	m1, m2       domain.MilestoneID
	i1, i2       domain.IndicatorID
	fund         domain.FundID
	application  domain.ApplicationID
	eventsByDay1 int64 // events in the store after the first day
}

func (f *fixture) must(o app.Outcome, err error) app.Outcome {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	return o
}

func (f *fixture) project(id domain.ProjectID, a domain.Actor, act app.ProjectAction) {
	f.t.Helper()
	f.must(f.svc.OnProject(context.Background(), app.Request{Actor: a}, "step", id, nil, app.Ref{}, act))
}

func (f *fixture) app(a domain.Actor, act app.ApplicationAction) {
	f.t.Helper()
	f.must(f.svc.OnApplication(context.Background(), app.Request{Actor: a}, "step", f.application, nil, app.Ref{}, act))
}

func (f *fixture) ledger(act app.LedgerAction) {
	f.t.Helper()
	f.must(f.svc.OnLedger(context.Background(), app.Request{Actor: finance}, "step", "320300", nil, act))
}

func appOnly(act func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error)) app.ApplicationAction {
	return func(x *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
		ev, err := act(x, a)
		return ev, nil, err
	}
}

// newFixture records the portfolio, day by day, through the command service with the summary
// read model projecting live:
//
//	2025-01-10 P1 (铜山区 320312, BROADBAND_CLOUD, start 2025) proposed, approved with 1,000,000.00
//	           yuan, construction started; M1 2025-03-31 weight 40, M2 2025-09-30 weight 60;
//	           indicators I1 500000 → 680000 by 2025-12-31 and I2 30 → 10 by 2025-03-31.
//	           P2 (淮安市 320800, FOOD_SAFETY, start 2025, another owner) proposed and submitted.
//	           Fund F (pool 5,000,000.00); Xuzhou's PPP ledger: 2025 budget 10,000,000.00, 10% rule.
//	2025-02-01 P1 spends 50,000.00 and reports 40%; application A1 (P1, F, 400,000.00) submitted.
//	2025-03-01 A1 screened and an expert assigned.
//	2025-04-15 P1 measures I1 = 590000 and I2 = 12, spends 250,000.00; A1 scored.
//	2025-05-10 P1 achieves M1 (on 2025-05-08) and reports 45%; A1 approved 150,000.00 on M1 +
//	           250,000.00 on M2, the M1 tranche paid; the 2025 budget replaced by 12,000,000.00.
//
// Then the clock stands at 2025-06-01 12:00 CST.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := testdb.New(t)
	c := &clock{t: at("2025-01-10")}
	signal := eventstore.NewSignal()
	store := eventstore.New(db.Pool, nil, eventstore.WithClock(c.now), eventstore.WithCommitSignal(signal))
	runner := projections.NewRunner(db.Pool, signal, slog.New(slog.DiscardHandler), projections.Config{PollInterval: 20 * time.Millisecond}, projections.All()...)
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = runner.Close() })
	f := &fixture{t: t, db: db, clock: c, runner: runner, svc: app.NewService(store, runner, nil).WithClock(c.now),
		reader: portfolio.New(db.Pool).WithClock(c.now)}
	f.m1, f.m2 = domain.NewMilestoneID(), domain.NewMilestoneID()
	f.i1, f.i2 = domain.NewIndicatorID(), domain.NewIndicatorID()
	today := func() domain.Date { return f.svc.Today() }

	// 2025-01-10
	f.p1 = f.must(f.svc.ProposeProject(ctx, app.Request{Actor: owner}, nil, domain.ProjectDetails{
		Name: "铜山区光网城市", Domain: "BROADBAND_CLOUD", Region: "320312", PlannedInvestment: domain.Yuan(1_000_000),
		Funding:      domain.FundingPlan{FiscalSpecialFund: domain.Yuan(600_000), SelfRaised: domain.Yuan(400_000)},
		PlannedStart: domain.MustDate("2025-01-01"), PlannedEnd: domain.MustDate("2025-12-31"),
	}, "XZ-TS-001")).Ref.ProjectID
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.SubmitForReview(a, domain.SubmitProjectForReview{})
	})
	f.project(f.p1, expert, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RecordExpertReview(a, domain.RecordExpertReview{Score: 88, Opinion: "可行"})
	})
	f.project(f.p1, office, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.Approve(a, domain.ApproveProject{DocumentNo: "徐经信〔2025〕1号", ApprovedBudget: domain.Yuan(1_000_000), ApprovedOn: today(), Today: today()})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.StartConstruction(a, domain.StartConstruction{StartedOn: today(), Today: today()})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.PlanMilestone(a, domain.PlanMilestone{MilestoneID: f.m1, Name: "骨干网建成", PlannedDate: domain.MustDate("2025-03-31"), Weight: 40})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.PlanMilestone(a, domain.PlanMilestone{MilestoneID: f.m2, Name: "全域覆盖", PlannedDate: domain.MustDate("2025-09-30"), Weight: 60})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.DefineIndicator(a, domain.DefineIndicator{IndicatorID: f.i1, Name: "固定宽带用户", Unit: "户",
			Baseline: domain.MustQuantity("500000"), Target: domain.MustQuantity("680000"), TargetDate: domain.MustDate("2025-12-31")})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.DefineIndicator(a, domain.DefineIndicator{IndicatorID: f.i2, Name: "政务审批时长", Unit: "天",
			Baseline: domain.MustQuantity("30"), Target: domain.MustQuantity("10"), TargetDate: domain.MustDate("2025-03-31")})
	})
	f.p2 = f.must(f.svc.ProposeProject(ctx, app.Request{Actor: owner2}, nil, domain.ProjectDetails{
		Name: "淮安市食品追溯平台", Domain: "FOOD_SAFETY", Region: "320800", PlannedInvestment: domain.Yuan(2_000_000),
		Funding:      domain.FundingPlan{SelfRaised: domain.Yuan(2_000_000)},
		PlannedStart: domain.MustDate("2025-03-01"), PlannedEnd: domain.MustDate("2026-12-31"),
	}, "HA-FS-001")).Ref.ProjectID
	f.project(f.p2, owner2, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.SubmitForReview(a, domain.SubmitProjectForReview{})
	})
	f.fund = f.must(f.svc.EstablishFund(ctx, app.Request{Actor: finance}, nil, domain.EstablishFund{
		Name: "智慧徐州建设专项资金", Kind: domain.FundSpecial, FiscalYear: 2025, Pool: domain.Yuan(5_000_000),
		SupportModes: []domain.SupportMode{domain.SupportInvestmentSubsidy},
	})).Ref.FundID
	f.ledger(func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.Open(a, domain.OpenPPPLedger{Region: "320300"})
	})
	f.ledger(func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.RecordBudget(a, domain.RecordPPPBudget{Year: 2025, Budget: domain.Yuan(10_000_000)})
	})
	f.ledger(func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.SetAffordabilityRule(a, domain.StandardPPPAffordabilityRule())
	})
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM events`).Scan(&f.eventsByDay1); err != nil {
		t.Fatal(err)
	}

	// 2025-02-01
	c.set(at("2025-02-01"))
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RecordExpenditure(a, domain.RecordExpenditure{SpentOn: domain.MustDate("2025-01-20"), Amount: domain.Yuan(50_000), Category: "EQUIPMENT", Description: "光缆", Today: today()})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.ReportProgress(a, domain.ReportProgress{AsOf: today(), Percent: 40, Narrative: "主干完成", Today: today()})
	})
	f.application = f.must(f.svc.DraftApplication(ctx, app.Request{Actor: owner}, nil, f.p1, f.fund, domain.DraftApplication{
		ApplicationRequest: domain.ApplicationRequest{SupportMode: domain.SupportInvestmentSubsidy, RequestedAmount: domain.Yuan(400_000), Justification: "光网建设"},
	})).Ref.ApplicationID
	f.app(owner, appOnly(func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.Submit(a, domain.SubmitApplication{})
	}))

	// 2025-03-01
	c.set(at("2025-03-01"))
	f.app(office, appOnly(func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.Screen(a, domain.ScreenApplication{Passed: true})
	}))
	f.app(office, appOnly(func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.AssignExperts(a, domain.AssignApplicationExperts{Experts: []domain.Actor{expert}})
	}))

	// 2025-04-15
	c.set(at("2025-04-15"))
	for _, m := range []struct {
		id domain.IndicatorID
		v  string
	}{{f.i1, "590000"}, {f.i2, "12"}} {
		f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.RecordMeasurement(a, domain.RecordMeasurement{IndicatorID: m.id, MeasuredOn: today(), Value: domain.MustQuantity(m.v), Today: today()})
		})
	}
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RecordExpenditure(a, domain.RecordExpenditure{SpentOn: today(), Amount: domain.Yuan(250_000), Category: "EQUIPMENT", Description: "交换机", Today: today()})
	})
	f.app(expert, appOnly(func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.Score(a, domain.ScoreApplication{Score: 90, Opinion: "建议支持"})
	}))

	// 2025-05-10
	c.set(at("2025-05-10"))
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.AchieveMilestone(a, domain.AchieveMilestone{MilestoneID: f.m1, AchievedOn: domain.MustDate("2025-05-08"), Evidence: "验收单", Today: today()})
	})
	f.project(f.p1, owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.ReportProgress(a, domain.ReportProgress{AsOf: today(), Percent: 45, Narrative: "骨干网验收", Today: today()})
	})
	t1, t2 := domain.NewTrancheID(), domain.NewTrancheID()
	f.must(f.svc.OnApplication(ctx, app.Request{Actor: finance}, "ApproveApplication", f.application, nil, app.Ref{TrancheIDs: []domain.TrancheID{t1, t2}},
		func(x *domain.FundingApplication, fund *domain.Fund, p *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			return domain.ApproveApplication(a, x, fund, p, domain.ApproveApplicationCmd{ApprovedAmount: domain.Yuan(400_000), ApprovedOn: today(), Today: today(),
				Tranches: []domain.ApprovedTranche{{TrancheID: t1, MilestoneID: f.m1, Amount: domain.Yuan(150_000)}, {TrancheID: t2, MilestoneID: f.m2, Amount: domain.Yuan(250_000)}}})
		}))
	f.must(f.svc.OnApplication(ctx, app.Request{Actor: finance}, "DisburseTranche", f.application, nil, app.Ref{},
		func(x *domain.FundingApplication, fund *domain.Fund, p *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			return domain.DisburseTranche(a, x, fund, p, domain.DisburseTrancheCmd{TrancheID: t1, DisbursedOn: today(), VoucherNo: "徐财拨〔2025〕7号", Today: today()})
		}))
	f.ledger(func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.RecordBudget(a, domain.RecordPPPBudget{Year: 2025, Budget: domain.Yuan(12_000_000), Reason: "预算调整"})
	})

	c.set(time.Date(2025, 6, 1, 12, 0, 0, 0, cst))
	return f
}
