package domain

import "testing"

func TestProcurementSteps(t *testing.T) {
	proc := pppHistory(PPPProcurement)
	launched := with(proc, pppProcured()[len(proc)])
	bid := with(launched, pppProcured()[len(proc)+1])
	selected := with(bid, &PPPPartnerSelected{ArrangementID: arrID1, Partner: zte, SelectedOn: pppSelectedOn})
	signed := with(selected, &PPPContractSigned{ArrangementID: arrID1, ContractNo: "HA-PPP-2016-001", SignedOn: pppSignedOn})

	launch := func(a Actor, m PPPProcurementMethod, on string) pppWhen {
		return onArr((*PPPArrangement).LaunchTender, a, LaunchPPPTender{Method: m, NoticeNo: " HAZC2016-G088 ", LaunchedOn: MustDate(on), Today: pppToday})
	}
	bidWhen := func(a Actor, bidder string, amount Money, on string) pppWhen {
		return onArr((*PPPArrangement).RecordBid, a, RecordPPPBid{Bidder: bidder, Amount: amount, BidOn: MustDate(on), Today: pppToday})
	}
	selectWhen := func(a Actor, partner, on string) pppWhen {
		return onArr((*PPPArrangement).SelectPartner, a, SelectPPPPartner{Partner: partner, SelectedOn: MustDate(on), Today: pppToday})
	}
	sign := func(a Actor, no, on string) pppWhen {
		return onArr((*PPPArrangement).SignContract, a, SignPPPContract{ContractNo: no, SignedOn: MustDate(on), Today: pppToday})
	}
	setUp := func(a Actor, name string, capital Money) pppWhen {
		return onArr((*PPPArrangement).SetUpProjectCompany, a, SetUpPPPProjectCompany{Name: name, RegisteredCapital: capital})
	}
	runPPPCases(t, []pppCase{
		// LaunchTender
		{
			name: "the office launches a public tender", arr: proc, when: launch(office, PPPPublicTender, "2016-05-20"),
			thenArr: []Event{&PPPTenderLaunched{ArrangementID: arrID1, Method: PPPPublicTender, NoticeNo: "HAZC2016-G088", LaunchedOn: pppLaunchedOn}},
			check: func(t *testing.T, w pppWorld) {
				if tender, ok := w.arr.Tender(); !ok || tender.Method != PPPPublicTender || tender.LaunchedOn != pppLaunchedOn {
					t.Errorf("tender %+v %v", tender, ok)
				}
			},
		},
		{
			name: "the owner launches a competitive consultation", arr: proc, when: launch(pppOwner, PPPCompetitiveConsultation, "2016-05-10"),
			thenArr: []Event{&PPPTenderLaunched{ArrangementID: arrID1, Method: PPPCompetitiveConsultation, NoticeNo: "HAZC2016-G088", LaunchedOn: pppPreparedOn}},
		},
		{name: "a tender is launched once", arr: launched, when: launch(office, PPPPublicTender, "2016-05-21"), wantErr: ErrState, wantMsg: "tendered already on 2016-05-20"},
		{name: "an unknown method is refused", arr: proc, when: launch(office, "AUCTION", "2016-05-20"), wantErr: ErrInvalid, wantMsg: `"AUCTION"`},
		{
			name: "a launch before the procurement stage began is refused", arr: proc, when: launch(office, PPPPublicTender, "2016-05-09"),
			wantErr: ErrInvalid, wantMsg: "before the start of stage PROCUREMENT on 2016-05-10",
		},
		{
			name: "a tender during preparation is a step in the wrong stage", arr: pppAssessed(), when: launch(office, PPPPublicTender, "2016-05-20"),
			wantErr: ErrState, wantMsg: "cannot launch the PPP tender: PPP arrangement of project HA-2016-001 is in stage PREPARATION (allowed only when PROCUREMENT)",
		},
		{name: "finance does not launch tenders", arr: proc, when: launch(pppFinance, PPPPublicTender, "2016-05-20"), wantErr: ErrForbidden},
		{name: "another organisation's owner may not", arr: proc, when: launch(owner, PPPPublicTender, "2016-05-20"), wantErr: ErrForbidden},

		// RecordBid
		{
			name: "ZTE's bid is recorded", arr: launched, when: bidWhen(office, " "+zte+" ", Yuan(1_480_000_000), "2016-06-20"),
			thenArr: []Event{&PPPBidRecorded{ArrangementID: arrID1, Bidder: zte, Amount: Yuan(1_480_000_000), BidOn: pppBidOn}},
		},
		{
			name: "several bidders bid", arr: bid, when: bidWhen(pppOwner, otherBidder, Yuan(1_510_000_000), "2016-06-20"),
			thenArr: []Event{&PPPBidRecorded{ArrangementID: arrID1, Bidder: otherBidder, Amount: Yuan(1_510_000_000), BidOn: pppBidOn}},
			check: func(t *testing.T, w pppWorld) {
				if bids := w.arr.Bids(); len(bids) != 2 || bids[0].Bidder != zte || bids[1].Bidder != otherBidder {
					t.Errorf("bids %+v", bids)
				}
			},
		},
		{name: "a bidder bids once", arr: bid, when: bidWhen(office, zte, Yuan(1), "2016-06-21"), wantErr: ErrInvalid, wantMsg: zte + " has bid already"},
		{name: "a bid needs a bidder", arr: launched, when: bidWhen(office, " ", Yuan(1), "2016-06-21"), wantErr: ErrInvalid, wantMsg: "bidder: is required"},
		{name: "a bid of zero is refused", arr: launched, when: bidWhen(office, zte, 0, "2016-06-21"), wantErr: ErrInvalid, wantMsg: "amount"},
		{name: "a bid before the tender is refused", arr: proc, when: bidWhen(office, zte, Yuan(1), "2016-06-21"), wantErr: ErrState, wantMsg: "without a launched tender"},
		{name: "a bid before the launch date is refused", arr: launched, when: bidWhen(office, zte, Yuan(1), "2016-05-19"), wantErr: ErrInvalid, wantMsg: "before the tender launch on 2016-05-20"},
		{name: "a bid after today is refused", arr: launched, when: bidWhen(office, zte, Yuan(1), "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "no bids after the selection", arr: selected, when: bidWhen(office, "迟到公司", Yuan(1), "2016-07-02"), wantErr: ErrState, wantMsg: "with partner " + zte + " selected already"},

		// SelectPartner
		{
			name: "the office selects ZTE, one of the bidders", arr: bid, when: selectWhen(office, zte, "2016-07-01"),
			thenArr: []Event{&PPPPartnerSelected{ArrangementID: arrID1, Partner: zte, SelectedOn: pppSelectedOn}},
			check: func(t *testing.T, w pppWorld) {
				if p, on, ok := w.arr.Partner(); !ok || p != zte || on != pppSelectedOn {
					t.Errorf("partner %q on %s %v", p, on, ok)
				}
			},
		},
		{name: "a partner who did not bid is refused", arr: bid, when: selectWhen(office, otherBidder, "2016-07-01"), wantErr: ErrInvalid, wantMsg: otherBidder + " did not bid (bidders: " + zte + ")"},
		{name: "a selection without bids is refused", arr: launched, when: selectWhen(office, zte, "2016-07-01"), wantErr: ErrState, wantMsg: "without bids"},
		{name: "a selection before the latest bid is refused", arr: bid, when: selectWhen(office, zte, "2016-06-19"), wantErr: ErrInvalid, wantMsg: "before the latest bid on 2016-06-20"},
		{name: "the partner is selected once", arr: selected, when: selectWhen(office, zte, "2016-07-02"), wantErr: ErrState, wantMsg: "selected already"},
		{name: "finance does not select", arr: bid, when: selectWhen(pppFinance, zte, "2016-07-01"), wantErr: ErrForbidden},

		// SignContract
		{
			name: "the owner signs the contract with the partner", arr: selected, when: sign(pppOwner, "HA-PPP-2016-001", "2016-07-15"),
			thenArr: []Event{&PPPContractSigned{ArrangementID: arrID1, ContractNo: "HA-PPP-2016-001", SignedOn: pppSignedOn}},
			check: func(t *testing.T, w pppWorld) {
				if c, ok := w.arr.Contract(); !ok || c.ContractNo != "HA-PPP-2016-001" {
					t.Errorf("contract %+v", c)
				}
			},
		},
		{name: "a contract before the selection is refused", arr: bid, when: sign(pppOwner, "c", "2016-07-15"), wantErr: ErrState, wantMsg: "without a selected partner"},
		{name: "a contract needs a number", arr: selected, when: sign(pppOwner, "", "2016-07-15"), wantErr: ErrInvalid, wantMsg: "contractNo: is required"},
		{name: "a contract before the selection date is refused", arr: selected, when: sign(pppOwner, "c", "2016-06-30"), wantErr: ErrInvalid, wantMsg: "before the partner's selection on 2016-07-01"},
		{name: "the contract is signed once", arr: signed, when: sign(pppOwner, "c2", "2016-07-16"), wantErr: ErrState, wantMsg: "with contract HA-PPP-2016-001 signed already on 2016-07-15"},

		// SetUpProjectCompany
		{
			name: "the project company is set up", arr: signed, when: setUp(office, "智慧淮安项目公司", Yuan(300_000_000)),
			thenArr: []Event{&PPPProjectCompanySetUp{ArrangementID: arrID1, Name: "智慧淮安项目公司", RegisteredCapital: Yuan(300_000_000)}},
			check: func(t *testing.T, w pppWorld) {
				if c, ok := w.arr.ProjectCompany(); !ok || c.Name != "智慧淮安项目公司" || w.arr.GovernmentEquityContribution() != Yuan(60_000_000) {
					t.Errorf("company %+v, government share %s", c, w.arr.GovernmentEquityContribution())
				}
			},
		},
		{
			name: "the company may be set up before the contract", arr: selected, when: setUp(pppOwner, "智慧淮安项目公司", Yuan(1_500_000_000)),
			thenArr: []Event{&PPPProjectCompanySetUp{ArrangementID: arrID1, Name: "智慧淮安项目公司", RegisteredCapital: Yuan(1_500_000_000)}},
		},
		{name: "no company before the selection", arr: bid, when: setUp(office, "c", Yuan(1)), wantErr: ErrState, wantMsg: "without a selected partner"},
		{name: "a company needs a name", arr: signed, when: setUp(office, " ", Yuan(1)), wantErr: ErrInvalid, wantMsg: "name: is required"},
		{name: "a registered capital of zero is refused", arr: signed, when: setUp(office, "c", 0), wantErr: ErrInvalid, wantMsg: "registeredCapital"},
		{
			name: "a registered capital above the total investment is refused", arr: signed, when: setUp(office, "c", Yuan(1_500_000_000)+1),
			wantErr: ErrInvalid, wantMsg: "1500000000.01 yuan exceeds the total investment of 1500000000.00 yuan",
		},
		{name: "the company is set up once", arr: pppProcured(), when: setUp(office, "c", Yuan(1)), wantErr: ErrState, wantMsg: "set up already"},
		{name: "no company during execution", arr: pppHistory(PPPExecution), when: setUp(office, "c", Yuan(1)), wantErr: ErrState, wantMsg: "in stage EXECUTION"},
	})
}

func TestApproveProcurement(t *testing.T) {
	approve := func(a Actor, on string) pppWhen {
		return onArr((*PPPArrangement).ApproveProcurement, a, ApprovePPPProcurement{ApprovedOn: MustDate(on), Today: pppToday})
	}
	procured := pppProcured()
	runPPPCases(t, []pppCase{
		{
			name: "the bureau passes the procurement gate once everything is done", arr: procured, ledger: pppLedgerFor(procured),
			when: approve(pppFinance, "2016-08-01"), thenArr: []Event{&PPPProcurementApproved{ArrangementID: arrID1, ApprovedOn: pppProcuredOn}},
			check: func(t *testing.T, w pppWorld) {
				if w.arr.Stage() != PPPExecution || len(w.arr.Gates()) != 3 || !w.arr.HoldsReservation() {
					t.Errorf("stage %s, gates %+v", w.arr.Stage(), w.arr.Gates())
				}
			},
		},
		{
			name: "an incomplete procurement names what is missing", arr: pppHistory(PPPProcurement),
			when: approve(pppFinance, "2016-08-01"), wantErr: ErrState,
			wantMsg: "with procurement incomplete: no tender launched, no partner selected, no contract signed, no project company set up",
		},
		{
			name: "a procurement without a company is incomplete", arr: procured[:len(procured)-1],
			when: approve(pppFinance, "2016-08-01"), wantErr: ErrState, wantMsg: "incomplete: no project company set up",
		},
		{name: "the gate may not precede the contract", arr: procured, when: approve(pppFinance, "2016-07-14"), wantErr: ErrInvalid, wantMsg: "before the contract's signature on 2016-07-15"},
		{name: "the gate may not be after today", arr: procured, when: approve(pppFinance, "2032-07-01"), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "another bureau may not pass it", arr: procured, when: approve(finance, "2016-08-01"), wantErr: ErrForbidden, wantMsg: "org-ha-finance"},
		{name: "the owner may not pass it", arr: procured, when: approve(pppOwner, "2016-08-01"), wantErr: ErrForbidden},
		{
			name: "the procurement gate before the preparation gate is out of order", arr: pppAssessed(), when: approve(pppFinance, "2016-08-01"),
			wantErr: ErrState, wantMsg: "cannot approve the PPP procurement: PPP arrangement of project HA-2016-001 is in stage PREPARATION (allowed only when PROCUREMENT)",
		},
		{name: "the gate passes once", arr: pppHistory(PPPExecution), when: approve(pppFinance, "2016-08-02"), wantErr: ErrState, wantMsg: "in stage EXECUTION"},
	})
}
