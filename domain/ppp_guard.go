package domain

import (
	"fmt"
	"slices"
)

// Checks every arrangement command makes before it looks at values, in this order: the actor's
// role, that the arrangement exists, that an owner acts for the project's organisation and a
// finance actor for the bureau that approves the arrangement, and the stage.

// authorize refuses an actor without one of roles, an arrangement never identified, an owner of
// another organisation, and a finance actor of another bureau than the one that passed the
// identification gate (before it, any finance actor of some bureau).
func (x *PPPArrangement) authorize(a Actor, action string, roles ...Role) error {
	if err := a.require(action, roles...); err != nil {
		return err
	}
	if !x.Exists() {
		return &NotFoundError{Entity: "PPP arrangement", ID: "(never identified)"}
	}
	switch a.Role {
	case RoleOwner:
		if a.OrgID == "" || a.OrgID != x.ownerOrg {
			return &ForbiddenError{Actor: a, Action: action,
				Reason: fmt.Sprintf("project %s belongs to organisation %s", x.projectCode, x.ownerOrg)}
		}
	case RoleFinance:
		if a.OrgID == "" {
			return &ForbiddenError{Actor: a, Action: action, Reason: "the finance actor belongs to no organisation"}
		}
		if x.financeOrg != "" && a.OrgID != x.financeOrg {
			return &ForbiddenError{Actor: a, Action: action,
				Reason: fmt.Sprintf("the %s is approved by the finance bureau %s", x.entity(), x.financeOrg)}
		}
	}
	return nil
}

// requireStage refuses the action unless the arrangement is in one of allowed.
func (x *PPPArrangement) requireStage(action string, allowed ...PPPStage) error {
	if slices.Contains(allowed, x.stage) {
		return nil
	}
	names := make([]string, len(allowed))
	for i, s := range allowed {
		names[i] = string(s)
	}
	return &StateError{Entity: x.entity(), Action: action, State: "in stage " + string(x.stage), Allowed: names}
}

// act is the check of a command within one stage: role, organisation and stage.
func (x *PPPArrangement) act(a Actor, action string, stage PPPStage, roles ...Role) error {
	if err := x.authorize(a, action, roles...); err != nil {
		return err
	}
	return x.requireStage(action, stage)
}

// checkStepDate refuses a date that is not a past date or lies before the current stage began.
func (x *PPPArrangement) checkStepDate(field string, d, today Date) error {
	if err := checkPastDate(field, d, today); err != nil {
		return err
	}
	return checkNotBefore(field, d, x.stageSince, "start of stage "+string(x.stage)+" on")
}

// record applies freshly built events to the receiver and returns them for the caller to store.
// Commands validate first, so Apply failing here is a bug in the command, reported as such.
func (x *PPPArrangement) record(events ...Event) ([]Event, error) {
	for _, e := range events {
		if err := x.Apply(e); err != nil {
			return nil, fmt.Errorf("PPP arrangement command built an inapplicable event: %w", err)
		}
	}
	return events, nil
}

// commitPPP checks the arrangement's event and the ledger's event (nil for none) against their
// receivers, and only when both fit applies them, so that a refusal leaves both untouched.
func commitPPP(x *PPPArrangement, l *PPPLedger, arrEvent, ledgerEvent Event) (arrEvents, ledgerEvents []Event, err error) {
	if err := x.checkApplicable(arrEvent); err != nil {
		return nil, nil, fmt.Errorf("PPP command built an inapplicable arrangement event: %w", err)
	}
	if ledgerEvent != nil {
		// The ledger's own rules (budget recorded, rule in force, within the cap) are the caller's
		// business errors: they come back unwrapped, naming the figures.
		if err := l.check(ledgerEvent); err != nil {
			return nil, nil, err
		}
	}
	if arrEvents, err = x.record(arrEvent); err != nil {
		return nil, nil, err
	}
	if ledgerEvent == nil {
		return arrEvents, nil, nil
	}
	if ledgerEvents, err = l.record(ledgerEvent); err != nil {
		return nil, nil, err
	}
	return arrEvents, ledgerEvents, nil
}
