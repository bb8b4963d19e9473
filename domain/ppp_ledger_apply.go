package domain

import (
	"fmt"
	"slices"
)

// ReplayPPPLedger rebuilds a region's ledger from its stream, oldest event first. An empty stream
// gives a ledger that does not exist yet (Exists is false), ready for Open.
func ReplayPPPLedger(events []Event) (*PPPLedger, error) {
	l := &PPPLedger{}
	for _, e := range events {
		if err := l.Apply(e); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// Apply changes the ledger by one event of its stream and counts the version. It is the only
// place ledger state changes. It refuses, leaving the ledger unchanged, an event of another region
// and any event that would put a year's obligations above the cap (a corrupt stream).
func (l *PPPLedger) Apply(e Event) error {
	if err := l.check(e); err != nil {
		return fmt.Errorf("apply %s to %s at version %d: %w", eventName(e), l.entity(), l.version, err)
	}
	switch e := e.(type) {
	case *PPPLedgerOpened:
		l.region, l.financeOrg = e.Region, e.FinanceOrg
		l.budgets = map[int]PPPBudget{}
		l.reservations = map[PPPArrangementID]PPPReservation{}
		l.obligations = map[int]Money{}
	case *PPPBudgetRecorded:
		b, replaced := l.budgets[e.Year]
		b.Year, b.Amount, b.Reason = e.Year, e.Budget, e.Reason
		if replaced {
			b.Revisions++
		}
		l.budgets[e.Year] = b
	case *PPPAffordabilityRuleSet:
		l.rules = withRule(l.rules, ruleOf(e))
	case *PPPObligationsReserved:
		l.reservations[e.ArrangementID] = PPPReservation{
			ArrangementID: e.ArrangementID, ReturnMechanism: e.ReturnMechanism,
			Obligations: slices.Clone(e.Obligations), ReservedOn: e.ReservedOn,
		}
		for _, y := range e.Obligations {
			l.obligations[y.Year] += y.Amount
		}
	case *PPPReservationReleased:
		r := l.reservations[e.ArrangementID]
		r.Released, r.ReleasedOn, r.ReleaseReason = true, e.ReleasedOn, e.Reason
		l.reservations[e.ArrangementID] = r
		for _, y := range e.Obligations {
			if l.obligations[y.Year] -= y.Amount; l.obligations[y.Year] == 0 {
				delete(l.obligations, y.Year)
			}
		}
	}
	l.version++
	return nil
}

// check vets an event before Apply touches anything. Commands and the cross-aggregate functions
// call it too, so that the affordability rules live in one place and their errors (which name the
// figures in yuan and percent) reach the caller unwrapped.
func (l *PPPLedger) check(e Event) error {
	if isNilEvent(e) {
		return fmt.Errorf("nil event")
	}
	if o, ok := e.(*PPPLedgerOpened); ok {
		if l.version != 0 {
			return &StateError{Entity: l.entity(), Action: "open the ledger", State: "already opened"}
		}
		if o.Region == "" || o.FinanceOrg == "" {
			return fmt.Errorf("no region or no finance bureau")
		}
		return nil
	}
	if l.version == 0 {
		return fmt.Errorf("stream does not start with PPPLedgerOpened")
	}
	le, ok := e.(PPPLedgerEvent)
	if !ok {
		return fmt.Errorf("not a PPP ledger event")
	}
	if r := le.ForRegion(); r != l.region {
		return fmt.Errorf("event belongs to the ledger of region %s", r)
	}
	switch e := e.(type) {
	case *PPPBudgetRecorded:
		return l.checkBudget(e)
	case *PPPAffordabilityRuleSet:
		return l.checkRule(e)
	case *PPPObligationsReserved:
		return l.checkReserve(e)
	case *PPPReservationReleased:
		return l.checkRelease(e)
	}
	return nil
}
