package domain

import (
	"fmt"
	"slices"
	"strings"
)

// ReplayFundingApplication rebuilds an application from its stream, oldest event first. An empty
// stream gives an application that does not exist yet (Exists is false), ready for Draft.
func ReplayFundingApplication(events []Event) (*FundingApplication, error) {
	x := &FundingApplication{}
	for _, e := range events {
		if err := x.Apply(e); err != nil {
			return nil, err
		}
	}
	return x, nil
}

// Apply changes the application by one event of its stream and counts the version. It is the only
// place application state changes; it refuses, leaving the application unchanged, events of another
// application and payments that do not fit the approval (a corrupt stream).
func (x *FundingApplication) Apply(e Event) error {
	if err := x.checkApplicable(e); err != nil {
		return fmt.Errorf("apply %s to funding application %s at version %d: %w", eventName(e), x.id, x.version, err)
	}
	switch e := e.(type) {
	case *ApplicationDrafted:
		x.id, x.fundID, x.projectID, x.ownerOrg, x.managingOrg = e.ApplicationID, e.FundID, e.ProjectID, e.OwnerOrg, e.ManagingOrg
		x.supportMode, x.requested, x.justification = e.SupportMode, e.RequestedAmount, e.Justification
		x.status = AppDraft
	case *ApplicationRevised:
		x.supportMode, x.requested, x.justification = e.SupportMode, e.RequestedAmount, e.Justification
	case *ApplicationSubmitted:
		x.round, x.experts = e.Round, nil
		x.status, x.statusReason = AppSubmitted, ""
	case *ApplicationScreeningPassed:
		x.screenings = append(x.screenings, ScreeningResult{Round: e.Round, Passed: true, Note: e.Note})
		x.status = AppScreened
	case *ApplicationScreeningFailed:
		x.screenings = append(x.screenings, ScreeningResult{Round: e.Round, Reasons: slices.Clone(e.Reasons)})
		x.status, x.statusReason = AppScreeningFailed, strings.Join(e.Reasons, "; ")
	case *ExpertsAssigned:
		x.experts = slices.Clone(e.Experts)
		x.status = AppUnderExpertReview
	case *ApplicationScored:
		x.scores = append(x.scores, ExpertScore{Round: e.Round, ExpertID: e.ExpertID, Score: e.Score, Opinion: e.Opinion})
	case *ApplicationApproved:
		x.approvedAmount, x.approvedOn, x.documentNo = e.ApprovedAmount, e.ApprovedOn, e.DocumentNo
		x.tranches = make([]Tranche, len(e.Tranches))
		for i, t := range e.Tranches {
			x.tranches[i] = Tranche{ID: t.TrancheID, MilestoneID: t.MilestoneID, Amount: t.Amount, Status: TrancheStatusPending}
		}
		x.status, x.statusReason = AppApproved, ""
	case *ApplicationRejected:
		x.status, x.statusReason = AppRejected, e.Reason
	case *ApplicationReturnedForRevision:
		x.status, x.statusReason = AppReturned, e.Reason
	case *ApplicationWithdrawn:
		x.status, x.statusReason = AppWithdrawn, e.Reason
	case *TrancheDisbursed:
		t := &x.tranches[x.trancheIndex(e.TrancheID)]
		t.Status, t.DisbursedOn, t.VoucherNo = TrancheStatusDisbursed, e.DisbursedOn, e.VoucherNo
		x.disbursed += e.Amount
	case *MoneyRecovered:
		x.recoveries = append(x.recoveries, Recovery{Amount: e.Amount, Reason: e.Reason, RecoveredOn: e.RecoveredOn})
		x.recovered += e.Amount
	case *RemainderCancelled:
		for i := range x.tranches {
			if x.tranches[i].Status == TrancheStatusPending {
				x.tranches[i].Status = TrancheStatusCancelled
			}
		}
		x.cancelled, x.closedOn = e.Amount, e.CancelledOn
		x.status, x.statusReason = AppClosed, e.Reason
	}
	x.version++
	return nil
}

// checkApplicable vets an event before Apply touches anything: the stream starts with
// ApplicationDrafted, every event names this application, and money events fit the approval.
func (x *FundingApplication) checkApplicable(e Event) error {
	if isNilEvent(e) {
		return fmt.Errorf("nil event")
	}
	if d, ok := e.(*ApplicationDrafted); ok {
		if x.version != 0 {
			return fmt.Errorf("application already drafted")
		}
		if d.ApplicationID == "" {
			return fmt.Errorf("no application id")
		}
		return nil
	}
	if x.version == 0 {
		return fmt.Errorf("stream does not start with ApplicationDrafted")
	}
	ae, ok := e.(ApplicationEvent)
	if !ok {
		return fmt.Errorf("not a funding application event")
	}
	if id := ae.ForApplication(); id != x.id {
		return fmt.Errorf("event belongs to funding application %s", id)
	}
	switch e := e.(type) {
	case *ApplicationApproved:
		var sum Money
		for _, t := range e.Tranches {
			sum += t.Amount
		}
		if sum != e.ApprovedAmount || e.ApprovedAmount <= 0 {
			return fmt.Errorf("tranches total %s yuan, approved amount is %s yuan", sum, e.ApprovedAmount)
		}
	case *TrancheDisbursed:
		i := x.trancheIndex(e.TrancheID)
		if i < 0 {
			return fmt.Errorf("unknown tranche %s", e.TrancheID)
		}
		if t := x.tranches[i]; t.Status != TrancheStatusPending || t.Amount != e.Amount {
			return fmt.Errorf("tranche %s is %s with %s yuan, cannot pay %s yuan", t.ID, t.Status, t.Amount, e.Amount)
		}
	case *MoneyRecovered:
		if e.Amount <= 0 || e.Amount > x.NetDisbursed() {
			return fmt.Errorf("recovering %s yuan of %s yuan paid and not recovered", e.Amount, x.NetDisbursed())
		}
	case *RemainderCancelled:
		if e.Amount != x.ReservedAmount() {
			return fmt.Errorf("cancelling %s yuan, but %s yuan remain unpaid", e.Amount, x.ReservedAmount())
		}
	}
	return nil
}
