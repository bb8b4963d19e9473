package domain

import (
	"fmt"
	"slices"
)

// ReplayPPPArrangement rebuilds an arrangement from its stream, oldest event first. An empty
// stream gives an arrangement that does not exist yet (Exists is false), ready for Identify.
func ReplayPPPArrangement(events []Event) (*PPPArrangement, error) {
	x := &PPPArrangement{}
	for _, e := range events {
		if err := x.Apply(e); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// Apply changes the arrangement by one event of its stream and counts the version. It is the only
// place arrangement state changes; it refuses, leaving the arrangement unchanged, events of another
// arrangement and payments that do not fit the schedule (a corrupt stream).
func (x *PPPArrangement) Apply(e Event) error {
	if err := x.checkApplicable(e); err != nil {
		return fmt.Errorf("apply %s to %s at version %d: %w", eventName(e), x.entity(), x.version, err)
	}
	switch e := e.(type) {
	case *PPPArrangementIdentified:
		x.id, x.projectID, x.projectCode, x.ownerOrg, x.region = e.ArrangementID, e.ProjectID, e.ProjectCode, e.OwnerOrg, e.Region
		x.terms = e.Terms.clone()
		x.stage = PPPIdentification
	case *PPPIdentificationRevised:
		x.terms = e.Terms.clone()
	case *PPPIdentificationApproved:
		x.financeOrg = e.FinanceOrg
		x.pass(PPPPreparation, e.ApprovedOn, e.Note)
	case *PPPValueForMoneyRecorded:
		x.vfm = append(x.vfm, PPPValueForMoney{
			QualitativeScore: e.QualitativeScore, PSC: e.PSC, PPPV: e.PPPV, Passed: e.Passed, AssessedOn: e.AssessedOn,
		})
	case *PPPPreparationApproved:
		x.pass(PPPProcurement, e.ApprovedOn, e.Note)
	case *PPPTenderLaunched:
		x.tender = &PPPTender{Method: e.Method, NoticeNo: e.NoticeNo, LaunchedOn: e.LaunchedOn}
	case *PPPBidRecorded:
		x.bids = append(x.bids, PPPBid{Bidder: e.Bidder, Amount: e.Amount, BidOn: e.BidOn})
	case *PPPPartnerSelected:
		x.partner, x.selectedOn = e.Partner, e.SelectedOn
	case *PPPContractSigned:
		x.contract = &PPPContract{ContractNo: e.ContractNo, SignedOn: e.SignedOn}
	case *PPPProjectCompanySetUp:
		x.company = &PPPProjectCompany{Name: e.Name, RegisteredCapital: e.RegisteredCapital}
	case *PPPProcurementApproved:
		x.pass(PPPExecution, e.ApprovedOn, e.Note)
	case *PPPPaymentScheduled:
		x.payments = append(x.payments, PPPPayment{
			ID: e.PaymentID, Year: e.Year, Kind: e.Kind, Amount: e.Amount, DueOn: e.DueOn,
			Payable: e.Amount - mulBP(e.Amount, x.deductionBP(e.Year)),
		})
	case *PPPPaymentRecorded:
		p := &x.payments[x.paymentIndex(e.PaymentID)]
		p.Paid += e.Amount
		p.LastPaidOn = e.PaidOn
	case *PPPPerformanceAssessed:
		x.assessments = append(x.assessments, PPPAssessment{Year: e.Year, Score: e.Score, DeductionBP: e.DeductionBP, AssessedOn: e.AssessedOn})
		for i := range x.payments {
			if p := &x.payments[i]; p.Year == e.Year {
				p.Payable = p.Amount - mulBP(p.Amount, e.DeductionBP)
			}
		}
	case *PPPTransferStarted:
		x.pass(PPPTransfer, e.ApprovedOn, e.Note)
	case *PPPAssetsHandedOver:
		x.handover = &PPPHandover{HandedOverOn: e.HandedOverOn, Description: e.Description}
	case *PPPArrangementClosed:
		x.pass(PPPClosed, e.ClosedOn, e.Note)
	case *PPPArrangementCancelled:
		x.cancelledFrom, x.cancelReason, x.cancelledOn = e.PreviousStage, e.Reason, e.CancelledOn
		x.stage = PPPCancelled
	}
	x.version++
	return nil
}

// pass records the gate closing the current stage and moves to the next.
func (x *PPPArrangement) pass(next PPPStage, on Date, note string) {
	x.gates = append(x.gates, PPPGate{Stage: x.stage, ApprovedOn: on, Note: note})
	x.stage, x.stageSince = next, on
}

// deductionBP is the deduction of a year's performance assessment; 0 before it.
func (x *PPPArrangement) deductionBP(year int) int {
	a, _ := x.Assessment(year)
	return a.DeductionBP
}

// checkApplicable vets an event before Apply touches anything: the stream starts with
// PPPArrangementIdentified, every event names this arrangement, gates come in order, and payments
// fit the schedule.
func (x *PPPArrangement) checkApplicable(e Event) error {
	if isNilEvent(e) {
		return fmt.Errorf("nil event")
	}
	if id, ok := e.(*PPPArrangementIdentified); ok {
		if x.version != 0 {
			return fmt.Errorf("arrangement already identified")
		}
		if id.ArrangementID == "" {
			return fmt.Errorf("no arrangement id")
		}
		return nil
	}
	if x.version == 0 {
		return fmt.Errorf("stream does not start with PPPArrangementIdentified")
	}
	pe, ok := e.(PPPEvent)
	if !ok {
		return fmt.Errorf("not a PPP arrangement event")
	}
	if id := pe.ForArrangement(); id != x.id {
		return fmt.Errorf("event belongs to PPP arrangement %s", id)
	}
	if from, ok := gateOf(e); ok && x.stage != from {
		return fmt.Errorf("the gate closing %s cannot pass in stage %s", from, x.stage)
	}
	switch e := e.(type) {
	case *PPPArrangementCancelled:
		if x.stage.IsTerminal() {
			return fmt.Errorf("the arrangement is %s already", x.stage)
		}
	case *PPPPaymentScheduled:
		if x.paymentIndex(e.PaymentID) >= 0 {
			return fmt.Errorf("payment %s is scheduled already", e.PaymentID)
		}
	case *PPPPaymentRecorded:
		i := x.paymentIndex(e.PaymentID)
		if i < 0 {
			return fmt.Errorf("unknown payment %s", e.PaymentID)
		}
		if p := x.payments[i]; e.Amount <= 0 || e.Amount > p.Outstanding() {
			return fmt.Errorf("paying %s yuan against payment %s with %s yuan outstanding", e.Amount, p.ID, p.Outstanding())
		}
	case *PPPPerformanceAssessed:
		if _, done := x.Assessment(e.Year); done {
			return fmt.Errorf("%d is assessed already", e.Year)
		}
	}
	return nil
}

// gateOf is the stage a gate event closes; ok is false for an event that is no gate.
func gateOf(e Event) (PPPStage, bool) {
	switch e.(type) {
	case *PPPIdentificationApproved:
		return PPPIdentification, true
	case *PPPPreparationApproved:
		return PPPPreparation, true
	case *PPPProcurementApproved:
		return PPPProcurement, true
	case *PPPTransferStarted:
		return PPPExecution, true
	case *PPPArrangementClosed:
		return PPPTransfer, true
	}
	return "", false
}

// livePPPStages are the stages an arrangement can still be cancelled from.
var livePPPStages = slices.DeleteFunc(PPPStages(), PPPStage.IsTerminal)
