package domain

// ApplicationRequest is what an owner asks a fund for; it may be revised while DRAFT or RETURNED.
type ApplicationRequest struct {
	SupportMode     SupportMode
	RequestedAmount Money
	Justification   string
}

// DraftApplication starts an application; the id is minted by the caller (NewApplicationID).
type DraftApplication struct {
	ID ApplicationID
	ApplicationRequest
}

// ReviseApplication replaces the whole request of a draft or returned application.
type ReviseApplication struct {
	ApplicationRequest
}

// SubmitApplication submits a draft; it carries no data.
type SubmitApplication struct{}

// ResubmitApplication submits a returned application again; it carries no data.
type ResubmitApplication struct{}

// WithdrawApplication withdraws an application before a decision; the reason is optional.
type WithdrawApplication struct {
	Reason string
}

// Draft creates the application on a zero FundingApplication. The caller loads and passes the
// project and the fund: the project must belong to the owner's organisation and be approved and
// not yet evaluated, suspended or closed; the fund must be open and allow the support mode, and
// the amount may not exceed its pool.
func (x *FundingApplication) Draft(a Actor, project *Project, fund *Fund, c DraftApplication) ([]Event, error) {
	const action = "draft a funding application"
	if err := a.require(action, RoleOwner); err != nil {
		return nil, err
	}
	if a.OrgID == "" {
		return nil, &ForbiddenError{Actor: a, Action: action, Reason: "the owner belongs to no organisation"}
	}
	if x.Exists() {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "already drafted"}
	}
	if err := checkID("id", string(c.ID)); err != nil {
		return nil, err
	}
	if project == nil || !project.Exists() {
		return nil, &NotFoundError{Entity: "project", ID: "(not given)"}
	}
	if project.OwnerOrg() != a.OrgID {
		return nil, &ForbiddenError{Actor: a, Action: action,
			Reason: "project " + string(project.Code()) + " belongs to organisation " + project.OwnerOrg()}
	}
	if err := requireProjectStatus(project, action, projectStatusesFundable); err != nil {
		return nil, err
	}
	r, err := c.ApplicationRequest.normalized(fund, action)
	if err != nil {
		return nil, err
	}
	return x.record(&ApplicationDrafted{
		ApplicationID: c.ID, FundID: fund.ID(), ProjectID: project.ID(), OwnerOrg: a.OrgID, ManagingOrg: fund.ManagingOrg(),
		SupportMode: r.SupportMode, RequestedAmount: r.RequestedAmount, Justification: r.Justification,
	})
}

// Revise lets the owner change the request while DRAFT or RETURNED, against the same fund, which
// must still be open.
func (x *FundingApplication) Revise(a Actor, fund *Fund, c ReviseApplication) ([]Event, error) {
	const action = "revise the funding application"
	if err := x.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, appStatusesEditable...); err != nil {
		return nil, err
	}
	if err := x.requireFund(fund); err != nil {
		return nil, err
	}
	r, err := c.ApplicationRequest.normalized(fund, action)
	if err != nil {
		return nil, err
	}
	if r == x.request() {
		return nil, invalid("application", "the revision changes nothing")
	}
	return x.record(&ApplicationRevised{
		ApplicationID: x.id, SupportMode: r.SupportMode, RequestedAmount: r.RequestedAmount, Justification: r.Justification,
	})
}

// Submit lets the owner submit a DRAFT; it opens round 1 and waits for the office's screening.
func (x *FundingApplication) Submit(a Actor, _ SubmitApplication) ([]Event, error) {
	const action = "submit the funding application"
	if err := x.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, AppDraft); err != nil {
		return nil, err
	}
	return x.record(&ApplicationSubmitted{ApplicationID: x.id, Round: x.round + 1})
}

// Resubmit lets the owner submit a RETURNED application again. It opens a new round: screening,
// expert assignment and scoring start afresh.
func (x *FundingApplication) Resubmit(a Actor, _ ResubmitApplication) ([]Event, error) {
	const action = "resubmit the funding application"
	if err := x.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, AppReturned); err != nil {
		return nil, err
	}
	return x.record(&ApplicationSubmitted{ApplicationID: x.id, Round: x.round + 1})
}

// Withdraw lets the owner withdraw the application at any time before a decision (DRAFT,
// SUBMITTED, SCREENED, UNDER_EXPERT_REVIEW, RETURNED).
func (x *FundingApplication) Withdraw(a Actor, c WithdrawApplication) ([]Event, error) {
	const action = "withdraw the funding application"
	if err := x.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, appStatusesPending...); err != nil {
		return nil, err
	}
	reason, err := optionalText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&ApplicationWithdrawn{ApplicationID: x.id, PreviousStatus: x.status, Reason: reason})
}

// request is the application's current request.
func (x *FundingApplication) request() ApplicationRequest {
	return ApplicationRequest{SupportMode: x.supportMode, RequestedAmount: x.requested, Justification: x.justification}
}

// normalized checks the request against the fund and returns it with text trimmed.
func (r ApplicationRequest) normalized(fund *Fund, action string) (ApplicationRequest, error) {
	if fund == nil || !fund.Exists() {
		return r, &NotFoundError{Entity: "fund", ID: "(not given)"}
	}
	if err := fund.requireOpen(action); err != nil {
		return r, err
	}
	mode, err := ParseSupportMode(string(r.SupportMode))
	if err != nil {
		return r, err
	}
	if !fund.Allows(mode) {
		return r, invalid("supportMode", "%s is not allowed by %s (allowed: %s)", mode, fund.entity(), modeNames(fund.modes))
	}
	r.SupportMode = mode
	if err := checkAmount("requestedAmount", r.RequestedAmount); err != nil {
		return r, err
	}
	if r.RequestedAmount > fund.Pool() {
		return r, invalid("requestedAmount", "requesting %s yuan exceeds the %s yuan pool of %s",
			r.RequestedAmount, fund.Pool(), fund.entity())
	}
	if r.Justification, err = requireText("justification", r.Justification, maxTextLen); err != nil {
		return r, err
	}
	return r, nil
}
