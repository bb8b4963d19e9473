package seeds

import (
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
)

// The steps of a PPP arrangement, stage by stage, as the demo's content files call them.

// ---- identification and preparation ----

func (x *arrangement) approveIdentification(on, note string) {
	c := domain.ApprovePPPIdentification{ApprovedOn: day(on), Note: note}
	x.do(x.finance, "ApprovePPPIdentification", "approve-identification", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.ApproveIdentification(a, c)
	}))
}

// valueForMoney records the value-for-money assessment (物有所值评价): the experts' score, the
// public sector comparator and the PPP value.
func (x *arrangement) valueForMoney(on string, score int, psc, pppv domain.Money) {
	c := domain.RecordPPPValueForMoney{QualitativeScore: score, PSC: psc, PPPV: pppv, AssessedOn: day(on)}
	x.do(x.p.owner, "RecordPPPValueForMoney", "value-for-money", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.RecordValueForMoney(a, c)
	}))
}

// approvePreparation passes the fiscal affordability gate: the region's ledger reserves the
// arrangement's yearly obligations in the same transaction, or refuses them above the cap.
func (x *arrangement) approvePreparation(on, note string) {
	c := domain.ApprovePPPPreparation{ApprovedOn: day(on), Note: note}
	x.do(x.finance, "ApprovePPPPreparation", "approve-preparation", c, app.Ref{},
		func(ar *domain.PPPArrangement, l *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c.Today = x.l.today
			return domain.ApprovePreparation(a, ar, l, c)
		})
}

// ---- procurement ----

func (x *arrangement) launchTender(method domain.PPPProcurementMethod, noticeNo, on string) {
	c := domain.LaunchPPPTender{Method: method, NoticeNo: noticeNo, LaunchedOn: day(on)}
	x.do(x.p.owner, "LaunchPPPTender", "tender", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.LaunchTender(a, c)
	}))
}

func (x *arrangement) bid(bidder string, amount domain.Money, on string) {
	c := domain.RecordPPPBid{Bidder: bidder, Amount: amount, BidOn: day(on)}
	x.do(x.p.owner, "RecordPPPBid", "bid/"+bidder, c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.RecordBid(a, c)
	}))
}

func (x *arrangement) selectPartner(partner, on string) {
	c := domain.SelectPPPPartner{Partner: partner, SelectedOn: day(on)}
	x.do(x.p.owner, "SelectPPPPartner", "select-partner", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.SelectPartner(a, c)
	}))
}

func (x *arrangement) signContract(no, on string) {
	c := domain.SignPPPContract{ContractNo: no, SignedOn: day(on)}
	x.do(x.p.owner, "SignPPPContract", "contract", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.SignContract(a, c)
	}))
}

func (x *arrangement) setUpCompany(name string, registeredCapital domain.Money) {
	c := domain.SetUpPPPProjectCompany{Name: name, RegisteredCapital: registeredCapital}
	x.do(x.p.owner, "SetUpPPPProjectCompany", "project-company", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		return ar.SetUpProjectCompany(a, c)
	}))
}

func (x *arrangement) approveProcurement(on, note string) {
	c := domain.ApprovePPPProcurement{ApprovedOn: day(on), Note: note}
	x.do(x.finance, "ApprovePPPProcurement", "approve-procurement", c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.ApproveProcurement(a, c)
	}))
}

// ---- execution ----

// schedulePayment schedules a government payment known to the seed by key; its id is minted here
// and passed in the ref, so a replay gets back the first run's id.
func (x *arrangement) schedulePayment(key string, year int, kind domain.PPPPaymentKind, amount domain.Money) {
	c := domain.SchedulePPPPayment{Year: year, Kind: kind, Amount: amount, DueOn: day(fmt.Sprintf("%d-12-31", year))}
	id := domain.NewPPPPaymentID()
	ref := x.do(x.finance, "SchedulePPPPayment", "payment/"+key+"/schedule", c, app.Ref{PaymentID: id}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.PaymentID = id
		return ar.SchedulePayment(a, c)
	}))
	x.payments[key] = ref.PaymentID
}

func (x *arrangement) pay(key string, amount domain.Money, on string) {
	c := domain.RecordPPPPayment{PaymentID: x.payments[key], Amount: amount, PaidOn: day(on)}
	x.do(x.finance, "RecordPPPPayment", "payment/"+key+"/pay", c, app.Ref{PaymentID: c.PaymentID}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.RecordPayment(a, c)
	}))
}

// assess records a year's performance assessment (绩效考核); the deduction, in basis points, is
// taken off every payment of the year.
func (x *arrangement) assess(year, score, deductionBP int, on string) {
	c := domain.RecordPPPPerformanceAssessment{Year: year, Score: score, DeductionBP: deductionBP, AssessedOn: day(on)}
	x.do(x.p.owner, "RecordPPPPerformanceAssessment", fmt.Sprintf("assessment/%d", year), c, app.Ref{}, only(func(ar *domain.PPPArrangement, a domain.Actor) ([]domain.Event, error) {
		c.Today = x.l.today
		return ar.RecordPerformanceAssessment(a, c)
	}))
}

// operatingYear is one year of an arrangement in execution, as the finance bureau runs it: an
// availability payment and a performance payment scheduled for the year, the year assessed early
// the next year, and both payments made in full less the assessment's deduction.
type operatingYear struct {
	Year                    int
	Availability, Performed domain.Money
	Score, DeductionBP      int
	AssessedOn, PaidOn      string // empty: not assessed (paid) yet
}

func (x *arrangement) operate(years ...operatingYear) {
	for _, y := range years {
		avail, perf := fmt.Sprintf("%d/availability", y.Year), fmt.Sprintf("%d/performance", y.Year)
		x.schedulePayment(avail, y.Year, domain.PPPAvailabilityPayment, y.Availability)
		x.schedulePayment(perf, y.Year, domain.PPPPerformancePayment, y.Performed)
		if y.AssessedOn == "" {
			continue
		}
		x.assess(y.Year, y.Score, y.DeductionBP, y.AssessedOn)
		if y.PaidOn == "" {
			continue
		}
		x.pay(avail, y.Availability-deduction(y.Availability, y.DeductionBP), y.PaidOn)
		x.pay(perf, y.Performed-deduction(y.Performed, y.DeductionBP), y.PaidOn)
	}
}

// deduction is bp basis points of m, rounded towards zero as the domain rounds it.
func deduction(m domain.Money, bp int) domain.Money { return m * domain.Money(bp) / 10_000 }

// ---- cancellation ----

// cancel ends the arrangement (终止); after the preparation gate the ledger releases its obligations.
func (x *arrangement) cancel(on, reason string) {
	c := domain.CancelPPPArrangementCmd{Reason: reason, CancelledOn: day(on)}
	x.do(x.finance, "CancelPPPArrangement", "cancel", c, app.Ref{},
		func(ar *domain.PPPArrangement, l *domain.PPPLedger, a domain.Actor) ([]domain.Event, []domain.Event, error) {
			c.Today = x.l.today
			return domain.CancelPPPArrangement(a, ar, l, c)
		})
}
