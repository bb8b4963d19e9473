package domain

import "slices"

// The parts of a Project that callers read. They are values: a caller holding one cannot change
// the project, which changes only by applying events.

// ExpertReview is one expert's score and opinion in one review round.
type ExpertReview struct {
	Round    int
	ExpertID string
	Score    int
	Opinion  string
}

// Milestone is a planned stage result worth Weight percent of the project.
type Milestone struct {
	ID           MilestoneID
	Name         string
	PlannedDate  Date // current planned date, after any rescheduling
	OriginalDate Date // planned date as first planned
	Weight       int  // whole percent of the project, 1..100
	Reschedules  int  // how many times the date was moved
	AchievedOn   Date // zero until achieved
	Evidence     string
}

// Achieved reports whether the milestone has been achieved.
func (m Milestone) Achieved() bool { return !m.AchievedOn.IsZero() }

// AchievedBy reports whether the milestone was achieved on or before asOf.
func (m Milestone) AchievedBy(asOf Date) bool { return m.Achieved() && !m.AchievedOn.After(asOf) }

// Overdue reports whether the milestone's planned date has passed by asOf without it being achieved by then.
func (m Milestone) Overdue(asOf Date) bool { return m.PlannedDate.Before(asOf) && !m.AchievedBy(asOf) }

// ProgressReport is the owner's statement of overall progress as of a date.
type ProgressReport struct {
	AsOf      Date
	Percent   int
	Narrative string
	Note      string // explains a drop below the previous report
}

// Expenditure is money spent on the project.
type Expenditure struct {
	SpentOn     Date
	Amount      Money
	Category    ExpenditureCategory
	Description string
}

// Indicator is a numeric target of the project and its measurements in recording order.
type Indicator struct {
	ID           IndicatorID
	Name         string
	Unit         string
	Baseline     Quantity
	Target       Quantity
	TargetDate   Date
	Measurements []Measurement
}

// Measurement is one measured value of an indicator.
type Measurement struct {
	MeasuredOn Date
	Value      Quantity
	Note       string
}

// Latest is the measurement with the latest date (the last recorded one among equal dates).
func (i Indicator) Latest() (Measurement, bool) { return i.LatestAsOf(latestDate) }

// LatestAsOf is the latest measurement dated on or before asOf.
func (i Indicator) LatestAsOf(asOf Date) (Measurement, bool) {
	var best Measurement
	found := false
	for _, m := range i.Measurements {
		if m.MeasuredOn.After(asOf) {
			continue
		}
		if !found || !m.MeasuredOn.Before(best.MeasuredOn) {
			best, found = m, true
		}
	}
	return best, found
}

func (i Indicator) clone() Indicator {
	i.Measurements = slices.Clone(i.Measurements)
	return i
}

// BudgetRevisionStatus is where a budget revision stands.
type BudgetRevisionStatus string

// The budget revision statuses.
const (
	RevisionPending  BudgetRevisionStatus = "PENDING"
	RevisionApproved BudgetRevisionStatus = "APPROVED"
	RevisionRejected BudgetRevisionStatus = "REJECTED"
)

// BudgetRevision is a request to change the approved budget and the office's decision on it.
type BudgetRevision struct {
	ID             BudgetRevisionID
	PreviousBudget Money
	NewBudget      Money
	Reason         string
	Status         BudgetRevisionStatus
	DecisionNote   string // the office's note on approval or its reason for rejection
}
