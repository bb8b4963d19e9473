package domain

// Events of a funding application's stream. Their type names are stored: never rename.

// ApplicationDrafted.v1: an owner drafted an application of its project to a fund. ManagingOrg is
// the fund's finance bureau, which decides the application.
type ApplicationDrafted struct {
	ApplicationID   ApplicationID `json:"applicationId"`
	FundID          FundID        `json:"fundId"`
	ProjectID       ProjectID     `json:"projectId"`
	OwnerOrg        string        `json:"ownerOrg"`
	ManagingOrg     string        `json:"managingOrg"`
	SupportMode     SupportMode   `json:"supportMode"`
	RequestedAmount Money         `json:"requestedAmount"`
	Justification   string        `json:"justification"`
}

// ApplicationRevised.v1: the owner replaced the request while it was a draft or returned.
type ApplicationRevised struct {
	ApplicationID   ApplicationID `json:"applicationId"`
	SupportMode     SupportMode   `json:"supportMode"`
	RequestedAmount Money         `json:"requestedAmount"`
	Justification   string        `json:"justification"`
}

// ApplicationSubmitted.v1: the owner submitted (Round 1) or resubmitted (Round > 1) the application.
type ApplicationSubmitted struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Round         int           `json:"round"`
}

// ApplicationScreeningPassed.v1: the office's formal screening (形式审查) passed in a round.
type ApplicationScreeningPassed struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Round         int           `json:"round"`
	Note          string        `json:"note,omitempty"`
}

// ApplicationScreeningFailed.v1: the formal screening failed for the reasons listed; terminal.
type ApplicationScreeningFailed struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Round         int           `json:"round"`
	Reasons       []string      `json:"reasons"`
}

// ExpertsAssigned.v1: the office assigned the experts who score the application in a round.
type ExpertsAssigned struct {
	ApplicationID ApplicationID    `json:"applicationId"`
	Round         int              `json:"round"`
	Experts       []AssignedExpert `json:"experts"`
}

// ApplicationScored.v1: an assigned expert scored the application in a round.
type ApplicationScored struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Round         int           `json:"round"`
	ExpertID      string        `json:"expertId"`
	Score         int           `json:"score"`
	Opinion       string        `json:"opinion"`
}

// ApplicationApproved.v1: the finance bureau granted ApprovedAmount in tranches tied to milestones
// of the project; the fund reserved the amount in the same transaction (FundMoneyReserved).
type ApplicationApproved struct {
	ApplicationID  ApplicationID     `json:"applicationId"`
	ApprovedAmount Money             `json:"approvedAmount"`
	ApprovedOn     Date              `json:"approvedOn"`
	DocumentNo     string            `json:"documentNo,omitempty"`
	Tranches       []ApprovedTranche `json:"tranches"`
}

// ApplicationRejected.v1: the finance bureau refused support; terminal.
type ApplicationRejected struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Reason        string        `json:"reason"`
}

// ApplicationReturnedForRevision.v1: the finance bureau sent the application back to the owner.
type ApplicationReturnedForRevision struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Reason        string        `json:"reason"`
}

// ApplicationWithdrawn.v1: the owner withdrew the application before a decision; terminal.
type ApplicationWithdrawn struct {
	ApplicationID  ApplicationID     `json:"applicationId"`
	PreviousStatus ApplicationStatus `json:"previousStatus"`
	Reason         string            `json:"reason,omitempty"`
}

// TrancheDisbursed.v1: a tranche was paid (拨付) after its milestone was achieved; the fund moved
// the amount from reserved to disbursed in the same transaction (FundMoneyDisbursed).
type TrancheDisbursed struct {
	ApplicationID ApplicationID `json:"applicationId"`
	TrancheID     TrancheID     `json:"trancheId"`
	MilestoneID   MilestoneID   `json:"milestoneId"`
	Amount        Money         `json:"amount"`
	DisbursedOn   Date          `json:"disbursedOn"`
	VoucherNo     string        `json:"voucherNo"`
}

// MoneyRecovered.v1: money paid to the application was recovered (收回); the fund made it
// available again in the same transaction (FundMoneyRecovered).
type MoneyRecovered struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Amount        Money         `json:"amount"`
	Reason        string        `json:"reason"`
	RecoveredOn   Date          `json:"recoveredOn"`
}

// RemainderCancelled.v1: the finance bureau cancelled the unpaid remainder (Amount, possibly 0)
// and closed the application; the fund released it in the same transaction
// (FundReservationReleased, only when Amount > 0).
type RemainderCancelled struct {
	ApplicationID ApplicationID `json:"applicationId"`
	Amount        Money         `json:"amount"`
	Reason        string        `json:"reason"`
	CancelledOn   Date          `json:"cancelledOn"`
}

// ApplicationEvent is an event of a funding application's stream; ForApplication names it for routing.
type ApplicationEvent interface {
	Event
	ForApplication() ApplicationID
}

// EventType is "ApplicationDrafted.v1".
func (*ApplicationDrafted) EventType() string { return "ApplicationDrafted.v1" }

// EventType is "ApplicationRevised.v1".
func (*ApplicationRevised) EventType() string { return "ApplicationRevised.v1" }

// EventType is "ApplicationSubmitted.v1".
func (*ApplicationSubmitted) EventType() string { return "ApplicationSubmitted.v1" }

// EventType is "ApplicationScreeningPassed.v1".
func (*ApplicationScreeningPassed) EventType() string { return "ApplicationScreeningPassed.v1" }

// EventType is "ApplicationScreeningFailed.v1".
func (*ApplicationScreeningFailed) EventType() string { return "ApplicationScreeningFailed.v1" }

// EventType is "ExpertsAssigned.v1".
func (*ExpertsAssigned) EventType() string { return "ExpertsAssigned.v1" }

// EventType is "ApplicationScored.v1".
func (*ApplicationScored) EventType() string { return "ApplicationScored.v1" }

// EventType is "ApplicationApproved.v1".
func (*ApplicationApproved) EventType() string { return "ApplicationApproved.v1" }

// EventType is "ApplicationRejected.v1".
func (*ApplicationRejected) EventType() string { return "ApplicationRejected.v1" }

// EventType is "ApplicationReturnedForRevision.v1".
func (*ApplicationReturnedForRevision) EventType() string { return "ApplicationReturnedForRevision.v1" }

// EventType is "ApplicationWithdrawn.v1".
func (*ApplicationWithdrawn) EventType() string { return "ApplicationWithdrawn.v1" }

// EventType is "TrancheDisbursed.v1".
func (*TrancheDisbursed) EventType() string { return "TrancheDisbursed.v1" }

// EventType is "MoneyRecovered.v1".
func (*MoneyRecovered) EventType() string { return "MoneyRecovered.v1" }

// EventType is "RemainderCancelled.v1".
func (*RemainderCancelled) EventType() string { return "RemainderCancelled.v1" }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationDrafted) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationRevised) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationSubmitted) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationScreeningPassed) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationScreeningFailed) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ExpertsAssigned) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationScored) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationApproved) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationRejected) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationReturnedForRevision) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *ApplicationWithdrawn) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *TrancheDisbursed) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *MoneyRecovered) ForApplication() ApplicationID { return e.ApplicationID }

// ForApplication is the id of the application the event belongs to.
func (e *RemainderCancelled) ForApplication() ApplicationID { return e.ApplicationID }

var _ = registerEvents(
	func() Event { return &ApplicationDrafted{} },
	func() Event { return &ApplicationRevised{} },
	func() Event { return &ApplicationSubmitted{} },
	func() Event { return &ApplicationScreeningPassed{} },
	func() Event { return &ApplicationScreeningFailed{} },
	func() Event { return &ExpertsAssigned{} },
	func() Event { return &ApplicationScored{} },
	func() Event { return &ApplicationApproved{} },
	func() Event { return &ApplicationRejected{} },
	func() Event { return &ApplicationReturnedForRevision{} },
	func() Event { return &ApplicationWithdrawn{} },
	func() Event { return &TrancheDisbursed{} },
	func() Event { return &MoneyRecovered{} },
	func() Event { return &RemainderCancelled{} },
)
