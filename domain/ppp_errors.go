package domain

import "fmt"

// PPPAffordabilityError says that an arrangement's obligation for a year does not fit under the
// region's cap: it carries every figure of the comparison so that the caller can show them.
// It wraps ErrState: what refuses the approval is the ledger's state (budget, rules and other
// arrangements' reservations), not a value the approver typed.
type PPPAffordabilityError struct {
	Region   RegionCode
	Year     int
	Budget   Money                // the general public budget of the year
	Existing Money                // obligations already reserved for the year by other arrangements
	Amount   Money                // this arrangement's obligation for the year
	Cap      Money                // the cap the rule sets
	Rule     PPPAffordabilityRule // the rule in force for this arrangement in the year
}

func (e *PPPAffordabilityError) Error() string {
	total := e.Existing + e.Amount
	return fmt.Sprintf("fiscal affordability of %s in %d: obligations of %s yuan already reserved plus %s yuan of this arrangement "+
		"make %s yuan, %s of the general public budget of %s yuan, above the cap of %s yuan (%s)",
		pppLedgerName(e.Region), e.Year, e.Existing, e.Amount, total, formatBP(ratioBPUp(total, e.Budget)), e.Budget,
		e.Cap, e.Rule.describe())
}

// Unwrap makes errors.Is(err, ErrState) hold.
func (e *PPPAffordabilityError) Unwrap() error { return ErrState }
