package domain

import "fmt"

// SubmitProjectForReview sends a proposed or returned project to review; it carries no data.
type SubmitProjectForReview struct{}

// RecordExpertReview is an expert's score (0..100) and opinion on the project under review.
type RecordExpertReview struct {
	Score   int
	Opinion string
}

// ApproveProject approves initiation (立项) with the approval document and the approved budget.
type ApproveProject struct {
	DocumentNo     string // e.g. 苏经信〔2016〕12号
	ApprovedBudget Money
	ApprovedOn     Date
	Today          Date
}

// RejectProject refuses initiation for good.
type RejectProject struct {
	Reason string
}

// ReturnProjectForRevision sends the project back to its owner; resubmission starts a new round.
type ReturnProjectForRevision struct {
	Reason string
}

// SubmitForReview lets the owner submit a PROPOSED or RETURNED project; each submission opens a
// new review round.
func (p *Project) SubmitForReview(a Actor, _ SubmitProjectForReview) ([]Event, error) {
	const action = "submit the project for review"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesEditable...); err != nil {
		return nil, err
	}
	return p.record(&ProjectSubmittedForReview{ProjectID: p.id, Round: p.reviewRound + 1})
}

// RecordExpertReview lets an expert score the project UNDER_REVIEW, once per review round. An
// expert may not review a project of their own organisation.
func (p *Project) RecordExpertReview(a Actor, c RecordExpertReview) ([]Event, error) {
	const action = "review the project"
	if err := p.authorize(a, action, RoleExpert); err != nil {
		return nil, err
	}
	if a.UserID == "" {
		return nil, &ForbiddenError{Actor: a, Action: action, Reason: "the expert has no user id"}
	}
	if a.OrgID != "" && a.OrgID == p.ownerOrg {
		return nil, &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("conflict of interest: the expert belongs to the owner organisation %s", p.ownerOrg)}
	}
	if err := p.requireStatus(action, StatusUnderReview); err != nil {
		return nil, err
	}
	for _, r := range p.CurrentReviews() {
		if r.ExpertID == a.UserID {
			return nil, &StateError{Entity: p.entity(), Action: action,
				State: fmt.Sprintf("already reviewed by expert %s in round %d", a.UserID, p.reviewRound)}
		}
	}
	if err := checkRange("score", c.Score, 0, maxScore); err != nil {
		return nil, err
	}
	opinion, err := requireText("opinion", c.Opinion, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&ExpertReviewRecorded{
		ProjectID: p.id, Round: p.reviewRound, ExpertID: a.UserID, Score: c.Score, Opinion: opinion,
	})
}

// Approve lets the office approve a project UNDER_REVIEW that has at least one expert review in
// the current round.
func (p *Project) Approve(a Actor, c ApproveProject) ([]Event, error) {
	const action = "approve the project"
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusUnderReview); err != nil {
		return nil, err
	}
	if len(p.CurrentReviews()) == 0 {
		return nil, &StateError{Entity: p.entity(), Action: action,
			State: fmt.Sprintf("UNDER_REVIEW without any expert review in round %d", p.reviewRound)}
	}
	doc, err := requireText("documentNo", c.DocumentNo, maxDocNoLen)
	if err != nil {
		return nil, err
	}
	if err := checkAmount("approvedBudget", c.ApprovedBudget); err != nil {
		return nil, err
	}
	if err := checkPastDate("approvedOn", c.ApprovedOn, c.Today); err != nil {
		return nil, err
	}
	return p.record(&ProjectApproved{
		ProjectID: p.id, DocumentNo: doc, ApprovedBudget: c.ApprovedBudget, ApprovedOn: c.ApprovedOn,
	})
}

// Reject lets the office refuse a project UNDER_REVIEW; the project is closed.
func (p *Project) Reject(a Actor, c RejectProject) ([]Event, error) {
	const action = "reject the project"
	reason, err := p.officeDecision(a, action, c.Reason)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectRejected{ProjectID: p.id, Reason: reason})
}

// ReturnForRevision lets the office send a project UNDER_REVIEW back to its owner.
func (p *Project) ReturnForRevision(a Actor, c ReturnProjectForRevision) ([]Event, error) {
	const action = "return the project for revision"
	reason, err := p.officeDecision(a, action, c.Reason)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectReturnedForRevision{ProjectID: p.id, Reason: reason})
}

// officeDecision is the shared check of Reject and ReturnForRevision.
func (p *Project) officeDecision(a Actor, action, reason string) (string, error) {
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return "", err
	}
	if err := p.requireStatus(action, StatusUnderReview); err != nil {
		return "", err
	}
	return requireText("reason", reason, maxTextLen)
}
