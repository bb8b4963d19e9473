package domain

import (
	"fmt"
	"slices"
	"strings"
)

// Checks every application command makes before it looks at values, in this order: the actor's
// role, that the application exists, that an owner acts for the applying organisation and a
// finance actor for the fund's managing bureau, and the status.

// authorize refuses an actor without one of roles, an application never drafted, an owner of
// another organisation and a finance actor of another bureau.
func (x *FundingApplication) authorize(a Actor, action string, roles ...Role) error {
	if err := a.require(action, roles...); err != nil {
		return err
	}
	if !x.Exists() {
		return &NotFoundError{Entity: "funding application", ID: "(never drafted)"}
	}
	switch a.Role {
	case RoleOwner:
		if a.OrgID == "" || a.OrgID != x.ownerOrg {
			return &ForbiddenError{Actor: a, Action: action,
				Reason: fmt.Sprintf("the application belongs to organisation %s", x.ownerOrg)}
		}
	case RoleFinance:
		if a.OrgID == "" || a.OrgID != x.managingOrg {
			return &ForbiddenError{Actor: a, Action: action,
				Reason: fmt.Sprintf("the application is decided by the fund's managing bureau %s", x.managingOrg)}
		}
	}
	return nil
}

// requireStatus refuses the action unless the application is in one of allowed.
func (x *FundingApplication) requireStatus(action string, allowed ...ApplicationStatus) error {
	if slices.Contains(allowed, x.status) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return &StateError{Entity: x.entity(), Action: action, State: string(x.status), Allowed: names}
}

// requireFund refuses a fund that is missing or is not the one applied to.
func (x *FundingApplication) requireFund(f *Fund) error {
	if f == nil || !f.Exists() {
		return &NotFoundError{Entity: "fund", ID: string(x.fundID)}
	}
	if f.ID() != x.fundID {
		return invalid("fund", "the application is to fund %s, not %s", x.fundID, f.ID())
	}
	return nil
}

// requireProject refuses a project that is missing or is not the one applying.
func (x *FundingApplication) requireProject(p *Project) error {
	if p == nil || !p.Exists() {
		return &NotFoundError{Entity: "project", ID: string(x.projectID)}
	}
	if p.ID() != x.projectID {
		return invalid("project", "the application is of project %s, not %s", x.projectID, p.ID())
	}
	return nil
}

// requireProjectStatus refuses a project whose status does not allow the action.
func requireProjectStatus(p *Project, action string, allowed []ProjectStatus) error {
	if slices.Contains(allowed, p.Status()) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return &StateError{Entity: p.entity(), Action: action, State: string(p.Status()), Allowed: names}
}

// record applies freshly built events to the receiver and returns them for the caller to store.
// Commands validate first, so Apply failing here is a bug in the command, reported as such.
func (x *FundingApplication) record(events ...Event) ([]Event, error) {
	for _, e := range events {
		if err := x.Apply(e); err != nil {
			return nil, fmt.Errorf("funding application command built an inapplicable event: %w", err)
		}
	}
	return events, nil
}

// modeNames lists support modes for messages.
func modeNames(ms []SupportMode) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = string(m)
	}
	return strings.Join(names, ", ")
}
