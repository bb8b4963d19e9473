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

// The PPP tests follow 智慧淮安: the city government owns the project, the city's finance bureau
// keeps the region's fiscal affordability ledger and approves the arrangements' gates.
const haRegion domain.RegionCode = "320800"

var (
	haOwner    = domain.Actor{UserID: "sun", Role: domain.RoleOwner, OrgID: "ha-city-gov"}
	haFinance  = domain.Actor{UserID: "zhou", Role: domain.RoleFinance, OrgID: "ha-finance-bureau"}
	haFinance2 = domain.Actor{UserID: "wu", Role: domain.RoleFinance, OrgID: "ha-finance-bureau"}
	haOffice   = domain.Actor{UserID: "zheng", Role: domain.RoleOffice, OrgID: "ha-smart-office"}
)

// haBudget is Huai'an's general public budget in every year the tests record: 40 billion yuan,
// so that the standard 10% cap is 4 billion.
var haBudget = domain.Yuan(40_000_000_000)

type pppFixture struct {
	t       testing.TB
	svc     *app.Service
	project domain.ProjectID
	today   domain.Date
}

func (f *pppFixture) must(o app.Outcome, err error) app.Outcome {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
	return o
}

// newPPPFixture: a proposed Huai'an project, and the region's ledger opened with the standard
// 10% rule and a budget of haBudget for every year from firstYear to lastYear.
func newPPPFixture(t testing.TB, firstYear, lastYear int) *pppFixture {
	t.Helper()
	ctx := context.Background()
	db := testdb.New(t)
	f := &pppFixture{t: t, svc: app.NewService(eventstore.New(db.Pool, nil), nil, nil)}
	f.today = f.svc.Today()
	f.project = f.must(f.svc.ProposeProject(ctx, app.Request{Actor: haOwner}, "p", domain.ProjectDetails{
		Name: "“智慧淮安”PPP项目", Domain: "E_GOVERNMENT", Region: haRegion, PlannedInvestment: domain.Yuan(550_000_000),
		Funding:      domain.FundingPlan{FiscalSpecialFund: domain.Yuan(90_000_000), PPPSocialCapital: domain.Yuan(460_000_000)},
		PlannedStart: domain.MustDate("2016-01-01"), PlannedEnd: domain.MustDate("2019-12-31"),
	}, "HA-2016-001")).Ref.ProjectID
	f.ledger("OpenPPPLedger", func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.Open(a, domain.OpenPPPLedger{Region: haRegion})
	})
	f.ledger("SetPPPAffordabilityRule", func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.SetAffordabilityRule(a, domain.StandardPPPAffordabilityRule())
	})
	for y := firstYear; y <= lastYear; y++ {
		f.ledger("RecordPPPBudget", func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
			return l.RecordBudget(a, domain.RecordPPPBudget{Year: y, Budget: haBudget})
		})
	}
	return f
}

func (f *pppFixture) ledger(name string, act app.LedgerAction) {
	f.t.Helper()
	f.must(f.svc.OnLedger(context.Background(), app.Request{Actor: haFinance}, name, haRegion, nil, act))
}

// governmentPays is a 10-year government-pays arrangement from start with the given obligations.
func governmentPays(start int, obligations ...domain.PPPYearAmount) domain.PPPTerms {
	return domain.PPPTerms{OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPGovernmentPays, TermYears: 10, StartYear: start,
		TotalInvestment: domain.Yuan(1_000_000_000), GovernmentEquityBP: 1000, Obligations: obligations}
}

// prepared identifies an arrangement with the terms and takes it to the preparation gate: the
// identification approved and a passing value-for-money assessment recorded.
func (f *pppFixture) prepared(terms domain.PPPTerms) domain.PPPArrangementID {
	f.t.Helper()
	ctx := context.Background()
	id := f.must(f.svc.IdentifyPPP(ctx, app.Request{Actor: haOwner}, nil, f.project, domain.IdentifyPPP{Terms: terms})).Ref.ArrangementID
	step := func(a domain.Actor, act func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error)) {
		f.t.Helper()
		f.must(f.svc.OnPPP(ctx, app.Request{Actor: a}, "step", id, nil, app.Ref{}, func(x *domain.PPPArrangement, _ *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			ev, err := act(x, a)
			return ev, nil, err
		}))
	}
	step(haFinance, func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.ApproveIdentification(a, domain.ApprovePPPIdentification{ApprovedOn: f.today, Today: f.today})
	})
	step(haOwner, func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.RecordValueForMoney(a, domain.RecordPPPValueForMoney{QualitativeScore: 82, PSC: domain.Yuan(1_650_000_000),
			PPPV: domain.Yuan(1_520_000_000), AssessedOn: f.today, Today: f.today})
	})
	return id
}

// approvePreparation passes the fiscal affordability gate; loaded runs after the streams are
// loaded and before the domain decides.
func (f *pppFixture) approvePreparation(ctx context.Context, req app.Request, id domain.PPPArrangementID, loaded func()) (app.Outcome, error) {
	return f.svc.OnPPP(ctx, req, "ApprovePPPPreparation", id, map[string]string{"approvedOn": f.today.String()}, app.Ref{},
		func(x *domain.PPPArrangement, l *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			loaded()
			return domain.ApprovePreparation(a, x, l, domain.ApprovePPPPreparation{ApprovedOn: f.today, Note: "财政承受能力论证通过", Today: f.today})
		})
}

// checkLedger checks the ledger against its arrangements: every year's obligations are what the
// arrangements holding a reservation owe in that year, and never above 10% of the year's budget.
func (f *pppFixture) checkLedger(t testing.TB, arrangements []domain.PPPArrangementID) *domain.PPPLedger {
	t.Helper()
	ctx := context.Background()
	l, err := f.svc.PPPLedger(ctx, haRegion)
	if err != nil {
		t.Fatal(err)
	}
	owed := map[int]domain.Money{}
	for _, id := range arrangements {
		x, err := f.svc.PPPArrangement(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := l.Reservation(id)
		reserved := ok && !r.Released
		if held := x.HoldsReservation(); reserved && !held || !reserved && held {
			t.Fatalf("arrangement %s in %s: holds a reservation %v, the ledger has one %v", id, x.Stage(), held, reserved)
		}
		if !x.HoldsReservation() {
			continue
		}
		for _, o := range x.Obligations() {
			owed[o.Year] += o.Amount
		}
	}
	years := map[int]bool{}
	for y := range owed {
		years[y] = true
	}
	for _, y := range l.ObligationYears() {
		years[y] = true
	}
	for y := range years {
		budget, ok := l.Budget(y)
		if !ok {
			t.Fatalf("the ledger holds %s yuan of %d obligations without a budget", l.Obligations(y), y)
		}
		rule, ok := l.RuleInForce(y, "")
		if !ok {
			t.Fatalf("no rule in force in %d", y)
		}
		limit := budget * domain.Money(rule.CapBP) / 10_000
		if got := l.Obligations(y); got != owed[y] || got > limit {
			t.Fatalf("%d: the ledger holds %s yuan, the arrangements owe %s yuan, the cap is %s yuan", y, got, owed[y], limit)
		}
	}
	return l
}

// Two or three arrangements of one region pass the fiscal affordability gate at the same moment,
// together more than the cap allows: as many as fit are approved, the others get the cap error,
// and nothing of a refused one is written. Each round uses its own year, so the rounds also show
// that one year's reservations leave the other years' headroom alone.
func TestConcurrentPreparationApprovalsNeverTakeTheSameHeadroomTwice(t *testing.T) {
	const rounds, firstYear = 60, 2030
	f := newPPPFixture(t, firstYear, firstYear+rounds-1)
	ctx := context.Background()
	capital := haBudget / 10 // the standard 10% rule
	var all []domain.PPPArrangementID
	for round := 0; round < rounds; round++ {
		year := firstYear + round
		// Even rounds: two arrangements of 3 billion each, one fits. Odd rounds: three of 1.5
		// billion each, two fit.
		n, amount := 2, domain.Yuan(3_000_000_000)
		if round%2 == 1 {
			n, amount = 3, domain.Yuan(1_500_000_000)
		}
		fit := int(capital / amount)
		ids := make([]domain.PPPArrangementID, n)
		versions := make([]int, n)
		for i := range ids {
			ids[i] = f.prepared(governmentPays(year, domain.PPPYearAmount{Year: year, Amount: amount}))
			x, err := f.svc.PPPArrangement(ctx, ids[i])
			if err != nil {
				t.Fatal(err)
			}
			versions[i] = x.Version()
		}
		all = append(all, ids...)
		// Every officer loads the ledger before any decides: all see the headroom free, so all
		// but one append lose the race on the ledger's version and decide again on fresh state.
		allLoaded := make(chan struct{})
		var loads atomic.Int32
		loaded := func() {
			if loads.Add(1) == int32(n) {
				close(allLoaded)
			}
			select {
			case <-allLoaded:
			case <-time.After(2 * time.Second): // the retries of the losers come alone
			}
		}
		start := make(chan struct{})
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range ids {
			who := haFinance
			if i%2 == 1 {
				who = haFinance2
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = f.approvePreparation(ctx, app.Request{Actor: who}, ids[i], loaded)
			}()
		}
		close(start)
		wg.Wait()
		// The race did happen: each refused approval first decided on the ledger as all of them
		// loaded it, lost on its version and was decided again.
		if got, min := int(loads.Load()), n+(n-int(capital/amount)); got < min {
			t.Fatalf("round %d: %d decisions, want at least %d: the approvals did not race", round, got, min)
		}

		ok := 0
		for i, err := range errs {
			x, lerr := f.svc.PPPArrangement(ctx, ids[i])
			if lerr != nil {
				t.Fatal(lerr)
			}
			var capErr *domain.PPPAffordabilityError
			switch {
			case err == nil:
				ok++
				if x.Stage() != domain.PPPProcurement || x.Version() != versions[i]+1 {
					t.Fatalf("round %d: approved arrangement %d is %s at version %d, want PROCUREMENT at %d", round, i, x.Stage(), x.Version(), versions[i]+1)
				}
			case errors.As(err, &capErr):
				if !errors.Is(err, domain.ErrState) {
					t.Fatalf("round %d: the cap error %v is not a state error", round, err)
				}
				// The refusal names the year and the figures, and they are the real ones.
				if capErr.Region != haRegion || capErr.Year != year || capErr.Budget != haBudget || capErr.Cap != capital ||
					capErr.Amount != amount || capErr.Existing != amount*domain.Money(fit) || capErr.Existing+capErr.Amount <= capErr.Cap {
					t.Fatalf("round %d: cap error %+v", round, capErr)
				}
				if msg := err.Error(); !strings.Contains(msg, "above the cap") || !strings.Contains(msg, fmt.Sprint(year)) {
					t.Fatalf("round %d: refusal %q does not say which cap was reached", round, msg)
				}
				// Nothing of it was written.
				if x.Stage() != domain.PPPPreparation || x.Version() != versions[i] {
					t.Fatalf("round %d: refused arrangement %d is %s at version %d, want PREPARATION at %d", round, i, x.Stage(), x.Version(), versions[i])
				}
			default:
				t.Fatalf("round %d: approval %d failed with %v", round, i, err)
			}
		}
		if ok != fit {
			t.Fatalf("round %d: %d of %d approvals succeeded, want %d (errors %v)", round, ok, n, fit, errs)
		}
		l := f.checkLedger(t, all)
		if got := l.Obligations(year); got != amount*domain.Money(fit) {
			t.Fatalf("round %d: %d obligations %s, want %s", round, year, got, amount*domain.Money(fit))
		}
		if l.WarningLevel(year) != domain.PPPLevelWarning { // 3 billion of 40: 7.5%
			t.Fatalf("round %d: %d is graded %s", round, year, l.WarningLevel(year))
		}
	}
}

// A retried command of an arrangement takes effect once: a retried identification answers the
// first arrangement's id, and a double-clicked preparation approval reserves the headroom once.
func TestRetriedPPPCommandsWithOneIdempotencyKeyHaveOneEffect(t *testing.T) {
	ctx := context.Background()
	f := newPPPFixture(t, 2017, 2031)
	terms := governmentPays(2017, domain.PPPYearAmount{Year: 2018, Amount: domain.Yuan(120_000_000)}, domain.PPPYearAmount{Year: 2019, Amount: domain.Yuan(120_000_000)})

	req := app.Request{Actor: haOwner, IdempotencyKey: "identify-1"}
	input := map[string]string{"projectId": string(f.project), "mode": "BOT"}
	first := f.must(f.svc.IdentifyPPP(ctx, req, input, f.project, domain.IdentifyPPP{Terms: terms}))
	again := f.must(f.svc.IdentifyPPP(ctx, req, input, f.project, domain.IdentifyPPP{Terms: terms}))
	if !again.Replayed || again.Ref.ArrangementID != first.Ref.ArrangementID || again.Position != first.Position {
		t.Fatalf("retried identification answered %+v, first %+v", again, first)
	}
	if _, err := f.svc.IdentifyPPP(ctx, req, map[string]string{"projectId": string(f.project), "mode": "BOO"}, f.project, domain.IdentifyPPP{Terms: terms}); !errors.Is(err, eventstore.ErrIdempotencyKeyReused) {
		t.Fatalf("the same key with another request: err = %v, want a refusal", err)
	}

	id := f.prepared(terms)
	before, err := f.svc.PPPArrangement(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Ten copies of one click, at once.
	outs := make([]app.Outcome, 10)
	errs := make([]error, 10)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = f.approvePreparation(ctx, app.Request{Actor: haFinance, IdempotencyKey: "approve-prep-1"}, id, func() {})
		}()
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
	x, err := f.svc.PPPArrangement(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if x.Stage() != domain.PPPProcurement || x.Version() != before.Version()+1 {
		t.Fatalf("arrangement is %s at version %d after the clicks, want PROCUREMENT at %d", x.Stage(), x.Version(), before.Version()+1)
	}
	l := f.checkLedger(t, []domain.PPPArrangementID{id})
	if l.Obligations(2018) != domain.Yuan(120_000_000) || len(l.Reservations()) != 1 {
		t.Fatalf("ledger holds %s in 2018 and %d reservations, want 120000000.00 and 1", l.Obligations(2018), len(l.Reservations()))
	}
	// A new click (another key) is refused: the gate has passed. Nothing changes.
	if _, err := f.approvePreparation(ctx, app.Request{Actor: haFinance, IdempotencyKey: "approve-prep-2"}, id, func() {}); !errors.Is(err, domain.ErrState) {
		t.Fatalf("second approval: err = %v, want a state error", err)
	}
	if l2 := f.checkLedger(t, []domain.PPPArrangementID{id}); l2.Version() != l.Version() {
		t.Fatalf("a refused approval moved the ledger from version %d to %d", l.Version(), l2.Version())
	}
}

// A long random sequence of the ledger's operations through the service (approvals of
// arrangements with random obligations, cancellations that release them, budgets replaced up and
// down, a narrower rule from some year on) never leaves a year's obligations above the cap, and
// the ledger always agrees with the arrangements.
func TestPPPLedgerHoldsTheCapUnderARandomSequenceOfOperations(t *testing.T) {
	ctx := context.Background()
	const firstYear, lastYear = 2020, 2029
	f := newPPPFixture(t, firstYear, lastYear)
	rng := rand.New(rand.NewPCG(2026, 4))
	var arrangements []domain.PPPArrangementID
	approved, capRefusals, refused := 0, 0, 0
	for step := 0; step < 80; step++ {
		var err error
		switch op := rng.IntN(10); {
		case op < 5 || len(arrangements) == 0: // a new arrangement with up to three years of obligations, to the gate
			start := firstYear + rng.IntN(lastYear-firstYear-1)
			var obligations []domain.PPPYearAmount
			for y := start; y < start+3 && y <= lastYear; y++ {
				if rng.IntN(3) > 0 {
					obligations = append(obligations, domain.PPPYearAmount{Year: y, Amount: domain.Yuan(int64(200_000_000 + rng.IntN(1_800_000_000)))})
				}
			}
			if len(obligations) == 0 {
				obligations = append(obligations, domain.PPPYearAmount{Year: start, Amount: domain.Yuan(500_000_000)})
			}
			id := f.prepared(governmentPays(start, obligations...))
			arrangements = append(arrangements, id)
			if _, err = f.approvePreparation(ctx, app.Request{Actor: haFinance}, id, func() {}); err == nil {
				approved++
			} else if capErr := (*domain.PPPAffordabilityError)(nil); errors.As(err, &capErr) {
				capRefusals++
			}
		case op < 7: // cancel a random arrangement, releasing what it holds
			id := arrangements[rng.IntN(len(arrangements))]
			_, err = f.svc.OnPPP(ctx, app.Request{Actor: haOffice}, "CancelPPPArrangement", id, nil, app.Ref{},
				func(x *domain.PPPArrangement, l *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
					return domain.CancelPPPArrangement(a, x, l, domain.CancelPPPArrangementCmd{Reason: "项目调整", CancelledOn: f.today, Today: f.today})
				})
		case op < 9: // replace a year's budget, up or down by up to a third
			year := firstYear + rng.IntN(lastYear-firstYear+1)
			budget := haBudget / 30 * domain.Money(20+rng.IntN(21)) / 10_000 * 10_000
			_, err = f.svc.OnLedger(ctx, app.Request{Actor: haFinance}, "RecordPPPBudget", haRegion, nil, func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
				return l.RecordBudget(a, domain.RecordPPPBudget{Year: year, Budget: budget, Reason: "预算调整"})
			})
		default: // a narrower rule for all arrangements from some year on (refused if it would cut below what is held)
			from := firstYear + rng.IntN(lastYear-firstYear+1)
			capBP := 700 + rng.IntN(300)
			_, err = f.svc.OnLedger(ctx, app.Request{Actor: haFinance}, "SetPPPAffordabilityRule", haRegion, nil, func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
				return l.SetAffordabilityRule(a, domain.SetPPPAffordabilityRule{CapBP: capBP, ValidFrom: domain.MustDate(fmt.Sprintf("%d-01-01", from)), Basis: "市财政局通知"})
			})
		}
		if err != nil {
			if !errors.Is(err, domain.ErrInvalid) && !errors.Is(err, domain.ErrState) {
				t.Fatalf("step %d: %v", step, err)
			}
			refused++
		}
		f.checkLedger(t, arrangements)
	}
	if approved < 10 || capRefusals == 0 || refused < capRefusals {
		t.Fatalf("%d approvals, %d refused at the cap, %d refusals in all: the sequence did not exercise the cap", approved, capRefusals, refused)
	}
}
