package domain

import "time"

// The yearly queries of the ledger: which rule caps a year, how much that is, how much is left,
// and how far the year's obligations have gone.

// RuleInForce is the rule that caps an arrangement of the mechanism in a year: of the rule for all
// arrangements and the rule for the mechanism, each the one with the latest valid-from not after
// January 1 of the year, the one with the lower cap (a mechanism's rule narrows, it never widens).
// An empty mechanism asks for the rule for all arrangements alone. ok is false when no rule for
// all arrangements is in force: without one nothing is affordable.
func (l *PPPLedger) RuleInForce(year int, mechanism PPPReturnMechanism) (PPPAffordabilityRule, bool) {
	return ruleInForce(l.rules, year, mechanism)
}

// Cap is the most the obligations of a year may reach for an arrangement of the mechanism; ok is
// false without a budget for the year or a rule in force.
func (l *PPPLedger) Cap(year int, mechanism PPPReturnMechanism) (Money, bool) {
	b, ok := l.budgets[year]
	if !ok {
		return 0, false
	}
	r, ok := l.RuleInForce(year, mechanism)
	if !ok {
		return 0, false
	}
	return mulBP(b.Amount, r.CapBP), true
}

// Headroom is what an arrangement of the mechanism may still add to a year's obligations, never
// negative (a mechanism's later, narrower rule may put the obligations above its cap already); ok
// is false when there is no cap.
func (l *PPPLedger) Headroom(year int, mechanism PPPReturnMechanism) (Money, bool) {
	c, ok := l.Cap(year, mechanism)
	if !ok {
		return 0, false
	}
	return max(0, c-l.obligations[year]), true
}

// Ratio is the year's obligations as a share of its budget, in basis points rounded down; ok is
// false without a budget.
func (l *PPPLedger) Ratio(year int) (int, bool) {
	b, ok := l.budgets[year]
	if !ok {
		return 0, false
	}
	return ratioBP(l.obligations[year], b.Amount), true
}

// WarningLevel grades a year: EXCEEDED above the cap of the rule for all arrangements (which no
// command lets happen), WARNING at 7% of the budget or more, OK otherwise (also without obligations).
func (l *PPPLedger) WarningLevel(year int) PPPWarningLevel {
	o := l.obligations[year]
	if o == 0 {
		return PPPLevelOK
	}
	c, ok := l.Cap(year, "")
	if !ok || o > c {
		return PPPLevelExceeded
	}
	if r, _ := l.Ratio(year); r >= pppWarningBP {
		return PPPLevelWarning
	}
	return PPPLevelOK
}

// ruleInForce implements RuleInForce over a list of rules, so that a rule can be tried before it
// is recorded.
func ruleInForce(rules []PPPAffordabilityRule, year int, mechanism PPPReturnMechanism) (PPPAffordabilityRule, bool) {
	general, ok := latestRule(rules, year, "")
	if !ok || mechanism == "" {
		return general, ok
	}
	if own, ok := latestRule(rules, year, mechanism); ok && own.CapBP < general.CapBP {
		return own, true
	}
	return general, true
}

// latestRule is the rule of exactly one scope with the latest valid-from not after January 1 of the year.
func latestRule(rules []PPPAffordabilityRule, year int, scope PPPReturnMechanism) (PPPAffordabilityRule, bool) {
	jan1 := Date{year, time.January, 1}
	var best PPPAffordabilityRule
	found := false
	for _, r := range rules {
		if r.ReturnMechanism != scope || r.ValidFrom.After(jan1) {
			continue
		}
		if !found || r.ValidFrom.After(best.ValidFrom) {
			best, found = r, true
		}
	}
	return best, found
}
