package domain

import (
	"strings"
	"testing"
)

func TestAffordabilityCapFollowsTheRuleInForceEachYear(t *testing.T) {
	events := []Event{
		pppLedgerOpened(), standardRuleSet(),
		// 财金〔2019〕10号: regions above 5% may start no new government-pays arrangement. In force from 2020 on,
		// since on 2019-01-01 it was not yet issued.
		&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 500, ValidFrom: MustDate("2019-03-07"), ReturnMechanism: PPPGovernmentPays, Basis: "财金〔2019〕10号"},
		// A rule for USER_PAYS looser than the rule for all arrangements: it never widens the cap.
		&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 1200, ValidFrom: MustDate("2020-01-01"), ReturnMechanism: PPPUserPays},
		// A later, lower rule for all arrangements; it does not lift the narrower GOVERNMENT_PAYS rule.
		&PPPAffordabilityRuleSet{Region: haRegion, CapBP: 800, ValidFrom: MustDate("2022-01-01")},
	}
	for y := 2014; y <= 2024; y++ {
		b := haBudget
		if y == 2021 {
			b = Yuan(50_000_000_000)
		}
		events = append(events, budgetRecorded(y, b))
	}
	l, err := ReplayPPPLedger(events)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		year      int
		mechanism PPPReturnMechanism
		cap       Money
		capBP     int
		ok        bool
	}{
		{2014, "", 0, 0, false}, // before the standard rule
		{2015, PPPGovernmentPays, Yuan(4_000_000_000), 1000, true},
		{2019, PPPGovernmentPays, Yuan(4_000_000_000), 1000, true}, // the 5% rule was not in force on 2019-01-01
		{2019, "", Yuan(4_000_000_000), 1000, true},
		{2020, PPPGovernmentPays, Yuan(2_000_000_000), 500, true},
		{2020, PPPViabilityGap, Yuan(4_000_000_000), 1000, true},
		{2020, PPPUserPays, Yuan(4_000_000_000), 1000, true}, // 12% for USER_PAYS does not widen 10%
		{2020, "", Yuan(4_000_000_000), 1000, true},
		{2021, PPPGovernmentPays, Yuan(2_500_000_000), 500, true}, // the year's own budget
		{2021, PPPViabilityGap, Yuan(5_000_000_000), 1000, true},
		{2022, "", Yuan(3_200_000_000), 800, true},
		{2022, PPPViabilityGap, Yuan(3_200_000_000), 800, true},
		{2022, PPPGovernmentPays, Yuan(2_000_000_000), 500, true},
		{2022, PPPUserPays, Yuan(3_200_000_000), 800, true},
		{2025, "", 0, 800, false}, // no budget
	} {
		got, ok := l.Cap(c.year, c.mechanism)
		if got != c.cap || ok != c.ok {
			t.Errorf("Cap(%d, %q) = %s, %v; want %s, %v", c.year, c.mechanism, got, ok, c.cap, c.ok)
		}
		if r, ok := l.RuleInForce(c.year, c.mechanism); c.capBP != 0 && (!ok || r.CapBP != c.capBP) {
			t.Errorf("RuleInForce(%d, %q) = %+v, %v; want a cap of %d", c.year, c.mechanism, r, ok, c.capBP)
		}
	}

	// The approval of a GOVERNMENT_PAYS arrangement applies each year's rule: 2019 at 10%, 2020 at 5%.
	other := reservedBy(arrID2, PPPViabilityGap, PPPYearAmount{2019, Yuan(3_000_000_000)}, PPPYearAmount{2020, Yuan(1_950_000_000)})
	run := func(obligation2020 Money) error {
		arr := withTerms(pppAssessed(), func(t *PPPTerms) {
			t.ReturnMechanism = PPPGovernmentPays
			t.Obligations = []PPPYearAmount{{2019, Yuan(1_000_000_000)}, {2020, obligation2020}}
		})
		w := replayPPPWorld(t, arr, with(events, other), pppProject(StatusApproved))
		_, _, err := approvePreparation(pppFinance, "2016-05-10")(w)
		return err
	}
	if err := run(Yuan(50_000_000)); err != nil {
		t.Errorf("2019 at 10%% and 2020 at 5%% fit exactly, got %v", err)
	}
	checkPPPErr(t, run(Yuan(50_000_000)+1), ErrState, "in 2020: obligations of 1950000000.00 yuan already reserved plus 50000000.01 yuan of this arrangement make 2000000000.01 yuan, 5.01% "+
		"of the general public budget of 40000000000.00 yuan, above the cap of 2000000000.00 yuan (5.00% for GOVERNMENT_PAYS arrangements from 2019-03-07 (财金〔2019〕10号))")
}

func TestLedgerQueries(t *testing.T) {
	l, err := ReplayPPPLedger(pppLedger(
		reservedBy(arrID1, PPPViabilityGap, PPPYearAmount{2017, Yuan(2_800_000_000) - 1}, PPPYearAmount{2018, Yuan(2_000_000_000)}),
		reservedBy(arrID2, PPPUserPays, PPPYearAmount{2018, Yuan(800_000_000)}),
	))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		year     int
		obl      Money
		ratio    int
		headroom Money
		level    PPPWarningLevel
	}{
		{2016, 0, 0, Yuan(4_000_000_000), PPPLevelOK},
		{2017, Yuan(2_800_000_000) - 1, 699, Yuan(1_200_000_000) + 1, PPPLevelOK},
		{2018, Yuan(2_800_000_000), 700, Yuan(1_200_000_000), PPPLevelWarning},
	} {
		r, _ := l.Ratio(c.year)
		h, _ := l.Headroom(c.year, PPPViabilityGap)
		if l.Obligations(c.year) != c.obl || r != c.ratio || h != c.headroom || l.WarningLevel(c.year) != c.level {
			t.Errorf("%d: obligations %s, ratio %d, headroom %s, level %s; want %s, %d, %s, %s",
				c.year, l.Obligations(c.year), r, h, l.WarningLevel(c.year), c.obl, c.ratio, c.headroom, c.level)
		}
	}
	if _, ok := l.Ratio(2030); ok {
		t.Error("a ratio without a budget")
	}
	if _, ok := l.Headroom(2030, ""); ok {
		t.Error("headroom without a budget")
	}
	if ys := l.ObligationYears(); len(ys) != 2 || ys[0] != 2017 || ys[1] != 2018 {
		t.Errorf("obligation years %v", ys)
	}
	if rs := l.Reservations(); len(rs) != 2 || rs[0].ArrangementID != arrID1 || rs[1].ReturnMechanism != PPPUserPays {
		t.Errorf("reservations %+v", rs)
	}
	r, _ := l.Reservation(arrID1)
	r.Obligations[0].Amount = 1
	if again, _ := l.Reservation(arrID1); again.Obligations[0].Amount == 1 {
		t.Error("a caller changed a reservation through an accessor")
	}
}

func TestLedgerStreamsThatBreakTheRulesDoNotReplay(t *testing.T) {
	for _, c := range []struct {
		name   string
		events []Event
		msg    string
	}{
		{"a stream not starting with the opening", []Event{standardRuleSet()}, "does not start with PPPLedgerOpened"},
		{"an event of another region", []Event{pppLedgerOpened(), &PPPBudgetRecorded{Region: "320300", Year: 2018, Budget: 1}}, "ledger of region 320300"},
		{"a reservation above the cap (EXCEEDED is never reached)", pppLedger(reservedBy(arrID1, PPPViabilityGap, PPPYearAmount{2018, Yuan(4_000_000_000) + 1})), "above the cap"},
		{"a second reservation of one arrangement", pppLedger(reservedBy(arrID1, PPPUserPays, PPPYearAmount{2018, 1}), reservedBy(arrID1, PPPUserPays, PPPYearAmount{2019, 1})), "already holding"},
		{"an empty reservation", pppLedger(reservedBy(arrID1, PPPUserPays)), "nothing to reserve"},
		{"years out of order", pppLedger(reservedBy(arrID1, PPPUserPays, PPPYearAmount{2019, 1}, PPPYearAmount{2018, 1})), "year 2018 follows year 2019"},
		{
			"a release of other amounts than reserved",
			pppLedger(reservedBy(arrID1, PPPUserPays, PPPYearAmount{2018, 2}),
				&PPPReservationReleased{Region: haRegion, ArrangementID: arrID1, Obligations: []PPPYearAmount{{2018, 1}}, Reason: "r", ReleasedOn: pppBidOn}),
			"releasing 2018: 0.01, but arrangement " + string(arrID1) + " holds 2018: 0.02",
		},
		{
			"a second release",
			pppLedger(reservedBy(arrID1, PPPUserPays, PPPYearAmount{2018, 2}),
				&PPPReservationReleased{Region: haRegion, ArrangementID: arrID1, Obligations: []PPPYearAmount{{2018, 2}}, Reason: "r", ReleasedOn: pppBidOn},
				&PPPReservationReleased{Region: haRegion, ArrangementID: arrID1, Obligations: []PPPYearAmount{{2018, 2}}, Reason: "r", ReleasedOn: pppBidOn}),
			"having released the reservation",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReplayPPPLedger(c.events)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %v, want an error mentioning %q", err, c.msg)
			}
		})
	}
}

func TestArrangementStreamsThatBreakTheRulesDoNotReplay(t *testing.T) {
	exec := pppHistory(PPPExecution)
	for _, c := range []struct {
		name   string
		events []Event
		msg    string
	}{
		{"a stream not starting with the identification", []Event{&PPPIdentificationRevised{ArrangementID: arrID1}}, "does not start with PPPArrangementIdentified"},
		{"an event of another arrangement", with(pppHistory(PPPIdentification), &PPPIdentificationRevised{ArrangementID: arrID2}), "belongs to PPP arrangement " + string(arrID2)},
		{"a gate out of order", with(pppHistory(PPPIdentification), &PPPProcurementApproved{ArrangementID: arrID1}), "the gate closing PROCUREMENT cannot pass in stage IDENTIFICATION"},
		{"a payment against nothing scheduled", with(exec, &PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: 1}), "unknown payment"},
		{"a payment above the schedule", with(exec, pppScheduled(pay1, 2018, 5), &PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: 6}), "0.05 yuan outstanding"},
		{"a cancellation of a closed arrangement", with(pppHistory(PPPClosed), &PPPArrangementCancelled{ArrangementID: arrID1}), "CLOSED already"},
		{"a nil event", []Event{nil}, "nil event"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReplayPPPArrangement(c.events)
			if err == nil || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("got %v, want an error mentioning %q", err, c.msg)
			}
		})
	}
}
