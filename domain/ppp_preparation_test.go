package domain

import (
	"errors"
	"testing"
)

func TestRecordValueForMoney(t *testing.T) {
	record := func(a Actor, score int, psc, pppv Money, on string) pppWhen {
		return onArr((*PPPArrangement).RecordValueForMoney, a,
			RecordPPPValueForMoney{QualitativeScore: score, PSC: psc, PPPV: pppv, AssessedOn: MustDate(on), Today: pppToday})
	}
	prep := pppHistory(PPPPreparation)
	psc, pppv := Yuan(1_650_000_000), Yuan(1_520_000_000)
	runPPPCases(t, []pppCase{
		{
			name: "the owner records a passing assessment", arr: prep, when: record(pppOwner, 82, psc, pppv, "2016-04-20"),
			thenArr: []Event{pppVfM(82, psc, pppv)},
			check: func(t *testing.T, w pppWorld) {
				v, ok := w.arr.ValueForMoney()
				if !ok || !v.Passed || v.Value() != Yuan(130_000_000) || v.Index() != 787 || len(w.arr.ValueForMoneyAssessments()) != 1 {
					t.Errorf("value for money %+v: value %s, index %d", v, v.Value(), v.Index())
				}
			},
		},
		{
			name: "the office records an assessment in which the PPP is dearer: it does not pass", arr: prep,
			when:    record(office, 90, psc, psc+1, "2016-04-20"),
			thenArr: []Event{&PPPValueForMoneyRecorded{ArrangementID: arrID1, QualitativeScore: 90, PSC: psc, PPPV: psc + 1, AssessedOn: pppVfMOn}},
			check: func(t *testing.T, w pppWorld) {
				if v, _ := w.arr.ValueForMoney(); v.Passed || v.Value() != -1 || v.Index() != 0 {
					t.Errorf("value for money %+v", v)
				}
			},
		},
		{
			name: "a PPP value equal to the PSC does not pass", arr: prep, when: record(pppOwner, 90, psc, psc, "2016-04-20"),
			thenArr: []Event{&PPPValueForMoneyRecorded{ArrangementID: arrID1, QualitativeScore: 90, PSC: psc, PPPV: psc, AssessedOn: pppVfMOn}},
		},
		{
			name: "a qualitative score of 59 does not pass", arr: prep, when: record(pppOwner, 59, psc, pppv, "2016-04-20"),
			thenArr: []Event{&PPPValueForMoneyRecorded{ArrangementID: arrID1, QualitativeScore: 59, PSC: psc, PPPV: pppv, AssessedOn: pppVfMOn}},
		},
		{name: "a qualitative score of 60 passes", arr: prep, when: record(pppOwner, 60, psc, pppv, "2016-04-20"), thenArr: []Event{pppVfM(60, psc, pppv)}},
		{
			name: "a new assessment replaces a failed one", arr: with(prep, pppVfM(40, psc, pppv)),
			when: record(pppOwner, 75, psc, pppv, "2016-04-20"), thenArr: []Event{pppVfM(75, psc, pppv)},
			check: func(t *testing.T, w pppWorld) {
				if v, _ := w.arr.ValueForMoney(); !v.Passed || len(w.arr.ValueForMoneyAssessments()) != 2 {
					t.Errorf("latest %+v of %d", v, len(w.arr.ValueForMoneyAssessments()))
				}
			},
		},
		{name: "a score above 100 is refused", arr: prep, when: record(pppOwner, 101, psc, pppv, "2016-04-20"), wantErr: ErrInvalid, wantMsg: "qualitativeScore: 101 is outside 0..100"},
		{name: "a negative score is refused", arr: prep, when: record(pppOwner, -1, psc, pppv, "2016-04-20"), wantErr: ErrInvalid, wantMsg: "qualitativeScore"},
		{name: "a PSC of zero is refused", arr: prep, when: record(pppOwner, 80, 0, pppv, "2016-04-20"), wantErr: ErrInvalid, wantMsg: "psc"},
		{name: "a negative PPP value is refused", arr: prep, when: record(pppOwner, 80, psc, -1, "2016-04-20"), wantErr: ErrInvalid, wantMsg: "pppv"},
		{
			name: "an assessment before the preparation began is refused", arr: prep, when: record(pppOwner, 80, psc, pppv, "2016-03-14"),
			wantErr: ErrInvalid, wantMsg: "2016-03-14 is before the start of stage PREPARATION on 2016-03-15",
		},
		{name: "an assessment after today is refused", arr: prep, when: record(pppOwner, 80, psc, pppv, "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "finance does not record assessments", arr: prep, when: record(pppFinance, 80, psc, pppv, "2016-04-20"), wantErr: ErrForbidden},
		{name: "another organisation's owner may not", arr: prep, when: record(owner, 80, psc, pppv, "2016-04-20"), wantErr: ErrForbidden},
		{
			name: "an assessment during identification is a step in the wrong stage", arr: pppHistory(PPPIdentification),
			when: record(pppOwner, 80, psc, pppv, "2016-04-20"), wantErr: ErrState,
			wantMsg: "cannot record a value-for-money assessment: PPP arrangement of project HA-2016-001 is in stage IDENTIFICATION (allowed only when PREPARATION)",
		},
		{
			name: "an assessment after the preparation gate is refused", arr: pppHistory(PPPProcurement),
			when: record(pppOwner, 80, psc, pppv, "2016-06-20"), wantErr: ErrState, wantMsg: "in stage PROCUREMENT",
		},
	})
}

func approvePreparation(a Actor, on string) pppWhen {
	return func(w pppWorld) ([]Event, []Event, error) {
		return ApprovePreparation(a, w.arr, w.ledger, ApprovePPPPreparation{ApprovedOn: MustDate(on), Note: "财政承受能力论证通过", Today: pppToday})
	}
}

func TestApprovePreparation(t *testing.T) {
	assessed := pppAssessed()
	approved := &PPPPreparationApproved{ArrangementID: arrID1, ApprovedOn: pppPreparedOn, Note: "财政承受能力论证通过"}
	reserved := &PPPObligationsReserved{Region: haRegion, ArrangementID: arrID1, ReturnMechanism: PPPViabilityGap,
		Obligations: pppTerms().Obligations, ReservedOn: pppPreparedOn}
	gp := func(events []Event) []Event {
		return withTerms(events, func(t *PPPTerms) { t.ReturnMechanism = PPPGovernmentPays })
	}
	gpRule := &PPPAffordabilityRuleSet{Region: haRegion, CapBP: 500, ValidFrom: MustDate("2017-01-01"), ReturnMechanism: PPPGovernmentPays, Basis: "示例"}
	runPPPCases(t, []pppCase{
		{
			name: "the bureau passes the affordability gate and the ledger reserves every year's obligation",
			arr:  assessed, ledger: pppLedger(), when: approvePreparation(pppFinance, "2016-05-10"),
			thenArr: []Event{approved}, thenLedger: []Event{reserved},
			check: func(t *testing.T, w pppWorld) {
				if w.arr.Stage() != PPPProcurement || !w.arr.HoldsReservation() || w.arr.StageSince() != pppPreparedOn {
					t.Errorf("stage %s, holds a reservation: %v", w.arr.Stage(), w.arr.HoldsReservation())
				}
				l := w.ledger
				if l.Obligations(2018) != Yuan(120_000_000) || l.Obligations(2016) != 0 {
					t.Errorf("obligations 2018 %s, 2016 %s", l.Obligations(2018), l.Obligations(2016))
				}
				if h, ok := l.Headroom(2018, PPPViabilityGap); !ok || h != Yuan(3_880_000_000) {
					t.Errorf("headroom %s %v", h, ok)
				}
				if r, ok := l.Ratio(2018); !ok || r != 30 {
					t.Errorf("ratio %d %v", r, ok)
				}
			},
		},
		{
			name:   "an arrangement without obligations passes and the ledger reserves nothing",
			arr:    withTerms(assessed, func(t *PPPTerms) { t.ReturnMechanism, t.Obligations = PPPUserPays, nil }),
			ledger: pppLedger(), when: approvePreparation(pppFinance, "2016-05-10"), thenArr: []Event{approved},
			check: func(t *testing.T, w pppWorld) {
				if _, ok := w.ledger.Reservation(arrID1); ok || w.arr.HoldsReservation() {
					t.Errorf("a reservation without obligations")
				}
			},
		},
		{
			name: "the obligations may reach the cap exactly", arr: assessed,
			ledger: pppLedger(reservedBy(arrID2, PPPUserPays, PPPYearAmount{2018, Yuan(3_880_000_000)})),
			when:   approvePreparation(pppFinance, "2016-05-10"), thenArr: []Event{approved}, thenLedger: []Event{reserved},
			check: func(t *testing.T, w pppWorld) {
				if h, _ := w.ledger.Headroom(2018, ""); h != 0 || w.ledger.WarningLevel(2018) != PPPLevelWarning {
					t.Errorf("headroom %s, level %s", h, w.ledger.WarningLevel(2018))
				}
			},
		},
		{
			name: "a year above the cap is refused naming the year, the budget, the obligations and the cap", arr: assessed,
			ledger: pppLedger(reservedBy(arrID2, PPPViabilityGap, PPPYearAmount{2018, Yuan(3_900_000_000)})),
			when:   approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState,
			wantMsg: "fiscal affordability of PPP ledger of 淮安市 (320800) in 2018: obligations of 3900000000.00 yuan already reserved " +
				"plus 120000000.00 yuan of this arrangement make 4020000000.00 yuan, 10.05% of the general public budget of 40000000000.00 yuan, " +
				"above the cap of 4000000000.00 yuan (10.00% for all arrangements from 2015-01-01 (财金〔2015〕21号))",
		},
		{
			name: "one fen above the cap is refused", arr: assessed,
			ledger: pppLedger(reservedBy(arrID2, PPPViabilityGap, PPPYearAmount{2019, Yuan(3_880_000_000) + 1})),
			when:   approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState, wantMsg: "in 2019: obligations of 3880000000.01 yuan already reserved plus 120000000.00 yuan of this arrangement make 4000000000.01 yuan, 10.01%",
		},
		{
			name: "a GOVERNMENT_PAYS arrangement meets the later 5% rule", arr: gp(assessed),
			ledger: pppLedger(gpRule, reservedBy(arrID2, PPPUserPays, PPPYearAmount{2018, Yuan(1_900_000_000)})),
			when:   approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState,
			wantMsg: "make 2020000000.00 yuan, 5.05% of the general public budget of 40000000000.00 yuan, above the cap of 2000000000.00 yuan (5.00% for GOVERNMENT_PAYS arrangements from 2017-01-01 (示例))",
		},
		{
			name: "the 5% rule does not cap a VIABILITY_GAP arrangement", arr: assessed,
			ledger: pppLedger(gpRule, reservedBy(arrID2, PPPUserPays, PPPYearAmount{2018, Yuan(1_900_000_000)})),
			when:   approvePreparation(pppFinance, "2016-05-10"), thenArr: []Event{approved}, thenLedger: []Event{reserved},
		},
		{
			name: "a year without a recorded budget is refused naming the year", arr: withTerms(assessed, func(t *PPPTerms) {
				t.Obligations = append(t.Obligations, PPPYearAmount{2021, Yuan(1)})
			}),
			ledger: pppLedger(), when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState,
			wantMsg: "cannot reserve fiscal headroom: PPP ledger of 淮安市 (320800) is without a general public budget recorded for 2021",
		},
		{
			name: "without a rule for all arrangements nothing is affordable", arr: assessed,
			ledger: []Event{pppLedgerOpened(), budgetRecorded(2017, haBudget), budgetRecorded(2018, haBudget), budgetRecorded(2019, haBudget)},
			when:   approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState,
			wantMsg: "without an affordability rule for all arrangements in force on 2017-01-01",
		},
		{
			name: "a rule valid from later in the year is not in force for that year", arr: assessed,
			ledger: []Event{pppLedgerOpened(), &PPPAffordabilityRuleSet{Region: haRegion, CapBP: 1000, ValidFrom: MustDate("2017-01-02")},
				budgetRecorded(2017, haBudget), budgetRecorded(2018, haBudget), budgetRecorded(2019, haBudget)},
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState, wantMsg: "in force on 2017-01-01",
		},
		{
			name: "without a passed value-for-money assessment the gate is refused", arr: pppHistory(PPPPreparation), ledger: pppLedger(),
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState, wantMsg: "is without a value-for-money assessment",
		},
		{
			name: "a value-for-money assessment that did not pass is named", arr: with(pppHistory(PPPPreparation), pppVfM(55, Yuan(100), Yuan(105))),
			ledger: pppLedger(), when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState,
			wantMsg: "failing value for money in the assessment of 2016-04-20: the PPP value of 105.00 yuan is not below the PSC of 100.00 yuan " +
				"and the qualitative score of 55 is below 60",
		},
		{
			name: "the latest assessment counts", arr: with(assessed, pppVfM(82, Yuan(100), Yuan(100))), ledger: pppLedger(),
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState, wantMsg: "the PPP value of 100.00 yuan is not below the PSC of 100.00 yuan",
		},
		{
			name: "the gate passed out of order is refused", arr: pppHistory(PPPIdentification), ledger: pppLedger(),
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState,
			wantMsg: "cannot approve the PPP preparation: PPP arrangement of project HA-2016-001 is in stage IDENTIFICATION (allowed only when PREPARATION)",
		},
		{
			name: "the gate passes once", arr: pppHistory(PPPProcurement), ledger: pppLedgerFor(pppHistory(PPPProcurement)),
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrState, wantMsg: "in stage PROCUREMENT",
		},
		{
			name: "another finance bureau may not pass the gate", arr: assessed, ledger: pppLedger(),
			when: approvePreparation(finance, "2016-05-10"), wantErr: ErrForbidden, wantMsg: "approved by the finance bureau org-ha-finance",
		},
		{
			name: "the bureau must keep the region's ledger", arr: assessed,
			ledger: with([]Event{&PPPLedgerOpened{Region: haRegion, FinanceOrg: "org-js-finance"}}, pppLedger()[1:]...),
			when:   approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrForbidden, wantMsg: "kept by organisation org-js-finance",
		},
		{name: "the office may not pass the gate", arr: assessed, ledger: pppLedger(), when: approvePreparation(office, "2016-05-10"), wantErr: ErrForbidden},
		{
			name: "a ledger never opened is refused", arr: assessed,
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrNotFound, wantMsg: "PPP ledger of region 320800 not found",
		},
		{
			name: "another region's ledger is refused", arr: assessed, ledger: []Event{&PPPLedgerOpened{Region: "320300", FinanceOrg: pppFinance.OrgID}},
			when: approvePreparation(pppFinance, "2016-05-10"), wantErr: ErrInvalid, wantMsg: "is in region 320800, not 320300",
		},
		{
			name: "the approval may not precede the assessment", arr: assessed, ledger: pppLedger(),
			when: approvePreparation(pppFinance, "2016-04-19"), wantErr: ErrInvalid, wantMsg: "before the value-for-money assessment on 2016-04-20",
		},
		{
			name: "the approval may not be after today", arr: assessed, ledger: pppLedger(),
			when: approvePreparation(pppFinance, "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today",
		},
	})

	t.Run("the affordability error carries the figures", func(t *testing.T) {
		w := replayPPPWorld(t, assessed, pppLedger(reservedBy(arrID2, PPPViabilityGap, PPPYearAmount{2018, Yuan(3_900_000_000)})), pppProject(StatusApproved))
		_, _, err := approvePreparation(pppFinance, "2016-05-10")(w)
		var ae *PPPAffordabilityError
		if !errors.As(err, &ae) {
			t.Fatalf("want a *PPPAffordabilityError, got %T: %v", err, err)
		}
		want := PPPAffordabilityError{Region: haRegion, Year: 2018, Budget: haBudget, Existing: Yuan(3_900_000_000), Amount: Yuan(120_000_000),
			Cap: Yuan(4_000_000_000), Rule: PPPAffordabilityRule{CapBP: 1000, ValidFrom: MustDate("2015-01-01"), Basis: "财金〔2015〕21号"}}
		if *ae != want {
			t.Errorf("got %+v\nwant %+v", *ae, want)
		}
	})
	t.Run("nil arrangement", func(t *testing.T) {
		_, _, err := ApprovePreparation(pppFinance, nil, nil, ApprovePPPPreparation{})
		checkErr(t, err, ErrNotFound, "PPP arrangement")
	})
}
