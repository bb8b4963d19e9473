package domain

import (
	"fmt"
	"time"
)

// SchedulePPPPayment schedules a government payment for a year of the term; the id is minted by
// the caller (NewPPPPaymentID).
type SchedulePPPPayment struct {
	PaymentID PPPPaymentID
	Year      int
	Kind      PPPPaymentKind
	Amount    Money
	DueOn     Date // not before January 1 of the year
}

// RecordPPPPayment records money paid against a scheduled payment.
type RecordPPPPayment struct {
	PaymentID PPPPaymentID
	Amount    Money
	PaidOn    Date
	Today     Date
}

// RecordPPPPerformanceAssessment records a year's performance assessment (绩效考核).
type RecordPPPPerformanceAssessment struct {
	Year        int
	Score       int // 0..100
	DeductionBP int // 0..10000 of the year's payments; a score below 60 must deduct something
	AssessedOn  Date
	Today       Date
}

// ApprovePPPTransferStart passes the execution gate.
type ApprovePPPTransferStart struct {
	ApprovedOn Date
	Note       string // optional
	Today      Date
}

// SchedulePayment lets the arrangement's finance bureau schedule a payment while EXECUTION, for a
// year with an obligation: the year's scheduled payments may not exceed its obligation, which is
// what the ledger reserved.
func (x *PPPArrangement) SchedulePayment(a Actor, c SchedulePPPPayment) ([]Event, error) {
	const action = "schedule a PPP payment"
	if err := x.act(a, action, PPPExecution, RoleFinance); err != nil {
		return nil, err
	}
	if err := checkID("paymentId", string(c.PaymentID)); err != nil {
		return nil, err
	}
	if x.paymentIndex(c.PaymentID) >= 0 {
		return nil, invalid("paymentId", "payment %s is scheduled already", c.PaymentID)
	}
	kind, err := ParsePPPPaymentKind(string(c.Kind))
	if err != nil {
		return nil, err
	}
	if err := x.checkTermYear(c.Year); err != nil {
		return nil, err
	}
	obligation := x.terms.obligation(c.Year)
	if obligation == 0 {
		return nil, invalid("year", "the government has no payment obligation in %d", c.Year)
	}
	if err := checkAmount("amount", c.Amount); err != nil {
		return nil, err
	}
	if scheduled := x.Scheduled(c.Year); scheduled+c.Amount > obligation {
		return nil, invalid("amount", "scheduling %s yuan for %d on top of the %s yuan scheduled exceeds the year's obligation of %s yuan",
			c.Amount, c.Year, scheduled, obligation)
	}
	if err := checkDate("dueOn", c.DueOn); err != nil {
		return nil, err
	}
	if err := checkNotBefore("dueOn", c.DueOn, Date{c.Year, time.January, 1}, fmt.Sprintf("start of %d on", c.Year)); err != nil {
		return nil, err
	}
	return x.record(&PPPPaymentScheduled{ArrangementID: x.id, PaymentID: c.PaymentID, Year: c.Year, Kind: kind, Amount: c.Amount, DueOn: c.DueOn})
}

// RecordPayment lets the arrangement's finance bureau record money paid against a scheduled
// payment while EXECUTION: in total at most the scheduled amount less its year's performance
// deduction, paid between the start of execution and today.
func (x *PPPArrangement) RecordPayment(a Actor, c RecordPPPPayment) ([]Event, error) {
	const action = "record a PPP payment"
	if err := x.act(a, action, PPPExecution, RoleFinance); err != nil {
		return nil, err
	}
	p, ok := x.Payment(c.PaymentID)
	if !ok {
		return nil, &NotFoundError{Entity: "scheduled PPP payment", ID: string(c.PaymentID)}
	}
	if err := checkAmount("amount", c.Amount); err != nil {
		return nil, err
	}
	if c.Amount > p.Outstanding() {
		return nil, invalid("amount", "paying %s yuan exceeds the %s yuan outstanding on the %d %s payment "+
			"(%s yuan scheduled, %s deducted for performance, %s yuan paid)",
			c.Amount, p.Outstanding(), p.Year, p.Kind, p.Amount, formatBP(x.deductionBP(p.Year)), p.Paid)
	}
	if err := x.checkStepDate("paidOn", c.PaidOn, c.Today); err != nil {
		return nil, err
	}
	return x.record(&PPPPaymentRecorded{ArrangementID: x.id, PaymentID: p.ID, Amount: c.Amount, PaidOn: c.PaidOn})
}

// RecordPerformanceAssessment lets the owner or the office assess a year of the term while
// EXECUTION, once per year, on a day in or after that year. The deduction applies to every
// payment of the year, scheduled already or later; it may not leave a payment payable below what
// was paid against it.
func (x *PPPArrangement) RecordPerformanceAssessment(a Actor, c RecordPPPPerformanceAssessment) ([]Event, error) {
	const action = "record a performance assessment"
	if err := x.act(a, action, PPPExecution, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if err := x.checkTermYear(c.Year); err != nil {
		return nil, err
	}
	if prev, done := x.Assessment(c.Year); done {
		return nil, &StateError{Entity: x.entity(), Action: action,
			State: fmt.Sprintf("with %d assessed already on %s (score %d)", c.Year, prev.AssessedOn, prev.Score)}
	}
	if err := checkRange("score", c.Score, 0, maxScore); err != nil {
		return nil, err
	}
	if err := checkRange("deductionBp", c.DeductionBP, 0, basisPointsWhole); err != nil {
		return nil, err
	}
	if c.Score < pppVfMPassScore && c.DeductionBP == 0 {
		return nil, invalid("deductionBp", "a score of %d, below %d, must deduct from the year's payments", c.Score, pppVfMPassScore)
	}
	if err := x.checkStepDate("assessedOn", c.AssessedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("assessedOn", c.AssessedOn, Date{c.Year, time.January, 1}, fmt.Sprintf("start of %d on", c.Year)); err != nil {
		return nil, err
	}
	for _, p := range x.payments {
		if payable := p.Amount - mulBP(p.Amount, c.DeductionBP); p.Year == c.Year && payable < p.Paid {
			return nil, invalid("deductionBp", "deducting %s would leave the %d %s payment payable at %s yuan, below the %s yuan paid already",
				formatBP(c.DeductionBP), p.Year, p.Kind, payable, p.Paid)
		}
	}
	return x.record(&PPPPerformanceAssessed{
		ArrangementID: x.id, Year: c.Year, Score: c.Score, DeductionBP: c.DeductionBP, AssessedOn: c.AssessedOn,
	})
}

// ApproveTransferStart lets the arrangement's finance bureau pass the execution gate; the
// arrangement moves to TRANSFER.
func (x *PPPArrangement) ApproveTransferStart(a Actor, c ApprovePPPTransferStart) ([]Event, error) {
	const action = "approve the start of the PPP transfer"
	if err := x.act(a, action, PPPExecution, RoleFinance); err != nil {
		return nil, err
	}
	if err := x.checkStepDate("approvedOn", c.ApprovedOn, c.Today); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&PPPTransferStarted{ArrangementID: x.id, ApprovedOn: c.ApprovedOn, Note: note})
}

// checkTermYear refuses a year outside the cooperation term.
func (x *PPPArrangement) checkTermYear(year int) error {
	if year < x.terms.StartYear || year > x.terms.endYear() {
		return invalid("year", "%d is outside the term %d–%d", year, x.terms.StartYear, x.terms.endYear())
	}
	return nil
}
