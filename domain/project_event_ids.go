package domain

// ProjectEvent is an event of a project's stream. ForProject names the project, so that stores and
// projections can route an event without a type switch over every event type.
type ProjectEvent interface {
	Event
	ForProject() ProjectID
}

// eventProjectID is the project an event belongs to, if it is a project event.
func eventProjectID(e Event) (ProjectID, bool) {
	pe, ok := e.(ProjectEvent)
	if !ok {
		return "", false
	}
	return pe.ForProject(), true
}

// ForProject is the id of the project the event belongs to.
func (e *ProjectProposed) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectRevised) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectSubmittedForReview) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ExpertReviewRecorded) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectApproved) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectRejected) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectReturnedForRevision) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ConstructionStarted) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *AcceptanceRequested) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectAccepted) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *AcceptanceRejected) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *OperationStarted) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectEvaluated) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectSuspended) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectResumed) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProjectCancelled) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *MilestonePlanned) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *MilestoneRescheduled) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *MilestoneAchieved) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ProgressReported) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *ExpenditureRecorded) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *IndicatorDefined) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *IndicatorMeasured) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *BudgetRevisionProposed) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *BudgetRevisionApproved) ForProject() ProjectID { return e.ProjectID }

// ForProject is the id of the project the event belongs to.
func (e *BudgetRevisionRejected) ForProject() ProjectID { return e.ProjectID }
