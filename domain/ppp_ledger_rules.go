package domain

import (
	"fmt"
	"slices"
)

// The ledger's rules, one check per event kind, called by check before any event is applied.

// checkBudget allows a positive budget for a supported year; a replacement needs a reason, must
// change the figure and may not put the year's obligations above the cap.
func (l *PPPLedger) checkBudget(e *PPPBudgetRecorded) error {
	if err := checkRange("year", e.Year, minFiscalYear, maxFiscalYear); err != nil {
		return err
	}
	if err := checkAmount("budget", e.Budget); err != nil {
		return err
	}
	old, replacing := l.budgets[e.Year]
	if !replacing {
		return nil
	}
	if e.Budget == old.Amount {
		return invalid("budget", "the %d budget is %s yuan already", e.Year, old.Amount)
	}
	if e.Reason == "" {
		return invalid("reason", "is required to replace the %d budget of %s yuan", e.Year, old.Amount)
	}
	o := l.obligations[e.Year]
	if o == 0 {
		return nil
	}
	r, _ := l.RuleInForce(e.Year, "")
	if c := mulBP(e.Budget, r.CapBP); o > c {
		return &StateError{Entity: l.entity(), Action: fmt.Sprintf("lower the %d budget to %s yuan", e.Year, e.Budget),
			State: fmt.Sprintf("holding %d obligations of %s yuan, above the %s yuan (%s) that budget would allow",
				e.Year, o, c, r.describe())}
	}
	return nil
}

// checkRule allows a cap of 1 to 10000 basis points from a supported date, for all arrangements or
// one known mechanism. A rule for all arrangements may not put any year's obligations above its cap.
func (l *PPPLedger) checkRule(e *PPPAffordabilityRuleSet) error {
	if err := checkRange("capBp", e.CapBP, 1, basisPointsWhole); err != nil {
		return err
	}
	if err := checkDate("validFrom", e.ValidFrom); err != nil {
		return err
	}
	if e.ReturnMechanism != "" {
		if _, err := ParsePPPReturnMechanism(string(e.ReturnMechanism)); err != nil {
			return err
		}
	}
	rule := ruleOf(e)
	if slices.Contains(l.rules, rule) {
		return invalid("rule", "%s is in force already", rule.describe())
	}
	if rule.ReturnMechanism != "" {
		return nil // a mechanism's rule only narrows what later approvals may add
	}
	rules := withRule(l.rules, rule)
	for _, y := range l.ObligationYears() {
		r, _ := ruleInForce(rules, y, "")
		if c := mulBP(l.budgets[y].Amount, r.CapBP); l.obligations[y] > c {
			return &StateError{Entity: l.entity(), Action: "set the rule " + rule.describe(),
				State: fmt.Sprintf("holding %d obligations of %s yuan, %s of the budget of %s yuan, above the %s yuan it would allow",
					y, l.obligations[y], formatBP(ratioBPUp(l.obligations[y], l.budgets[y].Amount)), l.budgets[y].Amount, c)}
		}
	}
	return nil
}

// checkReserve allows one reservation per arrangement, of positive amounts in distinct supported
// years in order, each year with a budget and a rule in force, and each year's obligations
// staying within the cap for the arrangement's mechanism.
func (l *PPPLedger) checkReserve(e *PPPObligationsReserved) error {
	const action = "reserve fiscal headroom"
	if e.ArrangementID == "" {
		return invalid("arrangementId", "is required")
	}
	if _, dup := l.reservations[e.ArrangementID]; dup {
		return &StateError{Entity: l.entity(), Action: action,
			State: fmt.Sprintf("already holding a reservation for arrangement %s", e.ArrangementID)}
	}
	if _, err := ParsePPPReturnMechanism(string(e.ReturnMechanism)); err != nil {
		return err
	}
	if err := checkDate("reservedOn", e.ReservedOn); err != nil {
		return err
	}
	if len(e.Obligations) == 0 {
		return invalid("obligations", "there is nothing to reserve")
	}
	if err := checkYearAmounts("obligations", e.Obligations); err != nil {
		return err
	}
	for _, y := range e.Obligations {
		b, ok := l.budgets[y.Year]
		if !ok {
			return &StateError{Entity: l.entity(), Action: action,
				State: fmt.Sprintf("without a general public budget recorded for %d", y.Year)}
		}
		r, ok := l.RuleInForce(y.Year, e.ReturnMechanism)
		if !ok {
			return &StateError{Entity: l.entity(), Action: action,
				State: fmt.Sprintf("without an affordability rule for all arrangements in force on %d-01-01", y.Year)}
		}
		existing, c := l.obligations[y.Year], mulBP(b.Amount, r.CapBP)
		if existing+y.Amount > c {
			return &PPPAffordabilityError{Region: l.region, Year: y.Year, Budget: b.Amount, Existing: existing,
				Amount: y.Amount, Cap: c, Rule: r}
		}
	}
	return nil
}

// checkRelease allows releasing exactly what an arrangement's live reservation holds, with a reason.
func (l *PPPLedger) checkRelease(e *PPPReservationReleased) error {
	const action = "release a reservation"
	r, ok := l.reservations[e.ArrangementID]
	if !ok {
		return &StateError{Entity: l.entity(), Action: action,
			State: fmt.Sprintf("holding no reservation for arrangement %s", e.ArrangementID)}
	}
	if r.Released {
		return &StateError{Entity: l.entity(), Action: action,
			State: fmt.Sprintf("having released the reservation for arrangement %s on %s", e.ArrangementID, r.ReleasedOn)}
	}
	if !slices.Equal(e.Obligations, r.Obligations) {
		return invalid("obligations", "releasing %s, but arrangement %s holds %s",
			yearAmountsText(e.Obligations), e.ArrangementID, yearAmountsText(r.Obligations))
	}
	if e.Reason == "" {
		return invalid("reason", "is required")
	}
	return checkDate("releasedOn", e.ReleasedOn)
}

// ruleOf is the rule an event sets.
func ruleOf(e *PPPAffordabilityRuleSet) PPPAffordabilityRule {
	return PPPAffordabilityRule{CapBP: e.CapBP, ValidFrom: e.ValidFrom, ReturnMechanism: e.ReturnMechanism, Basis: e.Basis}
}

// withRule is rules with r added, replacing a rule of the same scope and valid-from date.
func withRule(rules []PPPAffordabilityRule, r PPPAffordabilityRule) []PPPAffordabilityRule {
	out := slices.DeleteFunc(slices.Clone(rules), func(o PPPAffordabilityRule) bool {
		return o.ReturnMechanism == r.ReturnMechanism && o.ValidFrom == r.ValidFrom
	})
	return append(out, r)
}

// checkYearAmounts refuses year amounts out of year order, in a year twice, outside the supported
// years, or not positive or beyond MaxMoney.
func checkYearAmounts(field string, ys []PPPYearAmount) error {
	for i, y := range ys {
		if err := checkRange(field+".year", y.Year, minFiscalYear, maxFiscalYear); err != nil {
			return err
		}
		if i > 0 && y.Year <= ys[i-1].Year {
			return invalid(field, "year %d follows year %d: years must be distinct and in order", y.Year, ys[i-1].Year)
		}
		if err := checkAmount(fmt.Sprintf("%s[%d]", field, y.Year), y.Amount); err != nil {
			return err
		}
	}
	return nil
}
