package domain

// ProposeBudgetRevision asks to change the approved budget; its id is minted by the caller.
type ProposeBudgetRevision struct {
	RevisionID BudgetRevisionID
	NewBudget  Money
	Reason     string
}

// ApproveBudgetRevision accepts a pending revision; the note is optional.
type ApproveBudgetRevision struct {
	RevisionID BudgetRevisionID
	Note       string
}

// RejectBudgetRevision refuses a pending revision.
type RejectBudgetRevision struct {
	RevisionID BudgetRevisionID
	Reason     string
}

// ProposeBudgetRevision lets the owner ask for a new approved budget between approval and
// operation (dynamic adjustment). Only one revision may be pending at a time, and the new budget
// may not be below what is already spent.
func (p *Project) ProposeBudgetRevision(a Actor, c ProposeBudgetRevision) ([]Event, error) {
	const action = "propose a budget revision"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesApprovedToOperation...); err != nil {
		return nil, err
	}
	if pending, ok := p.PendingBudgetRevision(); ok {
		return nil, &StateError{Entity: p.entity(), Action: action,
			State: "waiting for the decision on budget revision " + string(pending.ID)}
	}
	if err := checkID("revisionId", string(c.RevisionID)); err != nil {
		return nil, err
	}
	if p.revisionIndex(c.RevisionID) >= 0 {
		return nil, invalid("revisionId", "budget revision %s already exists", c.RevisionID)
	}
	if err := checkAmount("newBudget", c.NewBudget); err != nil {
		return nil, err
	}
	if c.NewBudget == p.approvedBudget {
		return nil, invalid("newBudget", "%s yuan is already the approved budget", c.NewBudget)
	}
	if c.NewBudget < p.spent {
		return nil, invalid("newBudget", "%s yuan is below the %s yuan already spent", c.NewBudget, p.spent)
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&BudgetRevisionProposed{
		ProjectID: p.id, RevisionID: c.RevisionID, PreviousBudget: p.approvedBudget, NewBudget: c.NewBudget, Reason: reason,
	})
}

// ApproveBudgetRevision lets the office approve the pending revision: the approved budget becomes
// the new one. Spending recorded since the proposal must still fit in it.
func (p *Project) ApproveBudgetRevision(a Actor, c ApproveBudgetRevision) ([]Event, error) {
	const action = "approve a budget revision"
	r, err := p.pendingRevision(a, action, c.RevisionID)
	if err != nil {
		return nil, err
	}
	if r.NewBudget < p.spent {
		return nil, &StateError{Entity: p.entity(), Action: action,
			State: "already spending " + p.spent.String() + " yuan, above the revised budget " + r.NewBudget.String()}
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&BudgetRevisionApproved{ProjectID: p.id, RevisionID: r.ID, NewBudget: r.NewBudget, Note: note})
}

// RejectBudgetRevision lets the office refuse the pending revision; the budget stays as it was.
func (p *Project) RejectBudgetRevision(a Actor, c RejectBudgetRevision) ([]Event, error) {
	const action = "reject a budget revision"
	r, err := p.pendingRevision(a, action, c.RevisionID)
	if err != nil {
		return nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&BudgetRevisionRejected{ProjectID: p.id, RevisionID: r.ID, Reason: reason})
}

// pendingRevision is the shared check of the office's decisions: the office, a live approved
// project, an existing revision that is still pending.
func (p *Project) pendingRevision(a Actor, action string, id BudgetRevisionID) (BudgetRevision, error) {
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return BudgetRevision{}, err
	}
	if err := p.requireStatus(action, statusesApprovedToOperation...); err != nil {
		return BudgetRevision{}, err
	}
	i := p.revisionIndex(id)
	if i < 0 {
		return BudgetRevision{}, &NotFoundError{Entity: "budget revision", ID: string(id)}
	}
	r := p.revisions[i]
	if r.Status != RevisionPending {
		return BudgetRevision{}, &StateError{Entity: "budget revision " + string(id), Action: action,
			State: string(r.Status), Allowed: []string{string(RevisionPending)}}
	}
	return r, nil
}
