package domain

import "slices"

// FundingApplication is a project's application (资金申报) to a fund: one event stream holding the
// request, the office's screening, the experts' scores, the finance bureau's decision and, after
// approval, the tranches paid and the money recovered. See ApplicationStatus for the state machine.
//
// It is loaded with ReplayFundingApplication and changed only through its command methods and the
// cross-aggregate functions of application_funding.go; fields are read through accessors.
type FundingApplication struct {
	id            ApplicationID
	fundID        FundID
	projectID     ProjectID
	ownerOrg      string
	managingOrg   string
	supportMode   SupportMode
	requested     Money
	justification string

	status       ApplicationStatus
	statusReason string // reason of the latest screening failure, return, rejection, withdrawal or cancellation

	round      int
	screenings []ScreeningResult
	experts    []AssignedExpert // the current round's experts
	scores     []ExpertScore    // every round's scores

	approvedAmount Money
	approvedOn     Date
	documentNo     string
	tranches       []Tranche
	disbursed      Money
	recovered      Money
	recoveries     []Recovery
	cancelled      Money
	closedOn       Date

	version int
}

// ID is the application's id.
func (x *FundingApplication) ID() ApplicationID { return x.id }

// Exists reports whether the application has been drafted (its stream is not empty).
func (x *FundingApplication) Exists() bool { return x.version > 0 }

// Version is the number of events applied, i.e. the stream version to expect when appending.
func (x *FundingApplication) Version() int { return x.version }

// FundID is the fund applied to.
func (x *FundingApplication) FundID() FundID { return x.fundID }

// ProjectID is the project applying.
func (x *FundingApplication) ProjectID() ProjectID { return x.projectID }

// OwnerOrg is the project owner organisation that applies.
func (x *FundingApplication) OwnerOrg() string { return x.ownerOrg }

// ManagingOrg is the finance bureau that manages the fund and decides the application.
func (x *FundingApplication) ManagingOrg() string { return x.managingOrg }

// SupportMode is the kind of support requested.
func (x *FundingApplication) SupportMode() SupportMode { return x.supportMode }

// RequestedAmount is the money requested.
func (x *FundingApplication) RequestedAmount() Money { return x.requested }

// Justification is the owner's case for the money.
func (x *FundingApplication) Justification() string { return x.justification }

// Status is where the application stands.
func (x *FundingApplication) Status() ApplicationStatus { return x.status }

// StatusReason is the reason given for the latest screening failure (its reasons joined by "; "),
// return, rejection, withdrawal or cancellation of the remainder; cleared on resubmission.
func (x *FundingApplication) StatusReason() string { return x.statusReason }

// Round is the number of the current (or latest) submission; 0 before the first.
func (x *FundingApplication) Round() int { return x.round }

// Screening is the current round's screening result; ok is false before screening.
func (x *FundingApplication) Screening() (ScreeningResult, bool) {
	if n := len(x.screenings); n > 0 && x.screenings[n-1].Round == x.round {
		return x.screenings[n-1].clone(), true
	}
	return ScreeningResult{}, false
}

// Screenings lists the screening results of every round, oldest first.
func (x *FundingApplication) Screenings() []ScreeningResult {
	out := make([]ScreeningResult, len(x.screenings))
	for i, s := range x.screenings {
		out[i] = s.clone()
	}
	return out
}

// AssignedExperts lists the experts assigned in the current round, in assignment order.
func (x *FundingApplication) AssignedExperts() []AssignedExpert { return slices.Clone(x.experts) }

// IsAssigned reports whether a user is one of the current round's experts.
func (x *FundingApplication) IsAssigned(userID string) bool {
	return slices.ContainsFunc(x.experts, func(e AssignedExpert) bool { return e.UserID == userID })
}

// Scores lists the current round's scores, in recording order.
func (x *FundingApplication) Scores() []ExpertScore {
	return slices.DeleteFunc(slices.Clone(x.scores), func(s ExpertScore) bool { return s.Round != x.round })
}

// AllScores lists the scores of every round, in recording order.
func (x *FundingApplication) AllScores() []ExpertScore { return slices.Clone(x.scores) }

// HasScored reports whether an expert has scored in the current round.
func (x *FundingApplication) HasScored(userID string) bool {
	return slices.ContainsFunc(x.scores, func(s ExpertScore) bool { return s.Round == x.round && s.ExpertID == userID })
}

// PendingExperts lists the current round's experts who have not scored yet.
func (x *FundingApplication) PendingExperts() []string {
	var out []string
	for _, e := range x.experts {
		if !x.HasScored(e.UserID) {
			out = append(out, e.UserID)
		}
	}
	return out
}

// AllExpertsScored reports whether experts are assigned in the current round and every one has scored.
func (x *FundingApplication) AllExpertsScored() bool {
	return len(x.experts) > 0 && len(x.PendingExperts()) == 0
}

// ApprovedAmount is the money granted; 0 before approval.
func (x *FundingApplication) ApprovedAmount() Money { return x.approvedAmount }

// ApprovedOn is the date of the approval; zero before it.
func (x *FundingApplication) ApprovedOn() Date { return x.approvedOn }

// DocumentNo is the number of the funding decision document, if one was given.
func (x *FundingApplication) DocumentNo() string { return x.documentNo }

// Tranches lists the approved tranches in approval order, with their payments.
func (x *FundingApplication) Tranches() []Tranche { return slices.Clone(x.tranches) }

// Tranche finds a tranche by id.
func (x *FundingApplication) Tranche(id TrancheID) (Tranche, bool) {
	if i := x.trancheIndex(id); i >= 0 {
		return x.tranches[i], true
	}
	return Tranche{}, false
}

// DisbursedAmount is the total of the tranches paid (before any recovery).
func (x *FundingApplication) DisbursedAmount() Money { return x.disbursed }

// RecoveredAmount is the total recovered from the money paid.
func (x *FundingApplication) RecoveredAmount() Money { return x.recovered }

// NetDisbursed is the money paid and not recovered.
func (x *FundingApplication) NetDisbursed() Money { return x.disbursed - x.recovered }

// Recoveries lists the recoveries in recording order.
func (x *FundingApplication) Recoveries() []Recovery { return slices.Clone(x.recoveries) }

// CancelledAmount is the unpaid remainder cancelled when the application was closed.
func (x *FundingApplication) CancelledAmount() Money { return x.cancelled }

// ReservedAmount is the approved money neither paid nor cancelled: what the fund still holds
// reserved for this application.
func (x *FundingApplication) ReservedAmount() Money {
	return x.approvedAmount - x.disbursed - x.cancelled
}

// ClosedOn is the date the remainder was cancelled and the application closed; zero before it.
func (x *FundingApplication) ClosedOn() Date { return x.closedOn }

// entity names the application in messages.
func (x *FundingApplication) entity() string { return "funding application " + string(x.id) }

func (x *FundingApplication) trancheIndex(id TrancheID) int {
	return slices.IndexFunc(x.tranches, func(t Tranche) bool { return t.ID == id })
}
