package oc4ids_test

import (
	"context"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// The Huai'an demo project's owner and finance bureau (seeds/demo_actors.go).
var (
	haOwner   = domain.Actor{UserID: "seed-owner-ha-city-gov", Role: domain.RoleOwner, OrgID: "ha-city-gov"}
	haFinance = domain.Actor{UserID: "seed-finance-ha", Role: domain.RoleFinance, OrgID: "ha-finance-bureau"}
)

const (
	zte       = "中兴通讯股份有限公司"
	zteBidder = "示例信息技术有限公司"
	haCompany = "智慧淮安项目公司"
)

// pppRun is the PPP arrangement the tests give the Huai'an project, with when its steps were recorded.
type pppRun struct {
	id        domain.PPPArrangementID
	procured  time.Time // everything up to the scheduled payment was recorded on this day
	paidAt    time.Time // the payment was recorded two days later
	paymentID domain.PPPPaymentID
}

// addPPP takes the Huai'an demo project's PPP arrangement through identification, preparation
// and procurement (ZTE selected by public tender) to one government payment, through commands:
// everything up to the payment's scheduling on one day, the payment two days later. before runs
// between the two (e.g. to export as of the first day before the payment exists).
func (e *env) addPPP(project domain.ProjectID, before func()) pppRun {
	e.t.Helper()
	ctx := context.Background()
	region := domain.RegionCode("320800")
	start := time.Date(day(e.clock.now()).Year, day(e.clock.now()).Month, day(e.clock.now()).Day+2, 9, 0, 0, 0, cst)
	e.clock.set(start)
	run := pppRun{procured: start, paymentID: domain.NewPPPPaymentID()}
	req := func(a domain.Actor) app.Request { return app.Request{Actor: a} }
	today := func() domain.Date { return e.svc.Today() }
	must := func(_ app.Outcome, err error) {
		e.t.Helper()
		if err != nil {
			e.t.Fatal(err)
		}
	}
	ledger := func(name string, act app.LedgerAction) {
		e.t.Helper()
		must(e.svc.OnLedger(ctx, req(haFinance), name, region, name, act))
	}
	ledger("OpenPPPLedger", func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.Open(a, domain.OpenPPPLedger{Region: region})
	})
	ledger("SetPPPAffordabilityRule", func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
		return l.SetAffordabilityRule(a, domain.SetPPPAffordabilityRule{CapBP: 1000, ValidFrom: domain.MustDate("2015-01-01"), Basis: "财金〔2015〕21号"})
	})
	for y := 2016; y <= 2020; y++ {
		ledger("RecordPPPBudget", func(l *domain.PPPLedger, a domain.Actor) ([]domain.Event, error) {
			return l.RecordBudget(a, domain.RecordPPPBudget{Year: y, Budget: domain.Yuan(40_000_000_000)})
		})
	}
	terms := domain.PPPTerms{
		OperationMode: domain.PPPModeBOT, ReturnMechanism: domain.PPPViabilityGap, TermYears: 15, StartYear: 2017,
		TotalInvestment: domain.Yuan(582_000_000), GovernmentEquityBP: 2000,
		Obligations: []domain.PPPYearAmount{{Year: 2017, Amount: domain.Yuan(60_000_000)}, {Year: 2018, Amount: domain.Yuan(60_000_000)}},
	}
	out, err := e.svc.IdentifyPPP(ctx, req(haOwner), "identify", project, domain.IdentifyPPP{Terms: terms})
	if err != nil {
		e.t.Fatal(err)
	}
	run.id = out.Ref.ArrangementID
	on := func(a domain.Actor, name string, act func(x *domain.PPPArrangement, l *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error)) {
		e.t.Helper()
		must(e.svc.OnPPP(ctx, req(a), name, run.id, name, app.Ref{}, act))
	}
	arr := func(f func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error)) func(*domain.PPPArrangement, *domain.PPPLedger, domain.Actor) ([]domain.Event, []domain.Event, error) {
		return func(x *domain.PPPArrangement, _ *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			events, err := f(x, a)
			return events, nil, err
		}
	}
	d := domain.MustDate
	on(haFinance, "ApprovePPPIdentification", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.ApproveIdentification(a, domain.ApprovePPPIdentification{ApprovedOn: d("2016-03-15"), Today: today()})
	}))
	on(haOwner, "RecordPPPValueForMoney", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.RecordValueForMoney(a, domain.RecordPPPValueForMoney{QualitativeScore: 82, PSC: domain.Yuan(650_000_000),
			PPPV: domain.Yuan(600_000_000), AssessedOn: d("2016-04-20"), Today: today()})
	}))
	on(haFinance, "ApprovePPPPreparation", func(x *domain.PPPArrangement, l *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
		return domain.ApprovePreparation(a, x, l, domain.ApprovePPPPreparation{ApprovedOn: d("2016-05-10"), Today: today()})
	})
	on(haOwner, "LaunchPPPTender", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.LaunchTender(a, domain.LaunchPPPTender{Method: domain.PPPPublicTender, NoticeNo: "HAZC2016-G088", LaunchedOn: d("2016-05-20"), Today: today()})
	}))
	for _, bidder := range []string{zte, zteBidder} {
		on(haOwner, "RecordPPPBid", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
			return x.RecordBid(a, domain.RecordPPPBid{Bidder: bidder, Amount: domain.Yuan(560_000_000), BidOn: d("2016-06-20"), Today: today()})
		}))
	}
	on(haOwner, "SelectPPPPartner", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.SelectPartner(a, domain.SelectPPPPartner{Partner: zte, SelectedOn: d("2016-07-01"), Today: today()})
	}))
	on(haOwner, "SignPPPContract", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.SignContract(a, domain.SignPPPContract{ContractNo: "HA-PPP-2016-001", SignedOn: d("2016-07-15"), Today: today()})
	}))
	on(haOwner, "SetUpPPPProjectCompany", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.SetUpProjectCompany(a, domain.SetUpPPPProjectCompany{Name: haCompany, RegisteredCapital: domain.Yuan(100_000_000)})
	}))
	on(haFinance, "ApprovePPPProcurement", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.ApproveProcurement(a, domain.ApprovePPPProcurement{ApprovedOn: d("2016-08-01"), Today: today()})
	}))
	on(haFinance, "SchedulePPPPayment", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.SchedulePayment(a, domain.SchedulePPPPayment{PaymentID: run.paymentID, Year: 2017, Kind: domain.PPPAvailabilityPayment,
			Amount: domain.Yuan(60_000_000), DueOn: d("2017-12-31")})
	}))
	if day(e.clock.now()) != day(start) {
		e.t.Fatalf("the PPP steps spilled over into %s", day(e.clock.now()))
	}
	if before != nil {
		before()
	}
	run.paidAt = start.Add(48 * time.Hour)
	e.clock.set(run.paidAt)
	on(haFinance, "RecordPPPPayment", arr(func(x *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return x.RecordPayment(a, domain.RecordPPPPayment{PaymentID: run.paymentID, Amount: domain.Yuan(60_000_000), PaidOn: d("2017-12-20"), Today: today()})
	}))
	return run
}
