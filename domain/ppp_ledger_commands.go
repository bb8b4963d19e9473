package domain

import (
	"fmt"
	"time"
)

// OpenPPPLedger opens the fiscal affordability ledger of a region (stream PPPLedgerStreamID).
type OpenPPPLedger struct {
	Region RegionCode
}

// RecordPPPBudget records the general public budget of a year; replacing a recorded year needs a reason.
type RecordPPPBudget struct {
	Year   int // 2000..2099
	Budget Money
	Reason string // optional for a first record, required for a replacement
}

// SetPPPAffordabilityRule sets a cap on yearly PPP obligations as a share of the budget.
type SetPPPAffordabilityRule struct {
	CapBP           int  // 1..10000 basis points of the general public budget
	ValidFrom       Date // in force for every year whose January 1 is on or after it, until a later rule
	ReturnMechanism PPPReturnMechanism
	Basis           string // optional: the document that sets the rule
}

// StandardPPPAffordabilityRule is the Ministry of Finance's rule of 财金〔2015〕21号: the yearly
// PPP obligations of all arrangements may not exceed 10% of the general public budget, from 2015
// on. It is not implicit: a ledger caps nothing until the finance bureau (or the seed) sets it.
func StandardPPPAffordabilityRule() SetPPPAffordabilityRule {
	return SetPPPAffordabilityRule{
		CapBP: pppStandardCapBP, ValidFrom: Date{pppStandardRuleFromYr, time.January, 1}, Basis: pppStandardRuleBasis,
	}
}

// Open lets a finance bureau open a region's ledger on a zero PPPLedger; the bureau keeps it from
// then on. The region is one of the catalogue.
func (l *PPPLedger) Open(a Actor, c OpenPPPLedger) ([]Event, error) {
	const action = "open a PPP ledger"
	if err := a.require(action, RoleFinance); err != nil {
		return nil, err
	}
	if a.OrgID == "" {
		return nil, &ForbiddenError{Actor: a, Action: action, Reason: "the finance actor belongs to no organisation"}
	}
	if l.Exists() {
		return nil, &StateError{Entity: l.entity(), Action: action, State: "already opened"}
	}
	region, err := ParseRegion(string(c.Region))
	if err != nil {
		return nil, err
	}
	return l.record(&PPPLedgerOpened{Region: region.Code, FinanceOrg: a.OrgID})
}

// RecordBudget lets the keeping bureau record a year's general public budget. A record for a year
// already recorded replaces it: it needs a reason, and a lower budget may not put the year's
// reserved obligations above the cap.
func (l *PPPLedger) RecordBudget(a Actor, c RecordPPPBudget) ([]Event, error) {
	if err := l.authorize(a, "record a general public budget"); err != nil {
		return nil, err
	}
	reason, err := optionalText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	e := &PPPBudgetRecorded{Region: l.region, Year: c.Year, Budget: c.Budget, Reason: reason}
	if err := l.check(e); err != nil {
		return nil, err
	}
	return l.record(e)
}

// SetAffordabilityRule lets the keeping bureau set a cap. A rule for one return mechanism narrows
// the rule for all arrangements for that mechanism's later approvals; a rule for all arrangements
// may not put any year's reserved obligations above its cap. A rule of the same scope and
// valid-from date as an earlier one replaces it.
func (l *PPPLedger) SetAffordabilityRule(a Actor, c SetPPPAffordabilityRule) ([]Event, error) {
	if err := l.authorize(a, "set an affordability rule"); err != nil {
		return nil, err
	}
	basis, err := optionalText("basis", c.Basis, maxDocNoLen)
	if err != nil {
		return nil, err
	}
	e := &PPPAffordabilityRuleSet{Region: l.region, CapBP: c.CapBP, ValidFrom: c.ValidFrom, ReturnMechanism: c.ReturnMechanism, Basis: basis}
	if err := l.check(e); err != nil {
		return nil, err
	}
	return l.record(e)
}

// authorize refuses an actor who is not finance, a ledger never opened, and a finance actor of
// another bureau than the keeping one.
func (l *PPPLedger) authorize(a Actor, action string) error {
	if err := a.require(action, RoleFinance); err != nil {
		return err
	}
	if !l.Exists() {
		return &NotFoundError{Entity: "PPP ledger", ID: "(never opened)"}
	}
	return l.requireKeeper(a, action)
}

// requireKeeper refuses a finance actor of another bureau than the one keeping the ledger.
func (l *PPPLedger) requireKeeper(a Actor, action string) error {
	if a.OrgID == "" || a.OrgID != l.financeOrg {
		return &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("the %s is kept by organisation %s", l.entity(), l.financeOrg)}
	}
	return nil
}

// record applies freshly built events to the receiver and returns them for the caller to store.
func (l *PPPLedger) record(events ...Event) ([]Event, error) {
	for _, e := range events {
		if err := l.Apply(e); err != nil {
			return nil, fmt.Errorf("PPP ledger command built an inapplicable event: %w", err)
		}
	}
	return events, nil
}
