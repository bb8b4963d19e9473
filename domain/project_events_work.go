package domain

// Events of the work inside a project: milestones, progress, spending, indicators and budget
// revisions. Their type names are stored: never rename.

// MilestonePlanned.v1: the owner planned a milestone worth Weight percent of the project.
type MilestonePlanned struct {
	ProjectID   ProjectID   `json:"projectId"`
	MilestoneID MilestoneID `json:"milestoneId"`
	Name        string      `json:"name"`
	PlannedDate Date        `json:"plannedDate"`
	Weight      int         `json:"weight"`
}

// MilestoneRescheduled.v1: the owner moved a milestone's planned date, giving a reason.
type MilestoneRescheduled struct {
	ProjectID    ProjectID   `json:"projectId"`
	MilestoneID  MilestoneID `json:"milestoneId"`
	PreviousDate Date        `json:"previousDate"`
	NewDate      Date        `json:"newDate"`
	Reason       string      `json:"reason"`
}

// MilestoneAchieved.v1: the owner reported a milestone achieved (阶段性成果), with evidence.
type MilestoneAchieved struct {
	ProjectID   ProjectID   `json:"projectId"`
	MilestoneID MilestoneID `json:"milestoneId"`
	AchievedOn  Date        `json:"achievedOn"`
	Evidence    string      `json:"evidence"`
}

// ProgressReported.v1: the owner reported overall progress in percent as of a date.
type ProgressReported struct {
	ProjectID ProjectID `json:"projectId"`
	AsOf      Date      `json:"asOf"`
	Percent   int       `json:"percent"`
	Narrative string    `json:"narrative"`
	Note      string    `json:"note,omitempty"`
}

// ExpenditureRecorded.v1: the owner recorded money spent on the project.
type ExpenditureRecorded struct {
	ProjectID   ProjectID           `json:"projectId"`
	SpentOn     Date                `json:"spentOn"`
	Amount      Money               `json:"amount"`
	Category    ExpenditureCategory `json:"category"`
	Description string              `json:"description"`
}

// IndicatorDefined.v1: the owner defined a numeric target (e.g. 480,000 FTTH users by 2017).
type IndicatorDefined struct {
	ProjectID   ProjectID   `json:"projectId"`
	IndicatorID IndicatorID `json:"indicatorId"`
	Name        string      `json:"name"`
	Unit        string      `json:"unit"`
	Baseline    Quantity    `json:"baseline"`
	Target      Quantity    `json:"target"`
	TargetDate  Date        `json:"targetDate"`
}

// IndicatorMeasured.v1: the owner measured an indicator's value on a date.
type IndicatorMeasured struct {
	ProjectID   ProjectID   `json:"projectId"`
	IndicatorID IndicatorID `json:"indicatorId"`
	MeasuredOn  Date        `json:"measuredOn"`
	Value       Quantity    `json:"value"`
	Note        string      `json:"note,omitempty"`
}

// BudgetRevisionProposed.v1: the owner asked to change the approved budget.
type BudgetRevisionProposed struct {
	ProjectID      ProjectID        `json:"projectId"`
	RevisionID     BudgetRevisionID `json:"revisionId"`
	PreviousBudget Money            `json:"previousBudget"`
	NewBudget      Money            `json:"newBudget"`
	Reason         string           `json:"reason"`
}

// BudgetRevisionApproved.v1: the office approved the revision; the approved budget is NewBudget.
type BudgetRevisionApproved struct {
	ProjectID  ProjectID        `json:"projectId"`
	RevisionID BudgetRevisionID `json:"revisionId"`
	NewBudget  Money            `json:"newBudget"`
	Note       string           `json:"note,omitempty"`
}

// BudgetRevisionRejected.v1: the office refused the revision; the budget stays as it was.
type BudgetRevisionRejected struct {
	ProjectID  ProjectID        `json:"projectId"`
	RevisionID BudgetRevisionID `json:"revisionId"`
	Reason     string           `json:"reason"`
}

// EventType is "MilestonePlanned.v1".
func (*MilestonePlanned) EventType() string { return "MilestonePlanned.v1" }

// EventType is "MilestoneRescheduled.v1".
func (*MilestoneRescheduled) EventType() string { return "MilestoneRescheduled.v1" }

// EventType is "MilestoneAchieved.v1".
func (*MilestoneAchieved) EventType() string { return "MilestoneAchieved.v1" }

// EventType is "ProgressReported.v1".
func (*ProgressReported) EventType() string { return "ProgressReported.v1" }

// EventType is "ExpenditureRecorded.v1".
func (*ExpenditureRecorded) EventType() string { return "ExpenditureRecorded.v1" }

// EventType is "IndicatorDefined.v1".
func (*IndicatorDefined) EventType() string { return "IndicatorDefined.v1" }

// EventType is "IndicatorMeasured.v1".
func (*IndicatorMeasured) EventType() string { return "IndicatorMeasured.v1" }

// EventType is "BudgetRevisionProposed.v1".
func (*BudgetRevisionProposed) EventType() string { return "BudgetRevisionProposed.v1" }

// EventType is "BudgetRevisionApproved.v1".
func (*BudgetRevisionApproved) EventType() string { return "BudgetRevisionApproved.v1" }

// EventType is "BudgetRevisionRejected.v1".
func (*BudgetRevisionRejected) EventType() string { return "BudgetRevisionRejected.v1" }

var _ = registerEvents(
	func() Event { return &MilestonePlanned{} },
	func() Event { return &MilestoneRescheduled{} },
	func() Event { return &MilestoneAchieved{} },
	func() Event { return &ProgressReported{} },
	func() Event { return &ExpenditureRecorded{} },
	func() Event { return &IndicatorDefined{} },
	func() Event { return &IndicatorMeasured{} },
	func() Event { return &BudgetRevisionProposed{} },
	func() Event { return &BudgetRevisionApproved{} },
	func() Event { return &BudgetRevisionRejected{} },
)
