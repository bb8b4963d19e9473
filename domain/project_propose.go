package domain

// ProjectDetails are the fields an owner proposes and may revise until approval.
type ProjectDetails struct {
	Name              string
	Domain            ProjectDomain
	Region            RegionCode
	Description       string // optional
	PlannedInvestment Money  // planned total investment
	Funding           FundingPlan
	PlannedStart      Date
	PlannedEnd        Date
}

// ProposeProject creates a project. The id is minted by the caller (NewProjectID).
type ProposeProject struct {
	ID   ProjectID
	Code ProjectCode
	ProjectDetails
}

// ReviseProject replaces all of a proposed or returned project's details.
type ReviseProject struct {
	ProjectDetails
}

// Propose creates the project on a zero Project, owned by the proposing owner's organisation.
// The caller also stores ClaimProjectCode of the returned event in the code's own stream.
func (p *Project) Propose(a Actor, c ProposeProject) ([]Event, error) {
	const action = "propose a project"
	if err := a.require(action, RoleOwner); err != nil {
		return nil, err
	}
	if a.OrgID == "" {
		return nil, &ForbiddenError{Actor: a, Action: action, Reason: "the owner belongs to no organisation"}
	}
	if p.Exists() {
		return nil, &StateError{Entity: p.entity(), Action: action, State: "already proposed"}
	}
	if err := checkID("id", string(c.ID)); err != nil {
		return nil, err
	}
	code, err := ParseProjectCode(string(c.Code))
	if err != nil {
		return nil, err
	}
	d, err := c.ProjectDetails.normalized()
	if err != nil {
		return nil, err
	}
	return p.record(&ProjectProposed{
		ProjectID: c.ID, Code: code, OwnerOrg: a.OrgID,
		Name: d.Name, Domain: d.Domain, Region: d.Region, Description: d.Description,
		PlannedInvestment: d.PlannedInvestment, Funding: d.Funding,
		PlannedStart: d.PlannedStart, PlannedEnd: d.PlannedEnd,
	})
}

// Revise lets the owner change the project's details while it is PROPOSED or RETURNED.
func (p *Project) Revise(a Actor, c ReviseProject) ([]Event, error) {
	const action = "revise the project"
	if err := p.authorize(a, action, RoleOwner); err != nil {
		return nil, err
	}
	if err := p.requireStatus(action, statusesEditable...); err != nil {
		return nil, err
	}
	d, err := c.ProjectDetails.normalized()
	if err != nil {
		return nil, err
	}
	if d == p.details() {
		return nil, invalid("project", "the revision changes nothing")
	}
	return p.record(&ProjectRevised{
		ProjectID: p.id,
		Name:      d.Name, Domain: d.Domain, Region: d.Region, Description: d.Description,
		PlannedInvestment: d.PlannedInvestment, Funding: d.Funding,
		PlannedStart: d.PlannedStart, PlannedEnd: d.PlannedEnd,
	})
}

// details are the project's current revisable fields.
func (p *Project) details() ProjectDetails {
	return ProjectDetails{
		Name: p.name, Domain: p.domain, Region: p.region, Description: p.description,
		PlannedInvestment: p.plannedInvestment, Funding: p.funding,
		PlannedStart: p.plannedStart, PlannedEnd: p.plannedEnd,
	}
}

// normalized validates the details and returns them with text trimmed.
func (d ProjectDetails) normalized() (ProjectDetails, error) {
	var err error
	if d.Name, err = requireText("name", d.Name, maxNameLen); err != nil {
		return d, err
	}
	if d.Description, err = optionalText("description", d.Description, maxTextLen); err != nil {
		return d, err
	}
	if d.Domain, err = ParseProjectDomain(string(d.Domain)); err != nil {
		return d, err
	}
	region, err := ParseRegion(string(d.Region))
	if err != nil {
		return d, err
	}
	d.Region = region.Code
	if err = checkAmount("plannedInvestment", d.PlannedInvestment); err != nil {
		return d, err
	}
	if err = d.Funding.check(d.PlannedInvestment); err != nil {
		return d, err
	}
	if err = checkDate("plannedStart", d.PlannedStart); err != nil {
		return d, err
	}
	if err = checkDate("plannedEnd", d.PlannedEnd); err != nil {
		return d, err
	}
	if err = checkNotBefore("plannedEnd", d.PlannedEnd, d.PlannedStart, "planned start"); err != nil {
		return d, err
	}
	return d, nil
}
