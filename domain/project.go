package domain

import "slices"

// Project is the demonstration project aggregate (示范工程): one event stream holding its
// proposal, review, approval, construction, acceptance, operation and evaluation, with its
// milestones, progress, spending, indicators and budget revisions.
//
// A Project is loaded with ReplayProject and changed only through its command methods, which
// validate, build events and apply them; all fields are private and read through accessors.
type Project struct {
	id                ProjectID
	code              ProjectCode
	ownerOrg          string
	name              string
	domain            ProjectDomain
	region            RegionCode
	description       string
	plannedInvestment Money
	funding           FundingPlan
	plannedStart      Date
	plannedEnd        Date

	status        ProjectStatus
	suspendedFrom ProjectStatus // status to resume to while SUSPENDED
	statusReason  string        // reason given for the latest return, rejection, suspension, cancellation

	reviewRound int
	reviews     []ExpertReview

	approvalDocNo  string
	approvedOn     Date
	approvedBudget Money
	initialBudget  Money // the budget first approved, before any revision

	constructionStart    Date
	acceptedOn           Date
	acceptanceConclusion string
	operationStart       Date
	evaluatedOn          Date
	evaluationScore      int
	evaluationConclusion string

	milestones   []Milestone
	progress     []ProgressReport
	expenditures []Expenditure
	spent        Money
	indicators   []Indicator
	revisions    []BudgetRevision

	version int
}

// ID is the project's id.
func (p *Project) ID() ProjectID { return p.id }

// Exists reports whether the project has been proposed (its stream is not empty).
func (p *Project) Exists() bool { return p.version > 0 }

// Version is the number of events applied, i.e. the stream version to expect when appending.
func (p *Project) Version() int { return p.version }

// Code is the project's unique human code.
func (p *Project) Code() ProjectCode { return p.code }

// OwnerOrg is the organisation that owns the project (项目单位).
func (p *Project) OwnerOrg() string { return p.ownerOrg }

// Name is the project's name.
func (p *Project) Name() string { return p.name }

// Domain is the field the project serves.
func (p *Project) Domain() ProjectDomain { return p.domain }

// Region is the code of the region the project belongs to.
func (p *Project) Region() RegionCode { return p.region }

// Description is the owner's description of the project.
func (p *Project) Description() string { return p.description }

// PlannedInvestment is the planned total investment.
func (p *Project) PlannedInvestment() Money { return p.plannedInvestment }

// FundingPlan splits the planned investment by source.
func (p *Project) FundingPlan() FundingPlan { return p.funding }

// PlannedStart is the planned start date.
func (p *Project) PlannedStart() Date { return p.plannedStart }

// PlannedEnd is the planned end date.
func (p *Project) PlannedEnd() Date { return p.plannedEnd }

// Status is the project's lifecycle status.
func (p *Project) Status() ProjectStatus { return p.status }

// SuspendedFrom is the status a SUSPENDED project resumes to; empty otherwise.
func (p *Project) SuspendedFrom() ProjectStatus { return p.suspendedFrom }

// StatusReason is the reason given for the latest return, rejection, acceptance rejection,
// suspension or cancellation; cleared when the project moves on.
func (p *Project) StatusReason() string { return p.statusReason }

// ReviewRound is the number of the current (or latest) review round; 0 before the first submission.
func (p *Project) ReviewRound() int { return p.reviewRound }

// Reviews lists every expert review of every round, in recording order.
func (p *Project) Reviews() []ExpertReview { return slices.Clone(p.reviews) }

// CurrentReviews lists the expert reviews of the current round.
func (p *Project) CurrentReviews() []ExpertReview {
	var out []ExpertReview
	for _, r := range p.reviews {
		if r.Round == p.reviewRound {
			out = append(out, r)
		}
	}
	return out
}

// ApprovalDocumentNo is the approval document number (e.g. 苏经信〔2016〕12号); empty before approval.
func (p *Project) ApprovalDocumentNo() string { return p.approvalDocNo }

// ApprovedOn is the approval date; zero before approval.
func (p *Project) ApprovedOn() Date { return p.approvedOn }

// ApprovedBudget is the approved budget after any approved revisions; 0 before approval.
func (p *Project) ApprovedBudget() Money { return p.approvedBudget }

// InitialApprovedBudget is the budget as first approved, before any revision.
func (p *Project) InitialApprovedBudget() Money { return p.initialBudget }

// ConstructionStart is the actual start of construction; zero before it.
func (p *Project) ConstructionStart() Date { return p.constructionStart }

// AcceptedOn is the acceptance date and AcceptanceConclusion the office's conclusion.
func (p *Project) AcceptedOn() Date { return p.acceptedOn }

// AcceptanceConclusion is the office's conclusion on acceptance.
func (p *Project) AcceptanceConclusion() string { return p.acceptanceConclusion }

// OperationStart is the date operation began; zero before it.
func (p *Project) OperationStart() Date { return p.operationStart }

// Evaluation returns the evaluation date, score and conclusion; ok is false before evaluation.
func (p *Project) Evaluation() (on Date, score int, conclusion string, ok bool) {
	return p.evaluatedOn, p.evaluationScore, p.evaluationConclusion, !p.evaluatedOn.IsZero()
}

// Milestones lists the milestones in planning order.
func (p *Project) Milestones() []Milestone { return slices.Clone(p.milestones) }

// Milestone finds a milestone by id.
func (p *Project) Milestone(id MilestoneID) (Milestone, bool) {
	i := p.milestoneIndex(id)
	if i < 0 {
		return Milestone{}, false
	}
	return p.milestones[i], true
}

// ProgressReports lists the progress reports in recording (and as-of) order.
func (p *Project) ProgressReports() []ProgressReport { return slices.Clone(p.progress) }

// LatestProgress is the most recent progress report.
func (p *Project) LatestProgress() (ProgressReport, bool) {
	if len(p.progress) == 0 {
		return ProgressReport{}, false
	}
	return p.progress[len(p.progress)-1], true
}

// Expenditures lists the recorded expenditures in recording order.
func (p *Project) Expenditures() []Expenditure { return slices.Clone(p.expenditures) }

// Spent is the total of all expenditures.
func (p *Project) Spent() Money { return p.spent }

// RemainingBudget is the approved budget not yet spent.
func (p *Project) RemainingBudget() Money { return p.approvedBudget - p.spent }

// Indicators lists the indicators in definition order, each with its measurements.
func (p *Project) Indicators() []Indicator {
	out := make([]Indicator, len(p.indicators))
	for i, ind := range p.indicators {
		out[i] = ind.clone()
	}
	return out
}

// Indicator finds an indicator by id.
func (p *Project) Indicator(id IndicatorID) (Indicator, bool) {
	i := p.indicatorIndex(id)
	if i < 0 {
		return Indicator{}, false
	}
	return p.indicators[i].clone(), true
}

// BudgetRevisions lists all budget revisions in proposal order.
func (p *Project) BudgetRevisions() []BudgetRevision { return slices.Clone(p.revisions) }

// PendingBudgetRevision is the revision waiting for the office's decision, if any.
func (p *Project) PendingBudgetRevision() (BudgetRevision, bool) {
	for _, r := range p.revisions {
		if r.Status == RevisionPending {
			return r, true
		}
	}
	return BudgetRevision{}, false
}
