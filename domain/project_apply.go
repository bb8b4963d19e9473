package domain

import (
	"fmt"
	"reflect"
)

// ReplayProject rebuilds a project from its stream, oldest event first. An empty stream gives a
// project that does not exist yet (Exists is false), ready for Propose.
func ReplayProject(events []Event) (*Project, error) {
	p := &Project{}
	for _, e := range events {
		if err := p.Apply(e); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Apply changes the project by one event of its stream and counts the version. It is the only
// place project state changes; it refuses events of another project or that do not fit the
// state (a corrupt stream), leaving the project unchanged.
func (p *Project) Apply(e Event) error {
	if err := p.checkApplicable(e); err != nil {
		return fmt.Errorf("apply %s to project %s at version %d: %w", eventName(e), p.id, p.version, err)
	}
	switch e := e.(type) {
	case *ProjectProposed:
		p.id, p.code, p.ownerOrg = e.ProjectID, e.Code, e.OwnerOrg
		p.name, p.domain, p.region, p.description = e.Name, e.Domain, e.Region, e.Description
		p.plannedInvestment, p.funding = e.PlannedInvestment, e.Funding
		p.plannedStart, p.plannedEnd = e.PlannedStart, e.PlannedEnd
		p.status = StatusProposed
	case *ProjectRevised:
		p.name, p.domain, p.region, p.description = e.Name, e.Domain, e.Region, e.Description
		p.plannedInvestment, p.funding = e.PlannedInvestment, e.Funding
		p.plannedStart, p.plannedEnd = e.PlannedStart, e.PlannedEnd
	case *ProjectSubmittedForReview:
		p.reviewRound = e.Round
		p.setStatus(StatusUnderReview, "")
	case *ExpertReviewRecorded:
		p.reviews = append(p.reviews, ExpertReview{Round: e.Round, ExpertID: e.ExpertID, Score: e.Score, Opinion: e.Opinion})
	case *ProjectApproved:
		p.approvalDocNo, p.approvedOn = e.DocumentNo, e.ApprovedOn
		p.approvedBudget, p.initialBudget = e.ApprovedBudget, e.ApprovedBudget
		p.setStatus(StatusApproved, "")
	case *ProjectRejected:
		p.setStatus(StatusRejected, e.Reason)
	case *ProjectReturnedForRevision:
		p.setStatus(StatusReturned, e.Reason)
	case *ConstructionStarted:
		p.constructionStart = e.StartedOn
		p.setStatus(StatusInConstruction, "")
	case *AcceptanceRequested:
		p.setStatus(StatusAcceptanceRequested, "")
	case *ProjectAccepted:
		p.acceptedOn, p.acceptanceConclusion = e.AcceptedOn, e.Conclusion
		p.setStatus(StatusAccepted, "")
	case *AcceptanceRejected:
		p.setStatus(StatusInConstruction, e.Reason)
	case *OperationStarted:
		p.operationStart = e.StartedOn
		p.setStatus(StatusInOperation, "")
	case *ProjectEvaluated:
		p.evaluatedOn, p.evaluationScore, p.evaluationConclusion = e.EvaluatedOn, e.Score, e.Conclusion
		p.setStatus(StatusEvaluated, "")
	case *ProjectSuspended:
		p.setStatus(StatusSuspended, e.Reason)
		p.suspendedFrom = e.PreviousStatus
	case *ProjectResumed:
		p.setStatus(e.ResumedStatus, "")
	case *ProjectCancelled:
		p.setStatus(StatusCancelled, e.Reason)
	default:
		p.applyWork(e)
	}
	p.version++
	return nil
}

// applyWork applies the events of project_events_work.go; checkApplicable has vetted the ids.
func (p *Project) applyWork(e Event) {
	switch e := e.(type) {
	case *MilestonePlanned:
		p.milestones = append(p.milestones, Milestone{
			ID: e.MilestoneID, Name: e.Name, PlannedDate: e.PlannedDate, OriginalDate: e.PlannedDate, Weight: e.Weight,
		})
	case *MilestoneRescheduled:
		m := &p.milestones[p.milestoneIndex(e.MilestoneID)]
		m.PlannedDate = e.NewDate
		m.Reschedules++
	case *MilestoneAchieved:
		m := &p.milestones[p.milestoneIndex(e.MilestoneID)]
		m.AchievedOn, m.Evidence = e.AchievedOn, e.Evidence
	case *ProgressReported:
		p.progress = append(p.progress, ProgressReport{AsOf: e.AsOf, Percent: e.Percent, Narrative: e.Narrative, Note: e.Note})
	case *ExpenditureRecorded:
		p.expenditures = append(p.expenditures, Expenditure{
			SpentOn: e.SpentOn, Amount: e.Amount, Category: e.Category, Description: e.Description,
		})
		p.spent += e.Amount
	case *IndicatorDefined:
		p.indicators = append(p.indicators, Indicator{
			ID: e.IndicatorID, Name: e.Name, Unit: e.Unit, Baseline: e.Baseline, Target: e.Target, TargetDate: e.TargetDate,
		})
	case *IndicatorMeasured:
		ind := &p.indicators[p.indicatorIndex(e.IndicatorID)]
		ind.Measurements = append(ind.Measurements, Measurement{MeasuredOn: e.MeasuredOn, Value: e.Value, Note: e.Note})
	case *BudgetRevisionProposed:
		p.revisions = append(p.revisions, BudgetRevision{
			ID: e.RevisionID, PreviousBudget: e.PreviousBudget, NewBudget: e.NewBudget, Reason: e.Reason, Status: RevisionPending,
		})
	case *BudgetRevisionApproved:
		r := &p.revisions[p.revisionIndex(e.RevisionID)]
		r.Status, r.DecisionNote = RevisionApproved, e.Note
		p.approvedBudget = e.NewBudget
	case *BudgetRevisionRejected:
		r := &p.revisions[p.revisionIndex(e.RevisionID)]
		r.Status, r.DecisionNote = RevisionRejected, e.Reason
	}
}

// checkApplicable vets an event before Apply touches anything: it must be a project event, the
// first event must be ProjectProposed, and every other event must name this project and, where
// it refers to a milestone, indicator or revision, one that exists.
func (p *Project) checkApplicable(e Event) error {
	if isNilEvent(e) {
		return fmt.Errorf("nil event")
	}
	if proposed, ok := e.(*ProjectProposed); ok {
		if p.version != 0 {
			return fmt.Errorf("project already proposed")
		}
		if proposed.ProjectID == "" {
			return fmt.Errorf("no project id")
		}
		return nil
	}
	if p.version == 0 {
		return fmt.Errorf("stream does not start with ProjectProposed")
	}
	id, ok := eventProjectID(e)
	if !ok {
		return fmt.Errorf("not a project event")
	}
	if id != p.id {
		return fmt.Errorf("event belongs to project %s", id)
	}
	missing := func(what, id string) error { return fmt.Errorf("unknown %s %s", what, id) }
	switch e := e.(type) {
	case *MilestonePlanned:
		if p.milestoneIndex(e.MilestoneID) >= 0 {
			return fmt.Errorf("milestone %s planned twice", e.MilestoneID)
		}
	case *MilestoneRescheduled:
		if p.milestoneIndex(e.MilestoneID) < 0 {
			return missing("milestone", string(e.MilestoneID))
		}
	case *MilestoneAchieved:
		if p.milestoneIndex(e.MilestoneID) < 0 {
			return missing("milestone", string(e.MilestoneID))
		}
	case *IndicatorDefined:
		if p.indicatorIndex(e.IndicatorID) >= 0 {
			return fmt.Errorf("indicator %s defined twice", e.IndicatorID)
		}
	case *IndicatorMeasured:
		if p.indicatorIndex(e.IndicatorID) < 0 {
			return missing("indicator", string(e.IndicatorID))
		}
	case *BudgetRevisionProposed:
		if p.revisionIndex(e.RevisionID) >= 0 {
			return fmt.Errorf("budget revision %s proposed twice", e.RevisionID)
		}
	case *BudgetRevisionApproved:
		if p.revisionIndex(e.RevisionID) < 0 {
			return missing("budget revision", string(e.RevisionID))
		}
	case *BudgetRevisionRejected:
		if p.revisionIndex(e.RevisionID) < 0 {
			return missing("budget revision", string(e.RevisionID))
		}
	}
	return nil
}

// setStatus moves to a new status with the reason given for it (empty clears the old reason).
func (p *Project) setStatus(s ProjectStatus, reason string) {
	p.status, p.statusReason = s, reason
	if s != StatusSuspended {
		p.suspendedFrom = ""
	}
}

func (p *Project) milestoneIndex(id MilestoneID) int {
	for i, m := range p.milestones {
		if m.ID == id {
			return i
		}
	}
	return -1
}

func (p *Project) indicatorIndex(id IndicatorID) int {
	for i, ind := range p.indicators {
		if ind.ID == id {
			return i
		}
	}
	return -1
}

func (p *Project) revisionIndex(id BudgetRevisionID) int {
	for i, r := range p.revisions {
		if r.ID == id {
			return i
		}
	}
	return -1
}

func eventName(e Event) string {
	if isNilEvent(e) {
		return "<nil>"
	}
	return e.EventType()
}

// isNilEvent catches both a nil interface and a typed nil pointer, which would panic in Apply.
func isNilEvent(e Event) bool {
	if e == nil {
		return true
	}
	v := reflect.ValueOf(e)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
