package domain

// Events of the project lifecycle: proposal, review, approval, construction, acceptance,
// operation, evaluation, suspension and cancellation. Their type names are stored: never rename.

// ProjectProposed.v1: an owner organisation proposed a new project.
type ProjectProposed struct {
	ProjectID         ProjectID     `json:"projectId"`
	Code              ProjectCode   `json:"code"`
	OwnerOrg          string        `json:"ownerOrg"`
	Name              string        `json:"name"`
	Domain            ProjectDomain `json:"domain"`
	Region            RegionCode    `json:"region"`
	Description       string        `json:"description"`
	PlannedInvestment Money         `json:"plannedInvestment"`
	Funding           FundingPlan   `json:"funding"`
	PlannedStart      Date          `json:"plannedStart"`
	PlannedEnd        Date          `json:"plannedEnd"`
}

// ProjectRevised.v1: the owner replaced the project's details while proposed or returned.
type ProjectRevised struct {
	ProjectID         ProjectID     `json:"projectId"`
	Name              string        `json:"name"`
	Domain            ProjectDomain `json:"domain"`
	Region            RegionCode    `json:"region"`
	Description       string        `json:"description"`
	PlannedInvestment Money         `json:"plannedInvestment"`
	Funding           FundingPlan   `json:"funding"`
	PlannedStart      Date          `json:"plannedStart"`
	PlannedEnd        Date          `json:"plannedEnd"`
}

// ProjectSubmittedForReview.v1: the owner submitted the project; Round counts submissions from 1.
type ProjectSubmittedForReview struct {
	ProjectID ProjectID `json:"projectId"`
	Round     int       `json:"round"`
}

// ExpertReviewRecorded.v1: an expert scored the project in a review round.
type ExpertReviewRecorded struct {
	ProjectID ProjectID `json:"projectId"`
	Round     int       `json:"round"`
	ExpertID  string    `json:"expertId"`
	Score     int       `json:"score"`
	Opinion   string    `json:"opinion"`
}

// ProjectApproved.v1: the office approved initiation (立项) with a document and a budget.
type ProjectApproved struct {
	ProjectID      ProjectID `json:"projectId"`
	DocumentNo     string    `json:"documentNo"`
	ApprovedBudget Money     `json:"approvedBudget"`
	ApprovedOn     Date      `json:"approvedOn"`
}

// ProjectRejected.v1: the office refused initiation; terminal.
type ProjectRejected struct {
	ProjectID ProjectID `json:"projectId"`
	Reason    string    `json:"reason"`
}

// ProjectReturnedForRevision.v1: the office sent the project back to the owner; the next
// submission starts a new review round.
type ProjectReturnedForRevision struct {
	ProjectID ProjectID `json:"projectId"`
	Reason    string    `json:"reason"`
}

// ConstructionStarted.v1: the owner started construction on StartedOn.
type ConstructionStarted struct {
	ProjectID ProjectID `json:"projectId"`
	StartedOn Date      `json:"startedOn"`
}

// AcceptanceRequested.v1: the owner asked the office for acceptance (验收).
type AcceptanceRequested struct {
	ProjectID ProjectID `json:"projectId"`
	Summary   string    `json:"summary,omitempty"`
}

// ProjectAccepted.v1: the office accepted the finished project.
type ProjectAccepted struct {
	ProjectID  ProjectID `json:"projectId"`
	AcceptedOn Date      `json:"acceptedOn"`
	Conclusion string    `json:"conclusion"`
}

// AcceptanceRejected.v1: the office refused acceptance; the project is back in construction.
type AcceptanceRejected struct {
	ProjectID ProjectID `json:"projectId"`
	Reason    string    `json:"reason"`
}

// OperationStarted.v1: the owner put the accepted project into operation.
type OperationStarted struct {
	ProjectID ProjectID `json:"projectId"`
	StartedOn Date      `json:"startedOn"`
}

// ProjectEvaluated.v1: the office evaluated the project in operation; terminal.
type ProjectEvaluated struct {
	ProjectID   ProjectID `json:"projectId"`
	EvaluatedOn Date      `json:"evaluatedOn"`
	Score       int       `json:"score"`
	Conclusion  string    `json:"conclusion"`
}

// ProjectSuspended.v1: the office suspended the project, remembering the status to resume to.
type ProjectSuspended struct {
	ProjectID      ProjectID     `json:"projectId"`
	PreviousStatus ProjectStatus `json:"previousStatus"`
	Reason         string        `json:"reason"`
}

// ProjectResumed.v1: the office resumed a suspended project to ResumedStatus.
type ProjectResumed struct {
	ProjectID     ProjectID     `json:"projectId"`
	ResumedStatus ProjectStatus `json:"resumedStatus"`
	Note          string        `json:"note,omitempty"`
}

// ProjectCancelled.v1: the office, or the owner before approval, cancelled the project; terminal.
type ProjectCancelled struct {
	ProjectID      ProjectID     `json:"projectId"`
	PreviousStatus ProjectStatus `json:"previousStatus"`
	Reason         string        `json:"reason"`
}

// EventType is "ProjectProposed.v1".
func (*ProjectProposed) EventType() string { return "ProjectProposed.v1" }

// EventType is "ProjectRevised.v1".
func (*ProjectRevised) EventType() string { return "ProjectRevised.v1" }

// EventType is "ProjectSubmittedForReview.v1".
func (*ProjectSubmittedForReview) EventType() string { return "ProjectSubmittedForReview.v1" }

// EventType is "ExpertReviewRecorded.v1".
func (*ExpertReviewRecorded) EventType() string { return "ExpertReviewRecorded.v1" }

// EventType is "ProjectApproved.v1".
func (*ProjectApproved) EventType() string { return "ProjectApproved.v1" }

// EventType is "ProjectRejected.v1".
func (*ProjectRejected) EventType() string { return "ProjectRejected.v1" }

// EventType is "ProjectReturnedForRevision.v1".
func (*ProjectReturnedForRevision) EventType() string { return "ProjectReturnedForRevision.v1" }

// EventType is "ConstructionStarted.v1".
func (*ConstructionStarted) EventType() string { return "ConstructionStarted.v1" }

// EventType is "AcceptanceRequested.v1".
func (*AcceptanceRequested) EventType() string { return "AcceptanceRequested.v1" }

// EventType is "ProjectAccepted.v1".
func (*ProjectAccepted) EventType() string { return "ProjectAccepted.v1" }

// EventType is "AcceptanceRejected.v1".
func (*AcceptanceRejected) EventType() string { return "AcceptanceRejected.v1" }

// EventType is "OperationStarted.v1".
func (*OperationStarted) EventType() string { return "OperationStarted.v1" }

// EventType is "ProjectEvaluated.v1".
func (*ProjectEvaluated) EventType() string { return "ProjectEvaluated.v1" }

// EventType is "ProjectSuspended.v1".
func (*ProjectSuspended) EventType() string { return "ProjectSuspended.v1" }

// EventType is "ProjectResumed.v1".
func (*ProjectResumed) EventType() string { return "ProjectResumed.v1" }

// EventType is "ProjectCancelled.v1".
func (*ProjectCancelled) EventType() string { return "ProjectCancelled.v1" }

var _ = registerEvents(
	func() Event { return &ProjectProposed{} },
	func() Event { return &ProjectRevised{} },
	func() Event { return &ProjectSubmittedForReview{} },
	func() Event { return &ExpertReviewRecorded{} },
	func() Event { return &ProjectApproved{} },
	func() Event { return &ProjectRejected{} },
	func() Event { return &ProjectReturnedForRevision{} },
	func() Event { return &ConstructionStarted{} },
	func() Event { return &AcceptanceRequested{} },
	func() Event { return &ProjectAccepted{} },
	func() Event { return &AcceptanceRejected{} },
	func() Event { return &OperationStarted{} },
	func() Event { return &ProjectEvaluated{} },
	func() Event { return &ProjectSuspended{} },
	func() Event { return &ProjectResumed{} },
	func() Event { return &ProjectCancelled{} },
)
