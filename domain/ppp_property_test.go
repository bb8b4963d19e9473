package domain

import (
	"errors"
	"fmt"
	"maps"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

// pppHarness runs random operations on one region's ledger and many arrangements of the region:
// approvals of the preparation gate, cancellations, budget replacements and new rules, in random
// order. It keeps the streams and an independent model of the ledger (budgets, rules, live
// reservations) to predict each outcome and to check the aggregates after every step.
type pppHarness struct {
	t         *testing.T
	rng       *rand.Rand
	project   *Project
	ledger    *PPPLedger
	ledgerLog []Event
	arrs      []*PPPArrangement
	arrLog    map[PPPArrangementID][]Event
	model     pppModel
	stats     map[string]*[2]int // per operation: successes, refusals
	peak      int                // the highest ratio of obligations to budget seen, in basis points
}

// pppModel is the test's own account of the ledger, computed without the domain's helpers.
type pppModel struct {
	budgets  map[int]Money
	rules    []PPPAffordabilityRule
	reserved map[PPPArrangementID][]PPPYearAmount // live reservations
}

const (
	pppFirstBudgetYear = 2016
	pppLastBudgetYear  = 2055
)

func TestPPPLedgerNeverExceedsTheCapUnderRandomOperations(t *testing.T) {
	const steps = 4000
	h := &pppHarness{
		t: t, rng: rand.New(rand.NewPCG(2015, 21)), project: mustReplay(t, pppProject(StatusApproved)),
		ledger: &PPPLedger{}, arrLog: map[PPPArrangementID][]Event{}, stats: map[string]*[2]int{},
		model: pppModel{budgets: map[int]Money{}, reserved: map[PPPArrangementID][]PPPYearAmount{}},
	}
	h.ledgerCmd(h.ledger.Open(pppFinance, OpenPPPLedger{Region: haRegion}))
	h.setRule(SetPPPAffordabilityRule{CapBP: 1000, ValidFrom: MustDate("2015-01-01")}, true)
	h.setRule(SetPPPAffordabilityRule{CapBP: 500, ValidFrom: MustDate("2019-03-07"), ReturnMechanism: PPPGovernmentPays}, true)
	missing := []int{2016 + h.rng.IntN(40), 2016 + h.rng.IntN(40)} // years left without a budget
	for y := pppFirstBudgetYear; y <= pppLastBudgetYear; y++ {
		if !slices.Contains(missing, y) {
			h.recordBudget(y, Yuan(800_000_000+h.rng.Int64N(400_000_000)), "")
		}
	}
	for range 40 {
		h.newArrangement()
	}

	for step := range steps {
		switch r := h.rng.IntN(100); {
		case r < 50:
			h.approve()
		case r < 58:
			h.cancel()
		case r < 75:
			h.newArrangement()
		case r < 88:
			h.replaceBudget()
		case r < 96:
			h.newGeneralRule()
		default:
			h.newMechanismRule()
		}
		h.verify(step)
	}
	h.verifyReplay()
	t.Logf("%d arrangements, %d live reservations at the end, %d ledger events; highest ratio of any year at any step %s",
		len(h.arrs), len(h.model.reserved), len(h.ledgerLog), formatBP(h.peak))
	// "approve: cap" and "approve: no cap" count the refusals by cause, as successes of their own:
	// each must occur.
	for _, op := range slices.Sorted(maps.Keys(h.stats)) {
		s := h.stats[op]
		t.Logf("%-16s %5d succeeded, %5d refused", op, s[0], s[1])
		if s[0] == 0 {
			t.Errorf("%s never succeeded: the generator does not exercise it", op)
		}
		if (op == "approve" || op == "budget" || op == "general rule") && s[1] == 0 {
			t.Errorf("%s was never refused: the generator does not reach the cap", op)
		}
	}
}

// newArrangement identifies an arrangement and passes its identification gate and value for money.
func (h *pppHarness) newArrangement() {
	id := PPPArrangementID(fmt.Sprintf("0190f1a2-0000-7000-8000-%012x", 0x10000+len(h.arrs)))
	mech := PPPReturnMechanisms()[h.rng.IntN(3)]
	terms := PPPTerms{OperationMode: PPPOperationModes()[h.rng.IntN(6)], ReturnMechanism: mech, TermYears: 10 + h.rng.IntN(21),
		StartYear: 2017 + h.rng.IntN(10), TotalInvestment: Yuan(1 + h.rng.Int64N(2_000_000_000)), GovernmentEquityBP: h.rng.IntN(5000)}
	for y := terms.StartYear; y <= terms.endYear(); y++ {
		if mech != PPPUserPays && (h.rng.IntN(3) > 0 || (mech == PPPGovernmentPays && y == terms.StartYear)) {
			terms.Obligations = append(terms.Obligations, PPPYearAmount{y, 1 + Money(h.rng.Int64N(int64(Yuan(8_000_000))))})
		}
	}
	x := &PPPArrangement{}
	log := h.must(x.Identify(pppOwner, h.project, IdentifyPPP{ID: id, Terms: terms}))
	log = append(log, h.must(x.ApproveIdentification(pppFinance, ApprovePPPIdentification{ApprovedOn: pppIdentifiedOn, Today: pppToday}))...)
	log = append(log, h.must(x.RecordValueForMoney(pppOwner, RecordPPPValueForMoney{
		QualitativeScore: 60 + h.rng.IntN(41), PSC: Yuan(200), PPPV: Yuan(100), AssessedOn: pppVfMOn, Today: pppToday}))...)
	h.arrs = append(h.arrs, x)
	h.arrLog[id] = log
	h.count("identify", nil)
}

// approve tries the preparation gate of a random arrangement in PREPARATION; the model predicts
// whether every year fits.
func (h *pppHarness) approve() {
	x := h.pick(func(x *PPPArrangement) bool { return x.Stage() == PPPPreparation })
	if x == nil {
		return
	}
	fits := h.model.fits(x.ReturnMechanism(), x.Obligations())
	arrEvents, ledgerEvents, err := ApprovePreparation(pppFinance, x, h.ledger, ApprovePPPPreparation{ApprovedOn: pppPreparedOn, Today: pppToday})
	h.count("approve", err)
	switch {
	case fits && err != nil:
		h.t.Fatalf("approval of %v refused although it fits: %v", x.Obligations(), err)
	case !fits && err == nil:
		h.t.Fatalf("approval of %v (%s) succeeded although a year does not fit", x.Obligations(), x.ReturnMechanism())
	case err != nil:
		var ae *PPPAffordabilityError
		var se *StateError
		switch {
		case errors.As(err, &ae):
			h.count("approve: cap", nil)
		case errors.As(err, &se):
			h.count("approve: no cap", nil) // a year without a budget
		default:
			h.t.Fatalf("refusal of an unexpected kind %T: %v", err, err)
		}
		return
	}
	h.arrLog[x.ID()] = append(h.arrLog[x.ID()], arrEvents...)
	h.ledgerLog = append(h.ledgerLog, ledgerEvents...)
	if len(x.Obligations()) > 0 {
		h.model.reserved[x.ID()] = x.Obligations()
	}
}

// cancel cancels a random live arrangement; after the gate the reservation is released.
func (h *pppHarness) cancel() {
	x := h.pick(func(x *PPPArrangement) bool { return !x.Stage().IsTerminal() })
	if x == nil {
		return
	}
	arrEvents, ledgerEvents, err := CancelPPPArrangement(office, x, h.ledger, CancelPPPArrangementCmd{Reason: "调整", CancelledOn: pppBidOn, Today: pppToday})
	h.count("cancel", err)
	if err != nil {
		h.t.Fatalf("cancellation refused: %v", err)
	}
	h.arrLog[x.ID()] = append(h.arrLog[x.ID()], arrEvents...)
	h.ledgerLog = append(h.ledgerLog, ledgerEvents...)
	delete(h.model.reserved, x.ID())
}

// replaceBudget replaces a random year's budget by one between half and one and a half times it.
func (h *pppHarness) replaceBudget() {
	y := pppFirstBudgetYear + h.rng.IntN(pppLastBudgetYear-pppFirstBudgetYear+1)
	old, ok := h.model.budgets[y]
	if !ok {
		h.recordBudget(y, Yuan(900_000_000), "")
		return
	}
	b := old/2 + Money(h.rng.Int64N(int64(old)))
	if b == old {
		b++
	}
	h.recordBudget(y, b, "预算调整")
}

func (h *pppHarness) recordBudget(year int, b Money, reason string) {
	prev, had := h.model.budgets[year]
	h.model.budgets[year] = b
	fits := h.model.withinGeneralCaps()
	events, err := h.ledger.RecordBudget(pppFinance, RecordPPPBudget{Year: year, Budget: b, Reason: reason})
	h.count("budget", err)
	if fits != (err == nil) {
		h.t.Fatalf("budget %d of %s yuan: model says fits %v, ledger says %v", year, b, fits, err)
	}
	if err != nil {
		if had {
			h.model.budgets[year] = prev
		}
		return
	}
	h.ledgerLog = append(h.ledgerLog, events...)
}

// newGeneralRule sets a rule for all arrangements between 6% and 12% from a random date.
func (h *pppHarness) newGeneralRule() {
	from := Date{2016 + h.rng.IntN(30), time.Month(1 + 6*h.rng.IntN(2)), 1}
	h.setRule(SetPPPAffordabilityRule{CapBP: 600 + h.rng.IntN(601), ValidFrom: from}, false)
}

// newMechanismRule sets a rule for one mechanism between 3% and 13%: sometimes looser than the
// rule for all arrangements, which must then not widen the cap.
func (h *pppHarness) newMechanismRule() {
	from := Date{2016 + h.rng.IntN(30), time.January, 1}
	h.setRule(SetPPPAffordabilityRule{CapBP: 300 + h.rng.IntN(1001), ValidFrom: from, ReturnMechanism: PPPReturnMechanisms()[h.rng.IntN(3)]}, false)
}

func (h *pppHarness) setRule(c SetPPPAffordabilityRule, mustSucceed bool) {
	r := PPPAffordabilityRule{CapBP: c.CapBP, ValidFrom: c.ValidFrom, ReturnMechanism: c.ReturnMechanism}
	prev := slices.Clone(h.model.rules)
	duplicate := slices.Contains(prev, r)
	h.model.rules = append(slices.DeleteFunc(slices.Clone(prev), func(o PPPAffordabilityRule) bool {
		return o.ReturnMechanism == r.ReturnMechanism && o.ValidFrom == r.ValidFrom
	}), r)
	fits := !duplicate && h.model.withinGeneralCaps()
	events, err := h.ledger.SetAffordabilityRule(pppFinance, c)
	op := "general rule"
	if c.ReturnMechanism != "" {
		op = "mechanism rule"
	}
	h.count(op, err)
	if fits != (err == nil) || (mustSucceed && err != nil) {
		h.t.Fatalf("rule %+v: model says fits %v, ledger says %v", c, fits, err)
	}
	if err != nil {
		h.model.rules = prev
		return
	}
	h.ledgerLog = append(h.ledgerLog, events...)
}

// verify checks the ledger against the model and every arrangement: obligations are the sum of
// the live reservations, no year exceeds the cap for all arrangements, and an arrangement holds a
// reservation exactly when the ledger does.
func (h *pppHarness) verify(step int) {
	for y := pppFirstBudgetYear; y <= pppLastBudgetYear+1; y++ {
		want := h.model.obligations(y)
		if got := h.ledger.Obligations(y); got != want {
			h.t.Fatalf("step %d: %d obligations %s, approved and not cancelled arrangements sum to %s", step, y, got, want)
		}
		if want == 0 {
			continue
		}
		c, ok := h.ledger.Cap(y, "")
		if !ok || want > c || want > h.model.cap(y, "") || h.ledger.WarningLevel(y) == PPPLevelExceeded {
			h.t.Fatalf("step %d: %d obligations %s exceed the cap %s (%v), level %s", step, y, want, c, ok, h.ledger.WarningLevel(y))
		}
		r, _ := h.ledger.Ratio(y)
		if (r >= pppWarningBP) != (h.ledger.WarningLevel(y) == PPPLevelWarning) {
			h.t.Fatalf("step %d: %d ratio %d but level %s", step, y, r, h.ledger.WarningLevel(y))
		}
		h.peak = max(h.peak, r)
	}
	live := 0
	for _, x := range h.arrs {
		r, ok := h.ledger.Reservation(x.ID())
		holds := ok && !r.Released
		_, inModel := h.model.reserved[x.ID()]
		if holds != x.HoldsReservation() || holds != inModel {
			h.t.Fatalf("step %d: arrangement %s in %s: holds %v, ledger %v, model %v", step, x.ID(), x.Stage(), x.HoldsReservation(), holds, inModel)
		}
		if holds {
			live++
			if !reflect.DeepEqual(r.Obligations, x.Obligations()) {
				h.t.Fatalf("step %d: ledger reserves %v for %s, its obligations are %v", step, r.Obligations, x.ID(), x.Obligations())
			}
		}
	}
	if live != len(h.model.reserved) {
		h.t.Fatalf("step %d: %d live reservations, model %d", step, live, len(h.model.reserved))
	}
}

// verifyReplay rebuilds every aggregate from the stored events and compares.
func (h *pppHarness) verifyReplay() {
	l, err := ReplayPPPLedger(h.ledgerLog)
	if err != nil {
		h.t.Fatalf("replay ledger: %v", err)
	}
	if !reflect.DeepEqual(l, h.ledger) {
		h.t.Fatal("the replayed ledger differs from the live one")
	}
	for _, x := range h.arrs {
		r, err := ReplayPPPArrangement(h.arrLog[x.ID()])
		if err != nil {
			h.t.Fatalf("replay %s: %v", x.ID(), err)
		}
		if !reflect.DeepEqual(r, x) {
			h.t.Fatalf("the replayed arrangement %s differs from the live one", x.ID())
		}
	}
}

func (h *pppHarness) pick(ok func(*PPPArrangement) bool) *PPPArrangement {
	var c []*PPPArrangement
	for _, x := range h.arrs {
		if ok(x) {
			c = append(c, x)
		}
	}
	if len(c) == 0 {
		return nil
	}
	return c[h.rng.IntN(len(c))]
}

func (h *pppHarness) ledgerCmd(events []Event, err error) {
	h.ledgerLog = append(h.ledgerLog, h.must(events, err)...)
}

func (h *pppHarness) must(events []Event, err error) []Event {
	h.t.Helper()
	if err != nil {
		h.t.Fatal(err)
	}
	return events
}

func (h *pppHarness) count(op string, err error) {
	if h.stats[op] == nil {
		h.stats[op] = &[2]int{}
	}
	if err == nil {
		h.stats[op][0]++
	} else {
		h.stats[op][1]++
	}
}

// obligations is the model's sum of live reservations in a year.
func (m *pppModel) obligations(year int) Money {
	var sum Money
	for _, ys := range m.reserved {
		for _, y := range ys {
			if y.Year == year {
				sum += y.Amount
			}
		}
	}
	return sum
}

// capBP is the model's cap in a year for a mechanism: the lower of the latest rule for all and
// the latest rule for the mechanism, each taken at January 1.
func (m *pppModel) capBP(year int, mech PPPReturnMechanism) (int, bool) {
	latest := func(scope PPPReturnMechanism) (int, bool) {
		var best *PPPAffordabilityRule
		for i, r := range m.rules {
			if r.ReturnMechanism == scope && !r.ValidFrom.Time().After(time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)) &&
				(best == nil || r.ValidFrom.Time().After(best.ValidFrom.Time())) {
				best = &m.rules[i]
			}
		}
		if best == nil {
			return 0, false
		}
		return best.CapBP, true
	}
	general, ok := latest("")
	if !ok {
		return 0, false
	}
	if own, ok := latest(mech); ok && mech != "" && own < general {
		return own, true
	}
	return general, true
}

// cap is the model's cap in money, computed with big integers; 0 when there is none.
func (m *pppModel) cap(year int, mech PPPReturnMechanism) Money {
	bp, ok := m.capBP(year, mech)
	b, hasBudget := m.budgets[year]
	if !ok || !hasBudget {
		return 0
	}
	v := new(big.Int).Mul(big.NewInt(int64(b)), big.NewInt(int64(bp)))
	return Money(v.Div(v, big.NewInt(10000)).Int64())
}

// fits reports whether an arrangement's obligations fit every year's cap for its mechanism.
func (m *pppModel) fits(mech PPPReturnMechanism, ys []PPPYearAmount) bool {
	for _, y := range ys {
		if _, ok := m.budgets[y.Year]; !ok {
			return false
		}
		if _, ok := m.capBP(y.Year, mech); !ok {
			return false
		}
		if m.obligations(y.Year)+y.Amount > m.cap(y.Year, mech) {
			return false
		}
	}
	return true
}

// withinGeneralCaps reports whether every year's obligations fit the cap for all arrangements.
func (m *pppModel) withinGeneralCaps() bool {
	for y := pppFirstBudgetYear; y <= pppLastBudgetYear; y++ {
		if o := m.obligations(y); o > 0 && o > m.cap(y, "") {
			return false
		}
	}
	return true
}
