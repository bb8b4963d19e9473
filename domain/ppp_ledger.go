package domain

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// PPPLedger is a region's fiscal affordability ledger (财政承受能力): one event stream per region
// holding the general public budget of each year, the affordability rules, and the yearly
// obligations reserved by the region's PPP arrangements when they pass the preparation gate. Its
// invariant: in no year do the obligations exceed the cap of the rule for all arrangements.
//
// A PPPLedger is loaded with ReplayPPPLedger and changed only through Open, RecordBudget and
// SetAffordabilityRule, and through ApprovePreparation and CancelPPPArrangement; fields are read
// through accessors and the yearly queries.
type PPPLedger struct {
	region       RegionCode
	financeOrg   string
	budgets      map[int]PPPBudget
	rules        []PPPAffordabilityRule // one per scope and valid-from date, in recording order
	reservations map[PPPArrangementID]PPPReservation
	obligations  map[int]Money // reserved and not released, per year

	version int
}

// PPPBudget is the general public budget of a year; Revisions counts the replacements and Reason
// is the latest replacement's.
type PPPBudget struct {
	Year      int
	Amount    Money
	Revisions int
	Reason    string
}

// PPPAffordabilityRule caps the yearly PPP obligations at CapBP of the general public budget for
// the years from ValidFrom on. An empty ReturnMechanism is the rule for all arrangements.
type PPPAffordabilityRule struct {
	CapBP           int
	ValidFrom       Date
	ReturnMechanism PPPReturnMechanism
	Basis           string
}

// PPPReservation is the ledger's view of one arrangement's obligations.
type PPPReservation struct {
	ArrangementID   PPPArrangementID
	ReturnMechanism PPPReturnMechanism
	Obligations     []PPPYearAmount
	ReservedOn      Date
	Released        bool
	ReleasedOn      Date
	ReleaseReason   string
}

// Region is the region the ledger belongs to.
func (l *PPPLedger) Region() RegionCode { return l.region }

// Exists reports whether the ledger has been opened (its stream is not empty).
func (l *PPPLedger) Exists() bool { return l.version > 0 }

// Version is the number of events applied, i.e. the stream version to expect when appending.
func (l *PPPLedger) Version() int { return l.version }

// FinanceOrg is the finance bureau that keeps the ledger and approves the region's affordability gates.
func (l *PPPLedger) FinanceOrg() string { return l.financeOrg }

// Budget is the general public budget recorded for a year; ok is false when none is.
func (l *PPPLedger) Budget(year int) (Money, bool) {
	b, ok := l.budgets[year]
	return b.Amount, ok
}

// Budgets lists the recorded budgets in year order.
func (l *PPPLedger) Budgets() []PPPBudget {
	out := slices.Collect(maps.Values(l.budgets))
	slices.SortFunc(out, func(a, b PPPBudget) int { return a.Year - b.Year })
	return out
}

// Rules lists the affordability rules in recording order.
func (l *PPPLedger) Rules() []PPPAffordabilityRule { return slices.Clone(l.rules) }

// Obligations is the total of the obligations reserved for a year and not released.
func (l *PPPLedger) Obligations(year int) Money { return l.obligations[year] }

// ObligationYears lists the years with reserved obligations, in order.
func (l *PPPLedger) ObligationYears() []int {
	var out []int
	for y, m := range l.obligations {
		if m != 0 {
			out = append(out, y)
		}
	}
	slices.Sort(out)
	return out
}

// Reservation is the ledger's view of an arrangement's obligations; ok is false when the ledger
// never reserved any for it.
func (l *PPPLedger) Reservation(id PPPArrangementID) (PPPReservation, bool) {
	r, ok := l.reservations[id]
	r.Obligations = slices.Clone(r.Obligations)
	return r, ok
}

// Reservations lists every reservation, released ones included, by arrangement id.
func (l *PPPLedger) Reservations() []PPPReservation {
	out := make([]PPPReservation, 0, len(l.reservations))
	for _, id := range slices.Sorted(maps.Keys(l.reservations)) {
		r, _ := l.Reservation(id)
		out = append(out, r)
	}
	return out
}

// entity names the ledger in messages.
func (l *PPPLedger) entity() string { return pppLedgerName(l.region) }

func pppLedgerName(region RegionCode) string {
	if r, ok := LookupRegion(region); ok {
		return fmt.Sprintf("PPP ledger of %s (%s)", r.Name, region)
	}
	return "PPP ledger of " + string(region)
}

// describe names the rule in messages, e.g. "10.00% for all arrangements from 2015-01-01 (财金〔2015〕21号)".
func (r PPPAffordabilityRule) describe() string {
	scope := "all arrangements"
	if r.ReturnMechanism != "" {
		scope = string(r.ReturnMechanism) + " arrangements"
	}
	s := fmt.Sprintf("%s for %s from %s", formatBP(r.CapBP), scope, r.ValidFrom)
	if r.Basis != "" {
		s += " (" + r.Basis + ")"
	}
	return s
}

// yearAmountsText lists year amounts for messages, e.g. "2019: 100.00, 2020: 120.00".
func yearAmountsText(ys []PPPYearAmount) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = fmt.Sprintf("%d: %s", y.Year, y.Amount)
	}
	return strings.Join(parts, ", ")
}
