package domain

import (
	"fmt"
	"slices"
)

// EstablishFund sets up a fund; the id is minted by the caller (NewFundID). The managing bureau
// is the establishing finance actor's organisation.
type EstablishFund struct {
	ID           FundID
	Name         string
	Kind         FundKind
	FiscalYear   int // 2000..2099
	Pool         Money
	SupportModes []SupportMode // at least one, no duplicates
}

// TopUpFund adds money to the pool; the note (e.g. the budget document) is optional.
type TopUpFund struct {
	Amount Money
	Note   string
}

// CloseFund closes the fund to new reservations.
type CloseFund struct {
	Reason string
}

// Establish lets a finance bureau set up a fund on a zero Fund.
func (f *Fund) Establish(a Actor, c EstablishFund) ([]Event, error) {
	const action = "establish a fund"
	if err := a.require(action, RoleFinance); err != nil {
		return nil, err
	}
	if a.OrgID == "" {
		return nil, &ForbiddenError{Actor: a, Action: action, Reason: "the finance actor belongs to no organisation"}
	}
	if f.Exists() {
		return nil, &StateError{Entity: f.entity(), Action: action, State: "already established"}
	}
	if err := checkID("id", string(c.ID)); err != nil {
		return nil, err
	}
	name, err := requireText("name", c.Name, maxNameLen)
	if err != nil {
		return nil, err
	}
	kind, err := ParseFundKind(string(c.Kind))
	if err != nil {
		return nil, err
	}
	if err := checkRange("fiscalYear", c.FiscalYear, minFiscalYear, maxFiscalYear); err != nil {
		return nil, err
	}
	if err := checkAmount("pool", c.Pool); err != nil {
		return nil, err
	}
	modes, err := parseSupportModes(c.SupportModes)
	if err != nil {
		return nil, err
	}
	return f.record(&FundEstablished{
		FundID: c.ID, Name: name, Kind: kind, FiscalYear: c.FiscalYear, Pool: c.Pool,
		ManagingOrg: a.OrgID, SupportModes: modes,
	})
}

// TopUp lets the managing finance bureau add money to an open fund, the pool staying within MaxMoney.
func (f *Fund) TopUp(a Actor, c TopUpFund) ([]Event, error) {
	const action = "top up the fund"
	if err := f.authorize(a, action); err != nil {
		return nil, err
	}
	if err := f.requireOpen(action); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	e := &FundToppedUp{FundID: f.id, Amount: c.Amount, Note: note}
	if err := f.check(e); err != nil {
		return nil, err
	}
	return f.record(e)
}

// Close lets the managing finance bureau close an open fund. Money already reserved can still be
// disbursed or released, and disbursed money recovered; nothing new is reserved.
func (f *Fund) Close(a Actor, c CloseFund) ([]Event, error) {
	const action = "close the fund"
	if err := f.authorize(a, action); err != nil {
		return nil, err
	}
	if err := f.requireOpen(action); err != nil {
		return nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return f.record(&FundClosed{FundID: f.id, Reason: reason})
}

// authorize refuses an actor who is not finance, a fund never established, and a finance actor
// of another bureau than the managing one.
func (f *Fund) authorize(a Actor, action string) error {
	if err := a.require(action, RoleFinance); err != nil {
		return err
	}
	if !f.Exists() {
		return &NotFoundError{Entity: "fund", ID: "(never established)"}
	}
	if a.OrgID == "" || a.OrgID != f.managingOrg {
		return &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("%s is managed by organisation %s", f.entity(), f.managingOrg)}
	}
	return nil
}

// requireOpen refuses the action on a closed fund.
func (f *Fund) requireOpen(action string) error {
	if f.status == FundStatusOpen {
		return nil
	}
	return &StateError{Entity: f.entity(), Action: action, State: string(f.status), Allowed: []string{string(FundStatusOpen)}}
}

// record applies freshly built events to the receiver and returns them for the caller to store.
func (f *Fund) record(events ...Event) ([]Event, error) {
	for _, e := range events {
		if err := f.Apply(e); err != nil {
			return nil, fmt.Errorf("fund command built an inapplicable event: %w", err)
		}
	}
	return events, nil
}

// parseSupportModes accepts a non-empty list of known support modes without duplicates.
func parseSupportModes(in []SupportMode) ([]SupportMode, error) {
	if len(in) == 0 {
		return nil, invalid("supportModes", "at least one support mode is required")
	}
	out := make([]SupportMode, 0, len(in))
	for _, m := range in {
		mode, err := parseEnum("supportModes", string(m), SupportModes())
		if err != nil {
			return nil, err
		}
		if slices.Contains(out, mode) {
			return nil, invalid("supportModes", "%s is listed twice", mode)
		}
		out = append(out, mode)
	}
	return out, nil
}
