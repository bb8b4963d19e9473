package app_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	owner   = domain.Actor{UserID: "zhang", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}
	office  = domain.Actor{UserID: "li", Role: domain.RoleOffice, OrgID: "xz-smart-office"}
	expert  = domain.Actor{UserID: "wang", Role: domain.RoleExpert, OrgID: "cumt"}
	finance = domain.Actor{UserID: "zhao", Role: domain.RoleFinance, OrgID: "xz-finance-bureau"}
	// A second finance officer of the same bureau: the two approve at the same moment.
	finance2 = domain.Actor{UserID: "qian", Role: domain.RoleFinance, OrgID: "xz-finance-bureau"}
)

type fixture struct {
	t          testing.TB
	svc        *app.Service
	project    domain.ProjectID
	milestones []domain.MilestoneID // the first achieved, the others not
	fund       domain.FundID
}

func (f *fixture) must(o app.Outcome, err error) app.Outcome {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	return o
}

// newFixture: an approved project under construction with three milestones (the first achieved)
// and an open fund with the given pool.
func newFixture(t testing.TB, pool domain.Money) *fixture {
	t.Helper()
	ctx := context.Background()
	db := testdb.New(t)
	f := &fixture{t: t, svc: app.NewService(eventstore.New(db.Pool, nil), nil, nil)}
	today := f.svc.Today()
	f.project = f.must(f.svc.ProposeProject(ctx, app.Request{Actor: owner}, "p", domain.ProjectDetails{
		Name: "徐州市肉菜流通追溯体系", Domain: "FOOD_SAFETY", Region: "320300", PlannedInvestment: domain.Yuan(10_000_000),
		Funding:      domain.FundingPlan{FiscalSpecialFund: domain.Yuan(6_000_000), SelfRaised: domain.Yuan(4_000_000)},
		PlannedStart: domain.MustDate("2025-01-01"), PlannedEnd: domain.MustDate("2027-12-31"),
	}, "XZ-TRACE-1")).Ref.ProjectID
	do := func(a domain.Actor, act app.ProjectAction) {
		t.Helper()
		f.must(f.svc.OnProject(ctx, app.Request{Actor: a}, "step", f.project, nil, app.Ref{}, act))
	}
	do(owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.SubmitForReview(a, domain.SubmitProjectForReview{})
	})
	do(expert, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.RecordExpertReview(a, domain.RecordExpertReview{Score: 85, Opinion: "ok"})
	})
	do(office, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.Approve(a, domain.ApproveProject{DocumentNo: "徐经信〔2025〕3号", ApprovedBudget: domain.Yuan(10_000_000), ApprovedOn: domain.MustDate("2025-02-01"), Today: today})
	})
	do(owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.StartConstruction(a, domain.StartConstruction{StartedOn: domain.MustDate("2025-03-01"), Today: today})
	})
	for i := 0; i < 3; i++ {
		id := domain.NewMilestoneID()
		f.milestones = append(f.milestones, id)
		do(owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
			return p.PlanMilestone(a, domain.PlanMilestone{MilestoneID: id, Name: fmt.Sprintf("阶段%d", i+1), PlannedDate: domain.MustDate("2025-06-30"), Weight: 30})
		})
	}
	do(owner, func(p *domain.Project, a domain.Actor) ([]domain.Event, error) {
		return p.AchieveMilestone(a, domain.AchieveMilestone{MilestoneID: f.milestones[0], AchievedOn: domain.MustDate("2025-07-01"), Evidence: "验收报告", Today: today})
	})
	f.fund = f.must(f.svc.EstablishFund(ctx, app.Request{Actor: finance}, "fund", domain.EstablishFund{
		Name: "智慧徐州建设专项资金", Kind: domain.FundSpecial, FiscalYear: 2026, Pool: pool,
		SupportModes: []domain.SupportMode{domain.SupportInvestmentSubsidy, domain.SupportLoanInterestSubsidy},
	})).Ref.FundID
	return f
}

// scoredApplication drafts an application and takes it through screening and expert scoring, to
// the point where finance decides.
func (f *fixture) scoredApplication(t testing.TB, requested domain.Money) domain.ApplicationID {
	t.Helper()
	ctx := context.Background()
	id := f.must(f.svc.DraftApplication(ctx, app.Request{Actor: owner}, nil, f.project, f.fund, domain.DraftApplication{
		ApplicationRequest: domain.ApplicationRequest{SupportMode: domain.SupportInvestmentSubsidy, RequestedAmount: requested, Justification: "追溯体系建设"},
	})).Ref.ApplicationID
	step := func(a domain.Actor, act func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error)) {
		t.Helper()
		f.must(f.svc.OnApplication(ctx, app.Request{Actor: a}, "step", id, nil, app.Ref{}, func(x *domain.FundingApplication, _ *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			ev, err := act(x, a)
			return ev, nil, err
		}))
	}
	step(owner, func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.Submit(a, domain.SubmitApplication{})
	})
	step(office, func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.Screen(a, domain.ScreenApplication{Passed: true})
	})
	step(office, func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.AssignExperts(a, domain.AssignApplicationExperts{Experts: []domain.Actor{expert}})
	})
	step(expert, func(x *domain.FundingApplication, a domain.Actor) ([]domain.Event, error) {
		return x.Score(a, domain.ScoreApplication{Score: 90, Opinion: "建议支持"})
	})
	return id
}

// approve approves the whole requested amount in one tranche on the given milestone.
func (f *fixture) approve(ctx context.Context, who domain.Actor, id domain.ApplicationID, amount domain.Money, milestone domain.MilestoneID) (app.Outcome, error) {
	return f.approveAfter(ctx, who, id, amount, milestone, func() {})
}

// approveAfter is approve with a hook that runs after the streams are loaded and before the
// domain decides.
func (f *fixture) approveAfter(ctx context.Context, who domain.Actor, id domain.ApplicationID, amount domain.Money, milestone domain.MilestoneID, loaded func()) (app.Outcome, error) {
	tranche := domain.NewTrancheID()
	today := f.svc.Today()
	return f.svc.OnApplication(ctx, app.Request{Actor: who}, "ApproveApplication", id, nil, app.Ref{TrancheIDs: []domain.TrancheID{tranche}},
		func(x *domain.FundingApplication, fund *domain.Fund, p *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			loaded()
			return domain.ApproveApplication(a, x, fund, p, domain.ApproveApplicationCmd{ApprovedAmount: amount, ApprovedOn: today, Today: today,
				Tranches: []domain.ApprovedTranche{{TrancheID: tranche, MilestoneID: milestone, Amount: amount}}})
		})
}

func (f *fixture) checkFund(t testing.TB, wantReserved, wantDisbursed domain.Money) {
	t.Helper()
	fund, err := f.svc.Fund(context.Background(), f.fund)
	if err != nil {
		t.Fatal(err)
	}
	if fund.Available()+fund.Reserved()+fund.Disbursed() != fund.Pool() || fund.Available() < 0 || fund.Reserved() < 0 || fund.Disbursed() < 0 {
		t.Fatalf("fund does not add up: available %s + reserved %s + disbursed %s vs pool %s", fund.Available(), fund.Reserved(), fund.Disbursed(), fund.Pool())
	}
	if fund.Reserved() != wantReserved || fund.Disbursed() != wantDisbursed {
		t.Fatalf("fund reserved %s disbursed %s, want %s and %s", fund.Reserved(), fund.Disbursed(), wantReserved, wantDisbursed)
	}
}

func TestTwoApprovalsThatTogetherOverdrawTheFundEndWithOneApprovedAndOneRefused(t *testing.T) {
	const rounds = 10
	for round := 0; round < rounds; round++ {
		f := newFixture(t, domain.Yuan(1_000_000))
		a := f.scoredApplication(t, domain.Yuan(600_000))
		b := f.scoredApplication(t, domain.Yuan(700_000))
		// Both officers load the fund before either decides: both see the money as available,
		// so one append must lose the race on the fund's version and decide again.
		bothLoaded := make(chan struct{})
		var loads atomic.Int32
		loaded := func() {
			if loads.Add(1) == 2 {
				close(bothLoaded)
			}
			select {
			case <-bothLoaded:
			case <-time.After(2 * time.Second): // the retry of the loser comes alone
			}
		}
		start := make(chan struct{})
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, job := range []struct {
			who domain.Actor
			id  domain.ApplicationID
			amt domain.Money
		}{{finance, a, domain.Yuan(600_000)}, {finance2, b, domain.Yuan(700_000)}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = f.approveAfter(context.Background(), job.who, job.id, job.amt, f.milestones[0], loaded)
			}()
		}
		close(start)
		wg.Wait()
		ok := 0
		var reserved domain.Money
		for i, err := range errs {
			switch {
			case err == nil:
				ok++
				reserved += []domain.Money{domain.Yuan(600_000), domain.Yuan(700_000)}[i]
			case errors.Is(err, domain.ErrInvalid):
				// The refusal names the figures.
				if msg := err.Error(); !strings.Contains(msg, "available") {
					t.Fatalf("round %d: refusal %q does not say what was available", round, msg)
				}
			default:
				t.Fatalf("round %d: approval %d failed with %v", round, i, err)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d approvals succeeded, want exactly 1 (errors %v)", round, ok, errs)
		}
		f.checkFund(t, reserved, 0)
	}
}

func (f *fixture) disburse(ctx context.Context, key string, id domain.ApplicationID) (app.Outcome, error) {
	x, err := f.svc.Application(ctx, id)
	if err != nil {
		return app.Outcome{}, err
	}
	if len(x.Tranches()) == 0 {
		return app.Outcome{}, fmt.Errorf("application %s has no tranche: %w", id, domain.ErrState)
	}
	tranche := x.Tranches()[0].ID
	today := f.svc.Today()
	return f.svc.OnApplication(ctx, app.Request{Actor: finance, IdempotencyKey: key}, "DisburseTranche", id, map[string]string{"tranche": string(tranche)}, app.Ref{},
		func(x *domain.FundingApplication, fund *domain.Fund, p *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			return domain.DisburseTranche(a, x, fund, p, domain.DisburseTrancheCmd{TrancheID: tranche, DisbursedOn: today, VoucherNo: "徐财拨〔2026〕101号", Today: today})
		})
}

func TestADoubleClickedDisbursementPaysOnceAndASecondDisbursementIsRefused(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, domain.Yuan(1_000_000))
	id := f.scoredApplication(t, domain.Yuan(300_000))
	f.must(f.approve(ctx, finance, id, domain.Yuan(300_000), f.milestones[0]))

	// Ten copies of one click, at once.
	var wg sync.WaitGroup
	outs := make([]app.Outcome, 10)
	errs := make([]error, 10)
	for i := range outs {
		wg.Add(1)
		go func() { defer wg.Done(); outs[i], errs[i] = f.disburse(ctx, "click-1", id) }()
	}
	wg.Wait()
	replayed := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("copy %d: %v", i, err)
		}
		if outs[i].Position != outs[0].Position {
			t.Fatalf("copy %d answered position %v, copy 0 %v", i, outs[i].Position, outs[0].Position)
		}
		if outs[i].Replayed {
			replayed++
		}
	}
	if replayed != 9 {
		t.Fatalf("%d of 10 copies were answered from the first, want 9", replayed)
	}
	f.checkFund(t, 0, domain.Yuan(300_000))
	x, _ := f.svc.Application(ctx, id)
	if x.DisbursedAmount() != domain.Yuan(300_000) {
		t.Fatalf("application disbursed %s, want 300000.00", x.DisbursedAmount())
	}
	// A new click (another key) on the paid tranche is refused, and changes nothing.
	if _, err := f.disburse(ctx, "click-2", id); !errors.Is(err, domain.ErrState) && !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("second disbursement: err = %v, want a refusal", err)
	}
	f.checkFund(t, 0, domain.Yuan(300_000))
}

func TestFundMoneyAddsUpAfterALongRandomSequenceOfOperations(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, domain.Yuan(2_000_000))
	rng := rand.New(rand.NewPCG(2026, 11))
	today := f.svc.Today()
	var apps []domain.ApplicationID
	refused, done := 0, 0
	for step := 0; step < 120; step++ {
		var err error
		switch op := rng.IntN(5); {
		case op == 0 || len(apps) == 0: // a new application, approved on the achieved milestone
			id := f.scoredApplication(t, domain.Yuan(int64(50_000+rng.IntN(600_000))))
			apps = append(apps, id)
			x, _ := f.svc.Application(ctx, id)
			_, err = f.approve(ctx, finance, id, x.RequestedAmount()-domain.Money(rng.IntN(1000)), f.milestones[0])
		case op == 1:
			_, err = f.disburse(ctx, fmt.Sprintf("d-%d", step), apps[rng.IntN(len(apps))])
		case op == 2:
			id := apps[rng.IntN(len(apps))]
			amount := domain.Money(1 + rng.IntN(20_000_000))
			_, err = f.svc.OnApplication(ctx, app.Request{Actor: finance}, "RecoverMoney", id, nil, app.Ref{},
				func(x *domain.FundingApplication, fund *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
					return domain.RecoverMoney(a, x, fund, domain.RecoverMoneyCmd{Amount: amount, Reason: "审计收回", RecoveredOn: today, Today: today})
				})
		case op == 3:
			id := apps[rng.IntN(len(apps))]
			_, err = f.svc.OnApplication(ctx, app.Request{Actor: finance}, "CancelRemainder", id, nil, app.Ref{},
				func(x *domain.FundingApplication, fund *domain.Fund, _ *domain.Project, a domain.Actor) ([]domain.Event, []domain.Event, error) {
					return domain.CancelRemainder(a, x, fund, domain.CancelRemainderCmd{Reason: "项目调整", CancelledOn: today, Today: today})
				})
		default:
			amount := domain.Money(1 + rng.IntN(50_000_000))
			_, err = f.svc.OnFund(ctx, app.Request{Actor: finance}, "TopUpFund", f.fund, nil, func(fund *domain.Fund, a domain.Actor) ([]domain.Event, error) {
				return fund.TopUp(a, domain.TopUpFund{Amount: amount})
			})
		}
		if err != nil {
			if !errors.Is(err, domain.ErrInvalid) && !errors.Is(err, domain.ErrState) {
				t.Fatalf("step %d: %v", step, err)
			}
			refused++
		} else {
			done++
		}
		// After every step: the fund adds up, and agrees with its applications.
		fund, err := f.svc.Fund(ctx, f.fund)
		if err != nil {
			t.Fatal(err)
		}
		if fund.Available()+fund.Reserved()+fund.Disbursed() != fund.Pool() || fund.Available() < 0 || fund.Reserved() < 0 || fund.Disbursed() < 0 {
			t.Fatalf("step %d: fund does not add up: %s + %s + %s vs %s", step, fund.Available(), fund.Reserved(), fund.Disbursed(), fund.Pool())
		}
		var reserved, netPaid domain.Money
		for _, id := range apps {
			x, err := f.svc.Application(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			reserved += x.ReservedAmount()
			netPaid += x.NetDisbursed()
		}
		if reserved != fund.Reserved() || netPaid != fund.Disbursed() {
			t.Fatalf("step %d: applications hold %s reserved and %s paid, the fund %s and %s", step, reserved, netPaid, fund.Reserved(), fund.Disbursed())
		}
	}
	if done < 40 || refused == 0 {
		t.Fatalf("only %d operations succeeded and %d were refused: the sequence did not exercise the rules", done, refused)
	}
}

func TestRetriedCreationsWithOneIdempotencyKeyReturnTheFirstIDs(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, domain.Yuan(1_000_000))
	req := app.Request{Actor: finance, IdempotencyKey: "establish-1"}
	input := map[string]string{"name": "智慧徐州发展专项资金"}
	cmd := domain.EstablishFund{Name: "智慧徐州发展专项资金", Kind: domain.FundSpecial, FiscalYear: 2026, Pool: domain.Yuan(50_000_000),
		SupportModes: []domain.SupportMode{domain.SupportInvestmentSubsidy}}
	first := f.must(f.svc.EstablishFund(ctx, req, input, cmd))
	again := f.must(f.svc.EstablishFund(ctx, req, input, cmd))
	if !again.Replayed || again.Ref.FundID != first.Ref.FundID {
		t.Fatalf("retry answered %+v, first %+v", again, first)
	}
	draft := domain.DraftApplication{ApplicationRequest: domain.ApplicationRequest{SupportMode: domain.SupportInvestmentSubsidy, RequestedAmount: domain.Yuan(1000), Justification: "x"}}
	dreq := app.Request{Actor: owner, IdempotencyKey: "draft-1"}
	a1 := f.must(f.svc.DraftApplication(ctx, dreq, "draft", f.project, f.fund, draft))
	a2 := f.must(f.svc.DraftApplication(ctx, dreq, "draft", f.project, f.fund, draft))
	if !a2.Replayed || a2.Ref.ApplicationID != a1.Ref.ApplicationID {
		t.Fatalf("retried draft answered %+v, first %+v", a2, a1)
	}
}
