package domain

import (
	"fmt"
	"slices"
)

// ReplayFund rebuilds a fund from its stream, oldest event first. An empty stream gives a fund
// that does not exist yet (Exists is false), ready for Establish.
func ReplayFund(events []Event) (*Fund, error) {
	f := &Fund{}
	for _, e := range events {
		if err := f.Apply(e); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// Apply changes the fund by one event of its stream and counts the version. It is the only place
// fund state changes. It refuses, leaving the fund unchanged, an event of another fund and any
// event that would break the split available + reserved + disbursed = pool (a corrupt stream).
func (f *Fund) Apply(e Event) error {
	if err := f.check(e); err != nil {
		return fmt.Errorf("apply %s to fund %s at version %d: %w", eventName(e), f.id, f.version, err)
	}
	switch e := e.(type) {
	case *FundEstablished:
		f.id, f.name, f.kind, f.fiscalYear = e.FundID, e.Name, e.Kind, e.FiscalYear
		f.pool, f.managingOrg, f.modes = e.Pool, e.ManagingOrg, slices.Clone(e.SupportModes)
		f.status = FundStatusOpen
		f.allocations = map[ApplicationID]FundAllocation{}
	case *FundToppedUp:
		f.pool += e.Amount
	case *FundClosed:
		f.status, f.closeReason = FundStatusClosed, e.Reason
	case *FundMoneyReserved:
		f.allocations[e.ApplicationID] = FundAllocation{ApplicationID: e.ApplicationID, Reserved: e.Amount}
		f.reserved += e.Amount
	case *FundMoneyDisbursed:
		a := f.allocations[e.ApplicationID]
		a.Disbursed += e.Amount
		f.allocations[e.ApplicationID] = a
		f.reserved -= e.Amount
		f.disbursed += e.Amount
	case *FundMoneyRecovered:
		a := f.allocations[e.ApplicationID]
		a.Recovered += e.Amount
		f.allocations[e.ApplicationID] = a
		f.disbursed -= e.Amount
		f.recovered += e.Amount
	case *FundReservationReleased:
		a := f.allocations[e.ApplicationID]
		a.Released += e.Amount
		f.allocations[e.ApplicationID] = a
		f.reserved -= e.Amount
	}
	f.version++
	return nil
}

// check vets an event before Apply touches anything. Commands and the cross-aggregate functions
// call it too, so that the money rules live in one place and their errors (which name the figures
// in yuan) reach the caller unwrapped.
func (f *Fund) check(e Event) error {
	if isNilEvent(e) {
		return fmt.Errorf("nil event")
	}
	if est, ok := e.(*FundEstablished); ok {
		if f.version != 0 {
			return fmt.Errorf("fund already established")
		}
		if est.FundID == "" {
			return fmt.Errorf("no fund id")
		}
		return nil
	}
	if f.version == 0 {
		return fmt.Errorf("stream does not start with FundEstablished")
	}
	fe, ok := e.(FundEvent)
	if !ok {
		return fmt.Errorf("not a fund event")
	}
	if id := fe.ForFund(); id != f.id {
		return fmt.Errorf("event belongs to fund %s", id)
	}
	switch e := e.(type) {
	case *FundToppedUp:
		if err := checkAmount("amount", e.Amount); err != nil {
			return err
		}
		if f.pool+e.Amount > MaxMoney {
			return invalid("amount", "topping up %s yuan would bring the pool of %s to %s yuan, above the maximum of %s yuan",
				e.Amount, f.entity(), f.pool+e.Amount, MaxMoney)
		}
	case *FundMoneyReserved:
		return f.checkReserve(e.ApplicationID, e.Amount)
	case *FundMoneyDisbursed:
		return f.checkTakeFromReservation("disbursing", e.ApplicationID, e.Amount)
	case *FundReservationReleased:
		return f.checkTakeFromReservation("releasing", e.ApplicationID, e.Amount)
	case *FundMoneyRecovered:
		a, err := f.allocationFor("recover money", e.ApplicationID, e.Amount)
		if err != nil {
			return err
		}
		if e.Amount > a.NetDisbursed() {
			return invalid("amount", "recovering %s yuan exceeds the %s yuan disbursed to application %s from %s and not yet recovered",
				e.Amount, a.NetDisbursed(), e.ApplicationID, f.entity())
		}
	}
	return nil
}

// checkReserve allows a first reservation for an application in an open fund, within the money available.
func (f *Fund) checkReserve(app ApplicationID, amount Money) error {
	if f.status != FundStatusOpen {
		return &StateError{Entity: f.entity(), Action: "reserve money", State: string(f.status), Allowed: []string{string(FundStatusOpen)}}
	}
	if app == "" {
		return invalid("applicationId", "is required")
	}
	if _, dup := f.allocations[app]; dup {
		return &StateError{Entity: f.entity(), Action: "reserve money",
			State: fmt.Sprintf("already holding a reservation for application %s", app)}
	}
	if err := checkAmount("amount", amount); err != nil {
		return err
	}
	if amount > f.Available() {
		return invalid("amount", "reserving %s yuan exceeds the %s yuan available in %s", amount, f.Available(), f.entity())
	}
	return nil
}

// checkTakeFromReservation allows a payment or a release within what is still reserved for the application.
func (f *Fund) checkTakeFromReservation(verb string, app ApplicationID, amount Money) error {
	a, err := f.allocationFor("take money from a reservation", app, amount)
	if err != nil {
		return err
	}
	if amount > a.Outstanding() {
		return invalid("amount", "%s %s yuan exceeds the %s yuan still reserved for application %s in %s",
			verb, amount, a.Outstanding(), app, f.entity())
	}
	return nil
}

// allocationFor finds the application's allocation for a movement of a positive amount.
func (f *Fund) allocationFor(action string, app ApplicationID, amount Money) (FundAllocation, error) {
	a, ok := f.allocations[app]
	if !ok {
		return a, &StateError{Entity: f.entity(), Action: action,
			State: fmt.Sprintf("holding no reservation for application %s", app)}
	}
	return a, checkAmount("amount", amount)
}
