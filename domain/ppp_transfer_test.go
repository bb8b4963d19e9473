package domain

import "testing"

func TestHandOverAssets(t *testing.T) {
	transfer := pppHistory(PPPTransfer)
	handOver := func(a Actor, desc, on string) pppWhen {
		return onArr((*PPPArrangement).HandOverAssets, a, HandOverPPPAssets{HandedOverOn: MustDate(on), Description: desc, Today: pppToday})
	}
	handed := &PPPAssetsHandedOver{ArrangementID: arrID1, HandedOverOn: pppHandedOn, Description: "平台与机房整体移交"}
	runPPPCases(t, []pppCase{
		{
			name: "the owner hands the assets over", arr: transfer, when: handOver(pppOwner, " 平台与机房整体移交 ", "2032-01-15"), thenArr: []Event{handed},
			check: func(t *testing.T, w pppWorld) {
				if h, ok := w.arr.Handover(); !ok || h.HandedOverOn != pppHandedOn {
					t.Errorf("handover %+v", h)
				}
			},
		},
		{name: "the office records the handover", arr: transfer, when: handOver(office, "平台与机房整体移交", "2032-01-15"), thenArr: []Event{handed}},
		{name: "the assets are handed over once", arr: with(transfer, handed), when: handOver(office, "again", "2032-01-16"), wantErr: ErrState, wantMsg: "handed over already on 2032-01-15"},
		{name: "a description is required", arr: transfer, when: handOver(office, "", "2032-01-15"), wantErr: ErrInvalid, wantMsg: "description: is required"},
		{name: "not before the transfer began", arr: transfer, when: handOver(office, "d", "2031-12-30"), wantErr: ErrInvalid, wantMsg: "before the start of stage TRANSFER on 2031-12-31"},
		{name: "finance does not hand over", arr: transfer, when: handOver(pppFinance, "d", "2032-01-15"), wantErr: ErrForbidden},
		{name: "no handover during execution", arr: pppHistory(PPPExecution), when: handOver(office, "d", "2032-01-15"), wantErr: ErrState, wantMsg: "in stage EXECUTION"},
	})
}

func TestClosePPPArrangement(t *testing.T) {
	transfer := pppHistory(PPPTransfer)
	handed := with(transfer, &PPPAssetsHandedOver{ArrangementID: arrID1, HandedOverOn: pppHandedOn, Description: "平台与机房整体移交"})
	closeWhen := func(a Actor, on string) pppWhen {
		return onArr((*PPPArrangement).Close, a, ClosePPPArrangement{ClosedOn: MustDate(on), Today: pppToday})
	}
	runPPPCases(t, []pppCase{
		{
			name: "the bureau closes the arrangement after the handover and the ledger keeps its obligations", arr: handed, ledger: pppLedgerFor(handed),
			when: closeWhen(pppFinance, "2032-03-01"), thenArr: []Event{&PPPArrangementClosed{ArrangementID: arrID1, ClosedOn: pppClosedOn}},
			check: func(t *testing.T, w pppWorld) {
				if w.arr.Stage() != PPPClosed || !w.arr.Stage().IsTerminal() || len(w.arr.Gates()) != 5 || w.ledger.Obligations(2018) != Yuan(120_000_000) {
					t.Errorf("stage %s, gates %d, 2018 obligations %s", w.arr.Stage(), len(w.arr.Gates()), w.ledger.Obligations(2018))
				}
			},
		},
		{name: "not before the handover", arr: transfer, when: closeWhen(pppFinance, "2032-03-01"), wantErr: ErrState, wantMsg: "without the assets handed over"},
		{name: "not on a day before the handover", arr: handed, when: closeWhen(pppFinance, "2032-01-14"), wantErr: ErrInvalid, wantMsg: "before the handover on 2032-01-15"},
		{name: "another bureau may not close", arr: handed, when: closeWhen(finance, "2032-03-01"), wantErr: ErrForbidden},
		{name: "the office may not close", arr: handed, when: closeWhen(office, "2032-03-01"), wantErr: ErrForbidden},
		{
			name: "closing during execution is out of order", arr: pppHistory(PPPExecution), when: closeWhen(pppFinance, "2032-03-01"),
			wantErr: ErrState, wantMsg: "cannot close the PPP arrangement: PPP arrangement of project HA-2016-001 is in stage EXECUTION (allowed only when TRANSFER)",
		},
		{name: "a closed arrangement is closed once", arr: pppHistory(PPPClosed), when: closeWhen(pppFinance, "2032-03-02"), wantErr: ErrState, wantMsg: "in stage CLOSED"},
	})
}

func TestCancelPPPArrangement(t *testing.T) {
	cancel := func(a Actor, reason, on string) pppWhen {
		return func(w pppWorld) ([]Event, []Event, error) {
			return CancelPPPArrangement(a, w.arr, w.ledger, CancelPPPArrangementCmd{Reason: reason, CancelledOn: MustDate(on), Today: pppToday})
		}
	}
	cancelled := func(from PPPStage, on string) *PPPArrangementCancelled {
		return &PPPArrangementCancelled{ArrangementID: arrID1, PreviousStage: from, Reason: "项目调整", CancelledOn: MustDate(on)}
	}
	released := func(on string) *PPPReservationReleased {
		return &PPPReservationReleased{Region: haRegion, ArrangementID: arrID1, Obligations: pppTerms().Obligations, Reason: "项目调整", ReleasedOn: MustDate(on)}
	}
	releasedAll := func(t *testing.T, w pppWorld) {
		r, ok := w.ledger.Reservation(arrID1)
		if !ok || !r.Released || w.ledger.Obligations(2018) != 0 || len(w.ledger.ObligationYears()) != 0 || w.arr.HoldsReservation() {
			t.Errorf("reservation %+v, 2018 obligations %s", r, w.ledger.Obligations(2018))
		}
		if from, reason, _, ok := w.arr.Cancellation(); !ok || reason != "项目调整" || from == "" {
			t.Errorf("cancellation from %s: %q", from, reason)
		}
	}
	proc, exec, transfer := pppHistory(PPPProcurement), pppHistory(PPPExecution), pppHistory(PPPTransfer)
	userPays := withTerms(proc, func(t *PPPTerms) { t.ReturnMechanism, t.Obligations = PPPUserPays, nil })
	runPPPCases(t, []pppCase{
		{
			name: "the office cancels during identification: there is nothing to release", arr: pppHistory(PPPIdentification),
			when: cancel(office, " 项目调整 ", "2016-02-01"), thenArr: []Event{cancelled(PPPIdentification, "2016-02-01")},
			check: func(t *testing.T, w pppWorld) {
				if from, _, on, ok := w.arr.Cancellation(); !ok || from != PPPIdentification || on != MustDate("2016-02-01") || w.arr.Stage() != PPPCancelled {
					t.Errorf("cancellation from %s on %s", from, on)
				}
			},
		},
		{
			name: "the bureau cancels during preparation: nothing is reserved yet", arr: pppAssessed(), ledger: pppLedger(),
			when: cancel(pppFinance, "项目调整", "2016-04-21"), thenArr: []Event{cancelled(PPPPreparation, "2016-04-21")},
		},
		{
			name: "a cancellation during procurement releases the reservation", arr: proc, ledger: pppLedgerFor(proc),
			when: cancel(office, "项目调整", "2016-06-01"), thenArr: []Event{cancelled(PPPProcurement, "2016-06-01")}, thenLedger: []Event{released("2016-06-01")},
			check: releasedAll,
		},
		{
			name: "a cancellation during execution releases the reservation", arr: exec, ledger: pppLedgerFor(exec),
			when: cancel(pppFinance, "项目调整", "2019-06-01"), thenArr: []Event{cancelled(PPPExecution, "2019-06-01")}, thenLedger: []Event{released("2019-06-01")},
			check: releasedAll,
		},
		{
			name: "a cancellation during transfer releases the reservation", arr: transfer, ledger: pppLedgerFor(transfer),
			when: cancel(office, "项目调整", "2032-01-05"), thenArr: []Event{cancelled(PPPTransfer, "2032-01-05")}, thenLedger: []Event{released("2032-01-05")},
			check: releasedAll,
		},
		{
			name: "an arrangement without obligations releases nothing", arr: userPays, ledger: pppLedgerFor(userPays),
			when: cancel(office, "项目调整", "2016-06-01"), thenArr: []Event{cancelled(PPPProcurement, "2016-06-01")},
		},
		{
			name: "the other arrangements' reservations stay", arr: proc, ledger: pppLedgerFor(proc, reservedBy(arrID2, PPPUserPays, PPPYearAmount{2018, Yuan(5)})),
			when: cancel(office, "项目调整", "2016-06-01"), thenArr: []Event{cancelled(PPPProcurement, "2016-06-01")}, thenLedger: []Event{released("2016-06-01")},
			check: func(t *testing.T, w pppWorld) {
				if w.ledger.Obligations(2018) != Yuan(5) || w.ledger.Obligations(2017) != 0 {
					t.Errorf("obligations %s %s", w.ledger.Obligations(2018), w.ledger.Obligations(2017))
				}
			},
		},
		{
			name: "after preparation the region's ledger is needed", arr: proc,
			when: cancel(office, "项目调整", "2016-06-01"), wantErr: ErrNotFound, wantMsg: "PPP ledger of region 320800",
		},
		{
			name: "a ledger that does not hold the reservation is a corrupt state", arr: proc, ledger: pppLedger(),
			when: cancel(office, "项目调整", "2016-06-01"), wantErr: ErrState, wantMsg: "holding no reservation for arrangement " + string(arrID1),
		},
		{
			name: "before the identification gate any finance bureau may cancel", arr: pppHistory(PPPIdentification),
			when: cancel(finance, "项目调整", "2016-02-01"), thenArr: []Event{cancelled(PPPIdentification, "2016-02-01")},
		},
		{name: "after it, only the arrangement's bureau", arr: proc, ledger: pppLedgerFor(proc), when: cancel(finance, "r", "2016-06-01"), wantErr: ErrForbidden, wantMsg: "org-ha-finance"},
		{name: "the owner may not cancel", arr: proc, ledger: pppLedgerFor(proc), when: cancel(pppOwner, "r", "2016-06-01"), wantErr: ErrForbidden, wantMsg: "requires role [office finance]"},
		{name: "a reason is required", arr: proc, ledger: pppLedgerFor(proc), when: cancel(office, " ", "2016-06-01"), wantErr: ErrInvalid, wantMsg: "reason: is required"},
		{name: "not before the stage began", arr: proc, ledger: pppLedgerFor(proc), when: cancel(office, "r", "2016-05-09"), wantErr: ErrInvalid, wantMsg: "before the start of stage PROCUREMENT"},
		{name: "not after today", arr: proc, ledger: pppLedgerFor(proc), when: cancel(office, "r", "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
		{
			name: "a closed arrangement cannot be cancelled", arr: pppHistory(PPPClosed), ledger: pppLedgerFor(pppHistory(PPPClosed)),
			when: cancel(office, "r", "2032-03-02"), wantErr: ErrState,
			wantMsg: "is in stage CLOSED (allowed only when IDENTIFICATION, PREPARATION, PROCUREMENT, EXECUTION, TRANSFER)",
		},
		{
			name: "a cancelled arrangement is cancelled once", arr: pppHistory(PPPCancelled), ledger: pppLedgerFor(pppHistory(PPPCancelled)),
			when: cancel(office, "r", "2016-06-21"), wantErr: ErrState, wantMsg: "in stage CANCELLED",
		},
		{name: "an arrangement never identified is not found", when: cancel(office, "r", "2016-06-21"), wantErr: ErrNotFound},
	})
	t.Run("nil arrangement", func(t *testing.T) {
		_, _, err := CancelPPPArrangement(office, nil, nil, CancelPPPArrangementCmd{})
		checkErr(t, err, ErrNotFound, "PPP arrangement")
	})
}
