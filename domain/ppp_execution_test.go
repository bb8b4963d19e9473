package domain

import "testing"

func TestSchedulePayment(t *testing.T) {
	exec := pppHistory(PPPExecution)
	schedule := func(a Actor, id PPPPaymentID, year int, kind PPPPaymentKind, amount Money, due string) pppWhen {
		return onArr((*PPPArrangement).SchedulePayment, a, SchedulePPPPayment{PaymentID: id, Year: year, Kind: kind, Amount: amount, DueOn: MustDate(due)})
	}
	scheduled := with(exec, pppScheduled(pay1, 2018, Yuan(100_000_000)))
	assessed := with(exec, &PPPPerformanceAssessed{ArrangementID: arrID1, Year: 2018, Score: 55, DeductionBP: 1000, AssessedOn: MustDate("2018-03-01")})
	runPPPCases(t, []pppCase{
		{
			name: "the bureau schedules an availability payment within the year's obligation", arr: exec,
			when:    schedule(pppFinance, pay1, 2018, PPPAvailabilityPayment, Yuan(100_000_000), "2018-12-31"),
			thenArr: []Event{pppScheduled(pay1, 2018, Yuan(100_000_000))},
			check: func(t *testing.T, w pppWorld) {
				p, ok := w.arr.Payment(pay1)
				if !ok || p.Payable != Yuan(100_000_000) || p.Outstanding() != Yuan(100_000_000) || w.arr.Scheduled(2018) != Yuan(100_000_000) ||
					w.arr.Payable(2018) != Yuan(100_000_000) || len(w.arr.Payments()) != 1 {
					t.Errorf("payment %+v", p)
				}
			},
		},
		{
			name: "payments of a year may add up to its obligation exactly", arr: scheduled,
			when:    schedule(pppFinance, pay2, 2018, PPPPerformancePayment, Yuan(20_000_000), "2019-01-31"),
			thenArr: []Event{&PPPPaymentScheduled{ArrangementID: arrID1, PaymentID: pay2, Year: 2018, Kind: PPPPerformancePayment, Amount: Yuan(20_000_000), DueOn: MustDate("2019-01-31")}},
		},
		{
			name: "payments of a year may not exceed its obligation", arr: scheduled,
			when: schedule(pppFinance, pay2, 2018, PPPUsagePayment, Yuan(20_000_000)+1, "2018-12-31"), wantErr: ErrInvalid,
			wantMsg: "scheduling 20000000.01 yuan for 2018 on top of the 100000000.00 yuan scheduled exceeds the year's obligation of 120000000.00 yuan",
		},
		{
			name: "a payment scheduled after the year's assessment is payable less its deduction", arr: assessed,
			when: schedule(pppFinance, pay1, 2018, PPPAvailabilityPayment, Yuan(100_000_000), "2018-12-31"), thenArr: []Event{pppScheduled(pay1, 2018, Yuan(100_000_000))},
			check: func(t *testing.T, w pppWorld) {
				if p, _ := w.arr.Payment(pay1); p.Payable != Yuan(90_000_000) {
					t.Errorf("payable %s", p.Payable)
				}
			},
		},
		{
			name: "a year of the term without an obligation takes no payment", arr: exec,
			when: schedule(pppFinance, pay1, 2020, PPPAvailabilityPayment, Yuan(1), "2020-12-31"), wantErr: ErrInvalid, wantMsg: "no payment obligation in 2020",
		},
		{
			name: "a year outside the term is refused", arr: exec,
			when: schedule(pppFinance, pay1, 2016, PPPAvailabilityPayment, Yuan(1), "2016-12-31"), wantErr: ErrInvalid, wantMsg: "year: 2016 is outside the term 2017–2031",
		},
		{
			name: "a payment id is scheduled once", arr: scheduled,
			when: schedule(pppFinance, pay1, 2019, PPPAvailabilityPayment, Yuan(1), "2019-12-31"), wantErr: ErrInvalid, wantMsg: "scheduled already",
		},
		{name: "the payment id must be a UUID", arr: exec, when: schedule(pppFinance, "p1", 2019, PPPAvailabilityPayment, Yuan(1), "2019-12-31"), wantErr: ErrInvalid, wantMsg: "paymentId"},
		{name: "an unknown kind is refused", arr: exec, when: schedule(pppFinance, pay1, 2019, "BONUS", Yuan(1), "2019-12-31"), wantErr: ErrInvalid, wantMsg: `"BONUS"`},
		{name: "an amount of zero is refused", arr: exec, when: schedule(pppFinance, pay1, 2019, PPPUsagePayment, 0, "2019-12-31"), wantErr: ErrInvalid, wantMsg: "amount"},
		{
			name: "a payment due before its year is refused", arr: exec,
			when: schedule(pppFinance, pay1, 2019, PPPUsagePayment, Yuan(1), "2018-12-31"), wantErr: ErrInvalid, wantMsg: "before the start of 2019 on 2019-01-01",
		},
		{name: "the owner does not schedule payments", arr: exec, when: schedule(pppOwner, pay1, 2019, PPPUsagePayment, Yuan(1), "2019-12-31"), wantErr: ErrForbidden},
		{name: "another bureau does not schedule payments", arr: exec, when: schedule(finance, pay1, 2019, PPPUsagePayment, Yuan(1), "2019-12-31"), wantErr: ErrForbidden},
		{
			name: "no payments during procurement", arr: pppProcured(),
			when: schedule(pppFinance, pay1, 2019, PPPUsagePayment, Yuan(1), "2019-12-31"), wantErr: ErrState,
			wantMsg: "cannot schedule a PPP payment: PPP arrangement of project HA-2016-001 is in stage PROCUREMENT (allowed only when EXECUTION)",
		},
	})
}

func TestRecordPayment(t *testing.T) {
	scheduled := with(pppHistory(PPPExecution), pppScheduled(pay1, 2018, Yuan(100_000_000)))
	paid := with(scheduled, &PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: Yuan(60_000_000), PaidOn: MustDate("2018-06-30")})
	deducted := with(scheduled, &PPPPerformanceAssessed{ArrangementID: arrID1, Year: 2018, Score: 55, DeductionBP: 1500, AssessedOn: MustDate("2018-12-01")})
	pay := func(a Actor, id PPPPaymentID, amount Money, on string) pppWhen {
		return onArr((*PPPArrangement).RecordPayment, a, RecordPPPPayment{PaymentID: id, Amount: amount, PaidOn: MustDate(on), Today: pppToday})
	}
	runPPPCases(t, []pppCase{
		{
			name: "the bureau pays part of a scheduled payment", arr: scheduled, when: pay(pppFinance, pay1, Yuan(60_000_000), "2018-06-30"),
			thenArr: []Event{&PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: Yuan(60_000_000), PaidOn: MustDate("2018-06-30")}},
			check: func(t *testing.T, w pppWorld) {
				p, _ := w.arr.Payment(pay1)
				if p.Paid != Yuan(60_000_000) || p.Outstanding() != Yuan(40_000_000) || p.LastPaidOn != MustDate("2018-06-30") || w.arr.Paid(2018) != Yuan(60_000_000) {
					t.Errorf("payment %+v", p)
				}
			},
		},
		{
			name: "the rest may be paid", arr: paid, when: pay(pppFinance, pay1, Yuan(40_000_000), "2018-12-20"),
			thenArr: []Event{&PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: Yuan(40_000_000), PaidOn: MustDate("2018-12-20")}},
		},
		{
			name: "paying beyond the scheduled amount is refused", arr: paid, when: pay(pppFinance, pay1, Yuan(40_000_000)+1, "2018-12-20"), wantErr: ErrInvalid,
			wantMsg: "paying 40000000.01 yuan exceeds the 40000000.00 yuan outstanding on the 2018 AVAILABILITY payment (100000000.00 yuan scheduled, 0.00% deducted for performance, 60000000.00 yuan paid)",
		},
		{
			name: "the year's performance deduction lowers what may be paid", arr: deducted, when: pay(pppFinance, pay1, Yuan(85_000_000)+1, "2018-12-20"), wantErr: ErrInvalid,
			wantMsg: "exceeds the 85000000.00 yuan outstanding on the 2018 AVAILABILITY payment (100000000.00 yuan scheduled, 15.00% deducted for performance",
		},
		{
			name: "the payable amount after the deduction may be paid", arr: deducted, when: pay(pppFinance, pay1, Yuan(85_000_000), "2018-12-20"),
			thenArr: []Event{&PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: Yuan(85_000_000), PaidOn: MustDate("2018-12-20")}},
		},
		{name: "an unknown payment is not found", arr: scheduled, when: pay(pppFinance, pay2, Yuan(1), "2018-12-20"), wantErr: ErrNotFound, wantMsg: "scheduled PPP payment " + string(pay2)},
		{name: "an amount of zero is refused", arr: scheduled, when: pay(pppFinance, pay1, 0, "2018-12-20"), wantErr: ErrInvalid, wantMsg: "amount"},
		{name: "a payment after today is refused", arr: scheduled, when: pay(pppFinance, pay1, Yuan(1), "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
		{
			name: "a payment before execution began is refused", arr: scheduled, when: pay(pppFinance, pay1, Yuan(1), "2016-07-31"),
			wantErr: ErrInvalid, wantMsg: "before the start of stage EXECUTION on 2016-08-01",
		},
		{name: "the office does not record payments", arr: scheduled, when: pay(office, pay1, Yuan(1), "2018-12-20"), wantErr: ErrForbidden},
		{
			name: "no payments once the transfer started", arr: with(scheduled, &PPPTransferStarted{ArrangementID: arrID1, ApprovedOn: pppTransferOn}),
			when: pay(pppFinance, pay1, Yuan(1), "2032-01-20"), wantErr: ErrState, wantMsg: "in stage TRANSFER",
		},
	})
}

func TestRecordPerformanceAssessment(t *testing.T) {
	exec := pppHistory(PPPExecution)
	scheduled := with(exec, pppScheduled(pay1, 2018, Yuan(100_000_000)))
	paid := with(scheduled, &PPPPaymentRecorded{ArrangementID: arrID1, PaymentID: pay1, Amount: Yuan(90_000_000), PaidOn: MustDate("2018-06-30")})
	assess := func(a Actor, year, score, deduction int, on string) pppWhen {
		return onArr((*PPPArrangement).RecordPerformanceAssessment, a,
			RecordPPPPerformanceAssessment{Year: year, Score: score, DeductionBP: deduction, AssessedOn: MustDate(on), Today: pppToday})
	}
	assessed := func(year, score, deduction int, on string) *PPPPerformanceAssessed {
		return &PPPPerformanceAssessed{ArrangementID: arrID1, Year: year, Score: score, DeductionBP: deduction, AssessedOn: MustDate(on)}
	}
	runPPPCases(t, []pppCase{
		{
			name: "a poor score deducts from the year's payments already scheduled", arr: scheduled, when: assess(office, 2018, 55, 1500, "2019-01-20"),
			thenArr: []Event{assessed(2018, 55, 1500, "2019-01-20")},
			check: func(t *testing.T, w pppWorld) {
				a, ok := w.arr.Assessment(2018)
				if !ok || a.Score != 55 || w.arr.Payable(2018) != Yuan(85_000_000) || w.arr.Scheduled(2018) != Yuan(100_000_000) || len(w.arr.Assessments()) != 1 {
					t.Errorf("assessment %+v, payable %s", a, w.arr.Payable(2018))
				}
			},
		},
		{name: "a good score need not deduct", arr: exec, when: assess(pppOwner, 2017, 92, 0, "2017-12-20"), thenArr: []Event{assessed(2017, 92, 0, "2017-12-20")}},
		{name: "a score of 60 need not deduct", arr: exec, when: assess(pppOwner, 2017, 60, 0, "2017-12-20"), thenArr: []Event{assessed(2017, 60, 0, "2017-12-20")}},
		{
			name: "a score below 60 must deduct", arr: exec, when: assess(pppOwner, 2017, 59, 0, "2017-12-20"),
			wantErr: ErrInvalid, wantMsg: "a score of 59, below 60, must deduct from the year's payments",
		},
		{name: "a deduction of everything is allowed", arr: exec, when: assess(office, 2019, 10, 10000, "2020-01-10"), thenArr: []Event{assessed(2019, 10, 10000, "2020-01-10")}},
		{name: "a deduction above 100% is refused", arr: exec, when: assess(office, 2019, 10, 10001, "2020-01-10"), wantErr: ErrInvalid, wantMsg: "deductionBp: 10001 is outside 0..10000"},
		{name: "a score above 100 is refused", arr: exec, when: assess(office, 2019, 101, 0, "2020-01-10"), wantErr: ErrInvalid, wantMsg: "score: 101"},
		{
			name: "a deduction may not leave a payment below what was paid", arr: paid, when: assess(office, 2018, 55, 1500, "2019-01-20"), wantErr: ErrInvalid,
			wantMsg: "deducting 15.00% would leave the 2018 AVAILABILITY payment payable at 85000000.00 yuan, below the 90000000.00 yuan paid already",
		},
		{name: "a deduction down to what was paid is allowed", arr: paid, when: assess(office, 2018, 55, 1000, "2019-01-20"), thenArr: []Event{assessed(2018, 55, 1000, "2019-01-20")}},
		{
			name: "a year is assessed once", arr: with(exec, assessed(2018, 85, 0, "2019-01-20")), when: assess(office, 2018, 50, 500, "2019-02-20"),
			wantErr: ErrState, wantMsg: "with 2018 assessed already on 2019-01-20 (score 85)",
		},
		{name: "a year outside the term is refused", arr: exec, when: assess(office, 2032, 90, 0, "2032-03-01"), wantErr: ErrInvalid, wantMsg: "2032 is outside the term 2017–2031"},
		{name: "a year cannot be assessed before it began", arr: exec, when: assess(office, 2019, 90, 0, "2018-12-31"), wantErr: ErrInvalid, wantMsg: "before the start of 2019 on 2019-01-01"},
		{name: "an assessment after today is refused", arr: exec, when: assess(office, 2019, 90, 0, "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "finance does not assess", arr: exec, when: assess(pppFinance, 2019, 90, 0, "2020-01-10"), wantErr: ErrForbidden},
		{name: "no assessments during transfer", arr: pppHistory(PPPTransfer), when: assess(office, 2019, 90, 0, "2032-01-10"), wantErr: ErrState, wantMsg: "in stage TRANSFER"},
	})
}

func TestApproveTransferStart(t *testing.T) {
	approve := func(a Actor, on string) pppWhen {
		return onArr((*PPPArrangement).ApproveTransferStart, a, ApprovePPPTransferStart{ApprovedOn: MustDate(on), Note: "期满移交", Today: pppToday})
	}
	exec := pppHistory(PPPExecution)
	runPPPCases(t, []pppCase{
		{
			name: "the bureau passes the execution gate", arr: exec, when: approve(pppFinance, "2031-12-31"),
			thenArr: []Event{&PPPTransferStarted{ArrangementID: arrID1, ApprovedOn: pppTransferOn, Note: "期满移交"}},
			check: func(t *testing.T, w pppWorld) {
				if g, ok := w.arr.Gate(PPPExecution); w.arr.Stage() != PPPTransfer || !ok || g.Note != "期满移交" {
					t.Errorf("stage %s, gate %+v", w.arr.Stage(), g)
				}
			},
		},
		{name: "not before execution began", arr: exec, when: approve(pppFinance, "2016-07-31"), wantErr: ErrInvalid, wantMsg: "before the start of stage EXECUTION"},
		{name: "another bureau may not", arr: exec, when: approve(finance, "2031-12-31"), wantErr: ErrForbidden},
		{name: "the office may not", arr: exec, when: approve(office, "2031-12-31"), wantErr: ErrForbidden},
		{
			name: "the execution gate during procurement is out of order", arr: pppProcured(), when: approve(pppFinance, "2031-12-31"),
			wantErr: ErrState, wantMsg: "cannot approve the start of the PPP transfer: PPP arrangement of project HA-2016-001 is in stage PROCUREMENT (allowed only when EXECUTION)",
		},
	})
}
