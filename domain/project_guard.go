package domain

import (
	"fmt"
	"slices"
)

// Checks every project command makes before it looks at values, in this order: the actor's role,
// that the project exists, that an owner acts for its own organisation, and the status.

// authorize refuses an actor without one of roles, a project that was never proposed, and an
// owner of another organisation.
func (p *Project) authorize(a Actor, action string, roles ...Role) error {
	if err := a.require(action, roles...); err != nil {
		return err
	}
	if !p.Exists() {
		return &NotFoundError{Entity: "project", ID: "(never proposed)"}
	}
	if a.Role == RoleOwner && (a.OrgID == "" || a.OrgID != p.ownerOrg) {
		return &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("project %s belongs to organisation %s", p.code, p.ownerOrg)}
	}
	return nil
}

// requireStatus refuses the action unless the project is in one of allowed.
func (p *Project) requireStatus(action string, allowed ...ProjectStatus) error {
	if slices.Contains(allowed, p.status) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return &StateError{Entity: p.entity(), Action: action, State: string(p.status), Allowed: names}
}

// entity names the project in messages.
func (p *Project) entity() string { return "project " + string(p.code) }

// record applies freshly built events to the receiver and returns them for the caller to store.
// Commands validate first, so Apply failing here is a bug in the command, reported as such.
func (p *Project) record(events ...Event) ([]Event, error) {
	for _, e := range events {
		if err := p.Apply(e); err != nil {
			return nil, fmt.Errorf("project command built an inapplicable event: %w", err)
		}
	}
	return events, nil
}
