package domain

import (
	"fmt"
	"slices"
)

// SuspendProject halts a live project for a reason.
type SuspendProject struct {
	Reason string
}

// ResumeProject returns a suspended project to the status it was suspended from; the note is optional.
type ResumeProject struct {
	Note string
}

// CancelProject closes a project for good.
type CancelProject struct {
	Reason string
}

// Suspend lets the office halt a project that is APPROVED, IN_CONSTRUCTION, ACCEPTANCE_REQUESTED
// or IN_OPERATION. A suspended project refuses every change but Resume and Cancel.
func (p *Project) Suspend(a Actor, c SuspendProject) ([]Event, error) {
	const action = "suspend the project"
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesSuspendable...); err != nil {
		return nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectSuspended{ProjectID: p.id, PreviousStatus: p.status, Reason: reason})
}

// Resume lets the office return a SUSPENDED project to the status it was suspended from.
func (p *Project) Resume(a Actor, c ResumeProject) ([]Event, error) {
	const action = "resume the project"
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusSuspended); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectResumed{ProjectID: p.id, ResumedStatus: p.suspendedFrom, Note: note})
}

// Cancel closes a project. The office may cancel any project that is not already closed; the
// owner may cancel its own project only before approval (PROPOSED, UNDER_REVIEW, RETURNED).
func (p *Project) Cancel(a Actor, c CancelProject) ([]Event, error) {
	const action = "cancel the project"
	if err := p.authorize(a, action, RoleOffice, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, slices.Concat(statusesLive, []ProjectStatus{StatusSuspended})...); err != nil {
		return nil, err
	}
	if a.Role == RoleOwner && !slices.Contains(statusesBeforeApproval, p.status) {
		return nil, &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("an owner may cancel only before approval (PROPOSED, UNDER_REVIEW, RETURNED); project %s is %s, ask the office", p.code, p.status)}
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectCancelled{ProjectID: p.id, PreviousStatus: p.status, Reason: reason})
}
