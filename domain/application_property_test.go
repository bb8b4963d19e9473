package domain

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// msLate is a milestone of the property test's project that is never achieved: its tranches are never paid.
const msLate MilestoneID = "0190f1a2-0000-7000-8000-0000000000a7"

// The dates of the property test: every payment lies after every milestone achieved and before
// every recovery or cancellation, so that only the money decides what succeeds.
var (
	propApprovedOn  = MustDate("2017-03-10")
	propDisbursedOn = MustDate("2018-08-01")
	propSettledOn   = MustDate("2018-09-01")
)

// fundingHarness runs random operations on one fund and its applications, keeping the streams
// and a model of the money (the pool and, per application, what was approved, paid, recovered
// and cancelled) to check the aggregates against after every step.
type fundingHarness struct {
	t       *testing.T
	rng     *rand.Rand
	fund    *Fund
	fundLog []Event
	project *Project
	apps    []*FundingApplication
	appLog  map[ApplicationID][]Event
	pool    Money // the model's pool
	seq     int
	stats   map[string]*[2]int // per operation: successes, refusals
}

func TestFundMoneyStaysConsistentUnderRandomOperations(t *testing.T) {
	const steps = 5000
	h := &fundingHarness{
		t: t, rng: rand.New(rand.NewPCG(2017, 310)), appLog: map[ApplicationID][]Event{}, stats: map[string]*[2]int{},
		project: mustReplay(t, fundedProject(
			&MilestoneAchieved{ProjectID: pid, MilestoneID: ms2, AchievedOn: MustDate("2018-07-01"), Evidence: "e"},
			planned(msLate, "运维移交", "2019-12-31", 1),
		)),
		fund: &Fund{},
	}
	c := establishment()
	c.Pool = Yuan(20_000_000)
	h.fundLog = h.must(h.fund.Establish(finance, c))
	h.pool = c.Pool

	for step := range steps {
		switch r := h.rng.IntN(100); {
		case step == steps*3/4:
			h.closeFund()
		case r < 4:
			h.topUp()
		case r < 25:
			h.newApplication()
		case r < 45:
			h.decide()
		case r < 70:
			h.disburse()
		case r < 85:
			h.recover()
		default:
			h.cancel()
		}
		h.verify(step)
	}
	h.verifyReplay()
	for _, op := range slices.Sorted(maps.Keys(h.stats)) {
		s := h.stats[op]
		t.Logf("%-16s %5d succeeded, %5d refused", op, s[0], s[1])
		switch op {
		case "close", "reject", "return":
			if s[0] == 0 {
				t.Errorf("%s never happened", op)
			}
		case "approve:short":
			if s[1] < 10 {
				t.Errorf("only %d approvals met a fund short of money: the test does not exercise the limit", s[1])
			}
		default:
			if s[0] == 0 || s[1] == 0 {
				t.Errorf("%s never succeeded or never was refused: the test does not exercise it", op)
			}
		}
	}
	t.Logf("%d applications, %d fund events; pool %s = available %s + reserved %s + disbursed %s",
		len(h.apps), len(h.fundLog), h.fund.Pool(), h.fund.Available(), h.fund.Reserved(), h.fund.Disbursed())
}

// amount is a random amount up to max yuan, sometimes zero or negative.
func (h *fundingHarness) amount(max Money) Money {
	if h.rng.IntN(20) == 0 {
		return -Money(h.rng.Int64N(100))
	}
	return Money(h.rng.Int64N(int64(max) + 1))
}

// near returns, now and then, an amount right at limit or one fen beyond it, so that the limits
// themselves are tried; otherwise it returns amount.
func (h *fundingHarness) near(limit, amount Money) Money {
	switch h.rng.IntN(10) {
	case 0:
		return limit
	case 1:
		return limit + 1
	}
	return amount
}

func (h *fundingHarness) nextID() string {
	h.seq++
	return fmt.Sprintf("0190f1a2-0000-7000-8000-%012x", h.seq)
}

// pick returns a random application whose status is one of statuses, or nil.
func (h *fundingHarness) pick(statuses ...ApplicationStatus) *FundingApplication {
	var in []*FundingApplication
	for _, x := range h.apps {
		if slices.Contains(statuses, x.Status()) {
			in = append(in, x)
		}
	}
	if len(in) == 0 {
		return nil
	}
	return in[h.rng.IntN(len(in))]
}

// expect records the outcome of an operation and checks it against the model's prediction: a
// success when want is nil, else an error wrapping want that changed nothing.
func (h *fundingHarness) expect(op string, want error, appEvents, fundEvents []Event, err error,
	x *FundingApplication, before fundingSnapshot) bool {
	h.t.Helper()
	s := h.stats[op]
	if s == nil {
		s = &[2]int{}
		h.stats[op] = s
	}
	if want == nil {
		if err != nil {
			h.t.Fatalf("%s: want success, got %v", op, err)
		}
		s[0]++
		if x != nil {
			h.appLog[x.ID()] = append(h.appLog[x.ID()], appEvents...)
		}
		h.fundLog = append(h.fundLog, fundEvents...)
		return true
	}
	if !errors.Is(err, want) {
		h.t.Fatalf("%s: want an error wrapping %q, got %v", op, want, err)
	}
	if appEvents != nil || fundEvents != nil {
		h.t.Fatalf("%s: a refused command returned events", op)
	}
	if after := snapshot(h.fund, x); !reflect.DeepEqual(before, after) {
		h.t.Fatalf("%s: a refused command changed the fund or the application", op)
	}
	s[1]++
	return false
}

func (h *fundingHarness) topUp() {
	amount, before := h.amount(Yuan(1_000_000)), snapshot(h.fund, nil)
	var want error
	switch {
	case h.fund.Status() == FundStatusClosed:
		want = ErrState
	case amount <= 0:
		want = ErrInvalid
	}
	events, err := h.fund.TopUp(finance, TopUpFund{Amount: amount})
	if h.expect("topUp", want, nil, events, err, nil, before) {
		h.pool += amount
	}
}

func (h *fundingHarness) closeFund() {
	before := snapshot(h.fund, nil)
	events, err := h.fund.Close(finance, CloseFund{Reason: "年度结束"})
	h.expect("close", nil, nil, events, err, nil, before)
}

// newApplication drafts an application and takes it through screening and scoring, so that it
// waits for the finance decision; drafting fails once the fund is closed or beyond its pool.
func (h *fundingHarness) newApplication() {
	if h.pick(AppUnderExpertReview, AppApproved) != nil && len(h.apps) > 0 && h.rng.IntN(3) > 0 {
		return // keep a handful of live applications rather than hundreds
	}
	x := &FundingApplication{}
	requested := h.amount(h.fund.Pool() / 3)
	if h.rng.IntN(25) == 0 {
		requested = h.fund.Pool() + 1
	}
	c := DraftApplication{ID: ApplicationID(h.nextID()), ApplicationRequest: ApplicationRequest{
		SupportMode: SupportInvestmentSubsidy, RequestedAmount: requested, Justification: "j",
	}}
	before := snapshot(h.fund, x)
	var want error
	switch {
	case h.fund.Status() == FundStatusClosed:
		want = ErrState
	case requested <= 0 || requested > h.fund.Pool():
		want = ErrInvalid
	}
	events, err := x.Draft(owner, h.project, h.fund, c)
	if !h.expect("draft", want, events, nil, err, x, before) {
		return
	}
	h.apps = append(h.apps, x)
	h.review(x, false)
}

// review takes a DRAFT (submit) or RETURNED (resubmit) application to all scores in.
func (h *fundingHarness) review(x *FundingApplication, resubmit bool) {
	log := h.appLog[x.ID()]
	if resubmit {
		log = append(log, h.must(x.Resubmit(owner, ResubmitApplication{}))...)
	} else {
		log = append(log, h.must(x.Submit(owner, SubmitApplication{}))...)
	}
	log = append(log, h.must(x.Screen(office, ScreenApplication{Passed: true}))...)
	log = append(log, h.must(x.AssignExperts(office, AssignApplicationExperts{Experts: []Actor{expertA, expertB}}))...)
	log = append(log, h.must(x.Score(expertA, ScoreApplication{Score: h.rng.IntN(101), Opinion: "o"}))...)
	log = append(log, h.must(x.Score(expertB, ScoreApplication{Score: h.rng.IntN(101), Opinion: "o"}))...)
	h.appLog[x.ID()] = log
}

// decide approves most reviewed applications (random amounts, some beyond the request or the
// money available), and rejects or returns a few.
func (h *fundingHarness) decide() {
	x := h.pick(AppUnderExpertReview)
	if x == nil {
		return
	}
	before := snapshot(h.fund, x)
	switch h.rng.IntN(10) {
	case 0:
		events, err := x.Reject(finance, RejectApplication{Reason: "r"})
		h.expect("reject", nil, events, nil, err, x, before)
		return
	case 1:
		events, err := x.ReturnForRevision(finance, ReturnApplicationForRevision{Reason: "r"})
		if h.expect("return", nil, events, nil, err, x, before) {
			h.review(x, true)
		}
		return
	}
	amount := h.near(h.fund.Available(), h.amount(x.RequestedAmount()+x.RequestedAmount()/10))
	c := ApproveApplicationCmd{ApprovedAmount: amount, Tranches: h.tranches(amount), ApprovedOn: propApprovedOn, Today: today}
	var want error
	op := "approve"
	switch {
	case amount <= 0 || amount > x.RequestedAmount():
		want = ErrInvalid
	case h.fund.Status() == FundStatusClosed:
		want = ErrState
	case amount > h.fund.Available():
		want, op = ErrInvalid, "approve:short"
	}
	appEvents, fundEvents, err := ApproveApplication(finance, x, h.fund, h.project, c)
	h.expect(op, want, appEvents, fundEvents, err, x, before)
}

// tranches splits amount over one to three milestones, one of which is never achieved.
func (h *fundingHarness) tranches(amount Money) []ApprovedTranche {
	milestones := []MilestoneID{ms1, ms2, msLate}
	h.rng.Shuffle(len(milestones), func(i, j int) { milestones[i], milestones[j] = milestones[j], milestones[i] })
	n := 1 + h.rng.IntN(3)
	if amount < Money(n) {
		n = 1
	}
	out := make([]ApprovedTranche, n)
	left := amount
	for i := range out {
		part := left
		if i < n-1 {
			part = 1 + Money(h.rng.Int64N(int64(left-Money(n-1-i))))
		}
		out[i] = ApprovedTranche{TrancheID: TrancheID(h.nextID()), MilestoneID: milestones[i], Amount: part}
		left -= part
	}
	return out
}

func (h *fundingHarness) disburse() {
	x := h.pick(AppApproved, AppClosed)
	if x == nil {
		return
	}
	tr := x.Tranches()[h.rng.IntN(len(x.Tranches()))]
	before := snapshot(h.fund, x)
	var want error
	if x.Status() != AppApproved || tr.Status != TrancheStatusPending || tr.MilestoneID == msLate {
		want = ErrState
	}
	appEvents, fundEvents, err := DisburseTranche(finance, x, h.fund, h.project,
		DisburseTrancheCmd{TrancheID: tr.ID, DisbursedOn: propDisbursedOn, VoucherNo: "v", Today: today})
	h.expect("disburse", want, appEvents, fundEvents, err, x, before)
}

func (h *fundingHarness) recover() {
	x := h.pick(AppApproved, AppClosed, AppRejected)
	if x == nil {
		return
	}
	net := x.NetDisbursed()
	amount := h.near(net, h.amount(net+net/5+1))
	before := snapshot(h.fund, x)
	var want error
	switch {
	case x.Status() == AppRejected || net == 0:
		want = ErrState
	case amount <= 0 || amount > net:
		want = ErrInvalid
	}
	appEvents, fundEvents, err := RecoverMoney(finance, x, h.fund,
		RecoverMoneyCmd{Amount: amount, Reason: "r", RecoveredOn: propSettledOn, Today: today})
	h.expect("recover", want, appEvents, fundEvents, err, x, before)
}

func (h *fundingHarness) cancel() {
	x := h.pick(AppApproved, AppClosed)
	if x == nil || (x.Status() == AppApproved && h.rng.IntN(4) > 0) {
		return // let most approvals live long enough to be paid
	}
	before := snapshot(h.fund, x)
	var want error
	if x.Status() != AppApproved {
		want = ErrState
	}
	appEvents, fundEvents, err := CancelRemainder(finance, x, h.fund,
		CancelRemainderCmd{Reason: "r", CancelledOn: propSettledOn, Today: today})
	h.expect("cancel", want, appEvents, fundEvents, err, x, before)
}

// verify checks the fund's split, the model's pool, and each application against the fund's view.
func (h *fundingHarness) verify(step int) {
	h.t.Helper()
	checkFundSplit(h.t, h.fund)
	if h.fund.Pool() != h.pool {
		h.t.Fatalf("step %d: pool %s, the model says %s", step, h.fund.Pool(), h.pool)
	}
	var reserved, disbursed Money
	for _, x := range h.apps {
		checkFundMatchesApplication(h.t, h.fund, x)
		var paid Money
		for _, tr := range x.Tranches() {
			if tr.Status == TrancheStatusDisbursed {
				paid += tr.Amount
			}
		}
		if paid != x.DisbursedAmount() || x.RecoveredAmount() > paid || paid+x.CancelledAmount() > x.ApprovedAmount() ||
			x.ApprovedAmount() > x.RequestedAmount() {
			h.t.Fatalf("step %d: application %s: requested %s, approved %s, tranches paid %s, disbursed %s, recovered %s, cancelled %s",
				step, x.ID(), x.RequestedAmount(), x.ApprovedAmount(), paid, x.DisbursedAmount(), x.RecoveredAmount(), x.CancelledAmount())
		}
		reserved += x.ReservedAmount()
		disbursed += x.NetDisbursed()
	}
	if reserved != h.fund.Reserved() || disbursed != h.fund.Disbursed() {
		h.t.Fatalf("step %d: the applications hold reserved %s and disbursed %s; the fund says %s and %s",
			step, reserved, disbursed, h.fund.Reserved(), h.fund.Disbursed())
	}
}

// verifyReplay stores and reloads every stream through JSON and compares the result with the
// aggregates the commands left.
func (h *fundingHarness) verifyReplay() {
	h.t.Helper()
	if f, err := ReplayFund(h.roundTrip(h.fundLog)); err != nil || !reflect.DeepEqual(f, h.fund) {
		h.t.Fatalf("the fund replayed from its stored stream differs (error %v)", err)
	}
	for _, x := range h.apps {
		if y, err := ReplayFundingApplication(h.roundTrip(h.appLog[x.ID()])); err != nil || !reflect.DeepEqual(x, y) {
			h.t.Fatalf("application %s replayed from its stored stream differs (error %v)", x.ID(), err)
		}
	}
}

func (h *fundingHarness) roundTrip(events []Event) []Event {
	out := make([]Event, len(events))
	for i, e := range events {
		payload, err := json.Marshal(e)
		if err != nil {
			h.t.Fatal(err)
		}
		if out[i], err = DecodeEvent(e.EventType(), payload); err != nil {
			h.t.Fatal(err)
		}
	}
	return out
}

func (h *fundingHarness) must(events []Event, err error) []Event {
	h.t.Helper()
	if err != nil {
		h.t.Fatal(err)
	}
	return events
}

// fundingSnapshot is a deep copy of a fund and an application, to prove a refusal changed nothing.
type fundingSnapshot struct {
	fund Fund
	app  FundingApplication
}

func snapshot(f *Fund, x *FundingApplication) fundingSnapshot {
	s := fundingSnapshot{fund: *f}
	s.fund.allocations = maps.Clone(f.allocations)
	s.fund.modes = slices.Clone(f.modes)
	if x != nil {
		s.app = *x
		s.app.screenings, s.app.experts, s.app.scores = slices.Clone(x.screenings), slices.Clone(x.experts), slices.Clone(x.scores)
		s.app.tranches, s.app.recoveries = slices.Clone(x.tranches), slices.Clone(x.recoveries)
	}
	return s
}
