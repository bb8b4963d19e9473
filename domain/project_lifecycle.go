package domain

// StartConstruction records the actual start of construction of an approved project.
type StartConstruction struct {
	StartedOn Date
	Today     Date
}

// RequestAcceptance asks the office for acceptance (验收); the summary is optional.
type RequestAcceptance struct {
	Summary string
}

// AcceptProject records the office's acceptance of the finished project.
type AcceptProject struct {
	AcceptedOn Date
	Conclusion string
	Today      Date
}

// RejectAcceptance refuses acceptance and sends the project back to construction.
type RejectAcceptance struct {
	Reason string
}

// StartOperation records that the accepted project went into operation.
type StartOperation struct {
	StartedOn Date
	Today     Date
}

// EvaluateProject records the office's post-operation evaluation (评估), score 0..100.
type EvaluateProject struct {
	EvaluatedOn Date
	Score       int
	Conclusion  string
	Today       Date
}

// StartConstruction lets the owner start an APPROVED project, on a date between approval and today.
func (p *Project) StartConstruction(a Actor, c StartConstruction) ([]Event, error) {
	const action = "start construction"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusApproved); err != nil {
		return nil, err
	}
	if err := checkPastDate("startedOn", c.StartedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("startedOn", c.StartedOn, p.approvedOn, "approval date"); err != nil {
		return nil, err
	}
	return p.record(&ConstructionStarted{ProjectID: p.id, StartedOn: c.StartedOn})
}

// RequestAcceptance lets the owner ask for acceptance of a project IN_CONSTRUCTION.
func (p *Project) RequestAcceptance(a Actor, c RequestAcceptance) ([]Event, error) {
	const action = "request acceptance"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusInConstruction); err != nil {
		return nil, err
	}
	summary, err := optionalText("summary", c.Summary, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&AcceptanceRequested{ProjectID: p.id, Summary: summary})
}

// Accept lets the office accept a project whose acceptance was requested.
func (p *Project) Accept(a Actor, c AcceptProject) ([]Event, error) {
	const action = "accept the project"
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusAcceptanceRequested); err != nil {
		return nil, err
	}
	if err := checkPastDate("acceptedOn", c.AcceptedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("acceptedOn", c.AcceptedOn, p.constructionStart, "construction start"); err != nil {
		return nil, err
	}
	conclusion, err := requireText("conclusion", c.Conclusion, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectAccepted{ProjectID: p.id, AcceptedOn: c.AcceptedOn, Conclusion: conclusion})
}

// RejectAcceptance lets the office refuse acceptance; the project goes back IN_CONSTRUCTION.
func (p *Project) RejectAcceptance(a Actor, c RejectAcceptance) ([]Event, error) {
	const action = "reject acceptance"
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusAcceptanceRequested); err != nil {
		return nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&AcceptanceRejected{ProjectID: p.id, Reason: reason})
}

// StartOperation lets the owner put an ACCEPTED project into operation, not before acceptance.
func (p *Project) StartOperation(a Actor, c StartOperation) ([]Event, error) {
	const action = "start operation"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusAccepted); err != nil {
		return nil, err
	}
	if err := checkPastDate("startedOn", c.StartedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("startedOn", c.StartedOn, p.acceptedOn, "acceptance date"); err != nil {
		return nil, err
	}
	return p.record(&OperationStarted{ProjectID: p.id, StartedOn: c.StartedOn})
}

// Evaluate lets the office evaluate a project IN_OPERATION; the project is then closed.
func (p *Project) Evaluate(a Actor, c EvaluateProject) ([]Event, error) {
	const action = "evaluate the project"
	if err := p.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, StatusInOperation); err != nil {
		return nil, err
	}
	if err := checkPastDate("evaluatedOn", c.EvaluatedOn, c.Today); err != nil {
		return nil, err
	}
	if err := checkNotBefore("evaluatedOn", c.EvaluatedOn, p.operationStart, "operation start"); err != nil {
		return nil, err
	}
	if err := checkRange("score", c.Score, 0, maxScore); err != nil {
		return nil, err
	}
	conclusion, err := requireText("conclusion", c.Conclusion, maxTextLen)
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectEvaluated{
		ProjectID: p.id, EvaluatedOn: c.EvaluatedOn, Score: c.Score, Conclusion: conclusion,
	})
}
