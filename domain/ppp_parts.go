package domain

import "slices"

// The records a PPP arrangement is made of, from procurement to transfer, with their accessors.

// PPPGate is a passed stage gate: the stage it closed, when, and the finance bureau's note.
type PPPGate struct {
	Stage      PPPStage
	ApprovedOn Date
	Note       string
}

// PPPValueForMoney is one value-for-money assessment (物有所值评价).
type PPPValueForMoney struct {
	QualitativeScore int   // the experts' qualitative score, 0..100
	PSC              Money // public sector comparator
	PPPV             Money // the PPP value: the government's whole-life cost under the PPP
	Passed           bool  // PPPV < PSC and a qualitative score of at least 60
	AssessedOn       Date
}

// Value is the quantitative value for money, PSC − PPPV; positive when the PPP is cheaper.
func (v PPPValueForMoney) Value() Money { return v.PSC - v.PPPV }

// Index is the value for money as a share of the PSC (物有所值指数), in basis points rounded down;
// 0 when the PPP is not cheaper.
func (v PPPValueForMoney) Index() int { return ratioBP(max(0, v.Value()), v.PSC) }

// PPPTender is the launched procurement.
type PPPTender struct {
	Method     PPPProcurementMethod
	NoticeNo   string
	LaunchedOn Date
}

// PPPBid is one bidder's bid.
type PPPBid struct {
	Bidder string
	Amount Money
	BidOn  Date
}

// PPPContract is the signed PPP contract.
type PPPContract struct {
	ContractNo string
	SignedOn   Date
}

// PPPProjectCompany is the project company (SPV) set up with the partner.
type PPPProjectCompany struct {
	Name              string
	RegisteredCapital Money
}

// PPPPayment is a scheduled government payment with what was paid against it. Payable is the
// scheduled amount less the deduction of its year's performance assessment, if any.
type PPPPayment struct {
	ID         PPPPaymentID
	Year       int
	Kind       PPPPaymentKind
	Amount     Money // as scheduled
	DueOn      Date
	Payable    Money
	Paid       Money
	LastPaidOn Date
}

// Outstanding is what may still be paid against the payment.
func (p PPPPayment) Outstanding() Money { return p.Payable - p.Paid }

// PPPAssessment is a year's performance assessment (绩效考核).
type PPPAssessment struct {
	Year        int
	Score       int
	DeductionBP int // taken off every payment of the year
	AssessedOn  Date
}

// PPPHandover records the assets handed over to the government.
type PPPHandover struct {
	HandedOverOn Date
	Description  string
}

// Tender is the launched procurement; ok is false before the launch.
func (x *PPPArrangement) Tender() (PPPTender, bool) { return pppDeref(x.tender) }

// Bids lists the bids in recording order.
func (x *PPPArrangement) Bids() []PPPBid { return slices.Clone(x.bids) }

// Partner is the selected social-capital partner and the day of the selection; ok is false before.
func (x *PPPArrangement) Partner() (name string, selectedOn Date, ok bool) {
	return x.partner, x.selectedOn, x.partner != ""
}

// Contract is the signed PPP contract; ok is false before signature.
func (x *PPPArrangement) Contract() (PPPContract, bool) { return pppDeref(x.contract) }

// ProjectCompany is the project company; ok is false before it is set up.
func (x *PPPArrangement) ProjectCompany() (PPPProjectCompany, bool) { return pppDeref(x.company) }

// GovernmentEquityContribution is the government's share of the project company's registered
// capital; 0 before the company is set up.
func (x *PPPArrangement) GovernmentEquityContribution() Money {
	if x.company == nil {
		return 0
	}
	return mulBP(x.company.RegisteredCapital, x.terms.GovernmentEquityBP)
}

// Payments lists the scheduled payments in scheduling order.
func (x *PPPArrangement) Payments() []PPPPayment { return slices.Clone(x.payments) }

// Payment finds a scheduled payment by id.
func (x *PPPArrangement) Payment(id PPPPaymentID) (PPPPayment, bool) {
	if i := x.paymentIndex(id); i >= 0 {
		return x.payments[i], true
	}
	return PPPPayment{}, false
}

// Scheduled is the total scheduled for a year.
func (x *PPPArrangement) Scheduled(year int) Money {
	return x.sumPayments(year, func(p PPPPayment) Money { return p.Amount })
}

// Payable is the total payable for a year: scheduled less the year's performance deduction.
func (x *PPPArrangement) Payable(year int) Money {
	return x.sumPayments(year, func(p PPPPayment) Money { return p.Payable })
}

// Paid is the total paid for a year.
func (x *PPPArrangement) Paid(year int) Money {
	return x.sumPayments(year, func(p PPPPayment) Money { return p.Paid })
}

// Assessments lists the performance assessments in recording order.
func (x *PPPArrangement) Assessments() []PPPAssessment { return slices.Clone(x.assessments) }

// Assessment is a year's performance assessment; ok is false before it.
func (x *PPPArrangement) Assessment(year int) (PPPAssessment, bool) {
	i := slices.IndexFunc(x.assessments, func(s PPPAssessment) bool { return s.Year == year })
	if i < 0 {
		return PPPAssessment{}, false
	}
	return x.assessments[i], true
}

// Handover is the handover of the assets; ok is false before it.
func (x *PPPArrangement) Handover() (PPPHandover, bool) { return pppDeref(x.handover) }

// Cancellation returns the stage the arrangement was cancelled in, the reason and the day; ok is
// false unless it is CANCELLED.
func (x *PPPArrangement) Cancellation() (from PPPStage, reason string, on Date, ok bool) {
	return x.cancelledFrom, x.cancelReason, x.cancelledOn, x.stage == PPPCancelled
}

func (x *PPPArrangement) paymentIndex(id PPPPaymentID) int {
	return slices.IndexFunc(x.payments, func(p PPPPayment) bool { return p.ID == id })
}

func (x *PPPArrangement) sumPayments(year int, f func(PPPPayment) Money) Money {
	var sum Money
	for _, p := range x.payments {
		if p.Year == year {
			sum += f(p)
		}
	}
	return sum
}

// pppDeref copies an optional record out of the aggregate.
func pppDeref[T any](p *T) (T, bool) {
	if p == nil {
		var zero T
		return zero, false
	}
	return *p, true
}
