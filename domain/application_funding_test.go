package domain

import (
	"slices"
	"testing"
)

func approveCmd(f func(*ApproveApplicationCmd)) ApproveApplicationCmd {
	e := appApproved()
	c := ApproveApplicationCmd{ApprovedAmount: e.ApprovedAmount, Tranches: e.Tranches, ApprovedOn: e.ApprovedOn, DocumentNo: " " + e.DocumentNo, Today: today}
	if f != nil {
		f(&c)
	}
	return c
}

func reservedFor(amount Money) *FundMoneyReserved {
	return &FundMoneyReserved{FundID: fundID1, ApplicationID: appID1, Amount: amount, ReservedOn: appApprovedOn}
}

func TestApproveApplication(t *testing.T) {
	approve := func(a Actor, f func(*ApproveApplicationCmd)) fundingWhen {
		return func(w fundingWorld) ([]Event, []Event, error) {
			return ApproveApplication(a, w.app, w.fund, w.project, approveCmd(f))
		}
	}
	with300k := func(c *ApproveApplicationCmd) {
		c.ApprovedAmount = Yuan(300_000)
		c.Tranches = []ApprovedTranche{{TrancheID: tr1, MilestoneID: ms1, Amount: Yuan(100_000)}, {TrancheID: tr2, MilestoneID: ms2, Amount: Yuan(200_000)}}
	}
	approved300k := appApproved()
	approved300k.ApprovedAmount = Yuan(300_000)
	approved300k.Tranches = []ApprovedTranche{{TrancheID: tr1, MilestoneID: ms1, Amount: Yuan(100_000)}, {TrancheID: tr2, MilestoneID: ms2, Amount: Yuan(200_000)}}
	// A fund with 200000.00 yuan left: another application holds the rest.
	tight := with(fundFor(nil), &FundMoneyReserved{FundID: fundID1, ApplicationID: appID2, Amount: Yuan(9_800_000), ReservedOn: appApprovedOn})
	tranche := func(i int, f func(*ApprovedTranche)) func(*ApproveApplicationCmd) {
		return func(c *ApproveApplicationCmd) {
			c.Tranches = slices.Clone(c.Tranches)
			f(&c.Tranches[i])
		}
	}
	reviewed, fund := appReviewed(), fundFor(nil)
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau approves in tranches and the fund reserves the amount", app: reviewed, fund: fund,
			when: approve(finance, nil), thenApp: []Event{appApproved()}, thenFund: []Event{reservedFor(Yuan(2_500_000))},
			check: func(t *testing.T, w fundingWorld) {
				x, f := w.app, w.fund
				if x.Status() != AppApproved || x.ApprovedAmount() != Yuan(2_500_000) || x.ApprovedOn() != appApprovedOn ||
					x.DocumentNo() != "徐财建〔2017〕12号" || x.ReservedAmount() != Yuan(2_500_000) || x.DisbursedAmount() != 0 {
					t.Errorf("approval not recorded: %s %s %s", x.Status(), x.ApprovedAmount(), x.ReservedAmount())
				}
				want := []Tranche{
					{ID: tr1, MilestoneID: ms1, Amount: Yuan(1_000_000), Status: TrancheStatusPending},
					{ID: tr2, MilestoneID: ms2, Amount: Yuan(1_500_000), Status: TrancheStatusPending},
				}
				if !slices.Equal(x.Tranches(), want) {
					t.Errorf("tranches %+v", x.Tranches())
				}
				if f.Available() != Yuan(7_500_000) || f.Reserved() != Yuan(2_500_000) {
					t.Errorf("fund available %s reserved %s", f.Available(), f.Reserved())
				}
			},
		},
		{
			name: "the whole amount requested may be approved, with one tranche and no document", app: reviewed, fund: fund,
			when: approve(finance, func(c *ApproveApplicationCmd) {
				c.ApprovedAmount, c.DocumentNo = Yuan(3_000_000), ""
				c.Tranches = []ApprovedTranche{{TrancheID: tr3, MilestoneID: ms2, Amount: Yuan(3_000_000)}}
			}),
			thenApp: []Event{&ApplicationApproved{ApplicationID: appID1, ApprovedAmount: Yuan(3_000_000), ApprovedOn: appApprovedOn,
				Tranches: []ApprovedTranche{{TrancheID: tr3, MilestoneID: ms2, Amount: Yuan(3_000_000)}}}},
			thenFund: []Event{reservedFor(Yuan(3_000_000))},
		},
		{
			name: "a fund may give its last yuan", app: reviewed, fund: with(fundFor(nil), &FundMoneyReserved{FundID: fundID1, ApplicationID: appID2, Amount: Yuan(9_700_000), ReservedOn: appApprovedOn}),
			when: approve(finance, with300k), thenApp: []Event{approved300k}, thenFund: []Event{reservedFor(Yuan(300_000))},
			check: func(t *testing.T, w fundingWorld) {
				if w.fund.Available() != 0 {
					t.Errorf("available %s", w.fund.Available())
				}
			},
		},
		{
			name: "an approval one fen beyond the money available is refused", app: reviewed,
			fund: with(fundFor(nil), &FundMoneyReserved{FundID: fundID1, ApplicationID: appID2, Amount: Yuan(9_700_000) + 1, ReservedOn: appApprovedOn}),
			when: approve(finance, with300k), wantErr: ErrInvalid, wantMsg: "reserving 300000.00 yuan exceeds the 299999.99 yuan available",
		},
		{
			name: "an approval beyond the money available in the fund is refused, naming both figures", app: reviewed, fund: tight,
			when: approve(finance, with300k), wantErr: ErrInvalid,
			wantMsg: "reserving 300000.00 yuan exceeds the 200000.00 yuan available in fund " + fundName,
		},
		{
			name: "a closed fund reserves nothing", app: reviewed, fund: with(fund, &FundClosed{FundID: fundID1, Reason: "年度结束"}),
			when: approve(finance, nil), wantErr: ErrState, wantMsg: "cannot reserve money: fund " + fundName + " is CLOSED",
		},
		{name: "another finance bureau may not approve", app: reviewed, fund: fund, when: approve(otherFinance, nil), wantErr: ErrForbidden, wantMsg: "managing bureau"},
		{name: "the office may not approve funding", app: reviewed, fund: fund, when: approve(office, nil), wantErr: ErrForbidden},
		{name: "the owner may not approve funding", app: reviewed, fund: fund, when: approve(owner, nil), wantErr: ErrForbidden},
		{name: "an application that does not exist cannot be approved", fund: fund, when: approve(finance, nil), wantErr: ErrNotFound},
		{
			name: "no application given is not found", fund: fund, wantErr: ErrNotFound,
			when: func(w fundingWorld) ([]Event, []Event, error) {
				return ApproveApplication(finance, nil, w.fund, w.project, approveCmd(nil))
			},
		},
		{
			name: "an application still waiting for a score cannot be approved", app: appHistory(AppUnderExpertReview), fund: fund,
			when: approve(finance, nil), wantErr: ErrState, wantMsg: "waiting for the scores of u-expert-b",
		},
		{name: "a screened application cannot be approved", app: appHistory(AppScreened), fund: fund, when: approve(finance, nil), wantErr: ErrState, wantMsg: "SCREENED"},
		{
			name: "an application is approved once", app: appHistory(AppApproved), fund: fundFor(appHistory(AppApproved)),
			when: approve(finance, nil), wantErr: ErrState, wantMsg: "APPROVED",
		},
		{name: "the fund must be given", app: reviewed, when: approve(finance, nil), wantErr: ErrNotFound, wantMsg: "fund"},
		{
			name: "another fund is refused", app: reviewed,
			fund: []Event{&FundEstablished{FundID: fundID2, Name: "n", Kind: FundSpecial, FiscalYear: 2017, Pool: Yuan(10_000_000),
				ManagingOrg: finance.OrgID, SupportModes: []SupportMode{SupportInvestmentSubsidy}}},
			when: approve(finance, nil), wantErr: ErrInvalid, wantMsg: "the application is to fund " + string(fundID1),
		},
		{name: "the project must be given", app: reviewed, fund: fund, proj: []Event{}, when: approve(finance, nil), wantErr: ErrNotFound, wantMsg: "project"},
		{
			name: "another project is refused", app: reviewed, fund: fund,
			proj: []Event{&ProjectProposed{ProjectID: pid2, Code: "HA-1", OwnerOrg: owner.OrgID}},
			when: approve(finance, nil), wantErr: ErrInvalid, wantMsg: "not " + string(pid2),
		},
		{
			name: "a suspended project is not funded", app: reviewed, fund: fund, proj: fundedProjectIn(StatusSuspended),
			when: approve(finance, nil), wantErr: ErrState, wantMsg: "SUSPENDED",
		},
		{
			name: "a cancelled project is not funded", app: reviewed, fund: fund, proj: fundedProjectIn(StatusCancelled),
			when: approve(finance, nil), wantErr: ErrState, wantMsg: "CANCELLED",
		},
		{
			name: "a zero amount is refused", app: reviewed, fund: fund,
			when: approve(finance, func(c *ApproveApplicationCmd) { c.ApprovedAmount = 0 }), wantErr: ErrInvalid, wantMsg: "approvedAmount",
		},
		{
			name: "more than requested is refused", app: reviewed, fund: fund,
			when:    approve(finance, func(c *ApproveApplicationCmd) { c.ApprovedAmount = Yuan(3_000_000) + 1 }),
			wantErr: ErrInvalid, wantMsg: "3000000.01 yuan exceeds the 3000000.00 yuan requested",
		},
		{
			name: "an approval dated after today is refused", app: reviewed, fund: fund,
			when: approve(finance, func(c *ApproveApplicationCmd) { c.ApprovedOn = MustDate("2019-07-01") }), wantErr: ErrInvalid, wantMsg: "after today",
		},
		{
			name: "an approval needs a date", app: reviewed, fund: fund,
			when: approve(finance, func(c *ApproveApplicationCmd) { c.ApprovedOn = Date{} }), wantErr: ErrInvalid, wantMsg: "approvedOn",
		},
		{
			name: "an overlong document number is refused", app: reviewed, fund: fund,
			when: approve(finance, func(c *ApproveApplicationCmd) { c.DocumentNo = string(make([]byte, 101)) }), wantErr: ErrInvalid, wantMsg: "documentNo",
		},
		{
			name: "at least one tranche is required", app: reviewed, fund: fund,
			when: approve(finance, func(c *ApproveApplicationCmd) { c.Tranches = nil }), wantErr: ErrInvalid, wantMsg: "at least one tranche",
		},
		{
			name: "a tranche id must be a UUID", app: reviewed, fund: fund,
			when: approve(finance, tranche(1, func(t *ApprovedTranche) { t.TrancheID = "t-2" })), wantErr: ErrInvalid, wantMsg: "tranches[1].trancheId",
		},
		{
			name: "a tranche id is used once", app: reviewed, fund: fund,
			when: approve(finance, tranche(1, func(t *ApprovedTranche) { t.TrancheID = tr1 })), wantErr: ErrInvalid, wantMsg: "listed twice",
		},
		{
			name: "a tranche's milestone must be one of the project's", app: reviewed, fund: fund,
			when:    approve(finance, tranche(0, func(t *ApprovedTranche) { t.MilestoneID = "0190f1a2-0000-7000-8000-0000000000a9" })),
			wantErr: ErrInvalid, wantMsg: `"0190f1a2-0000-7000-8000-0000000000a9" is not a milestone of project XZ-2016-017`,
		},
		{
			name: "a milestone carries one tranche", app: reviewed, fund: fund,
			when: approve(finance, tranche(1, func(t *ApprovedTranche) { t.MilestoneID = ms1 })), wantErr: ErrInvalid, wantMsg: "has two tranches",
		},
		{
			name: "a tranche needs a positive amount", app: reviewed, fund: fund,
			when: approve(finance, tranche(0, func(t *ApprovedTranche) { t.Amount = 0 })), wantErr: ErrInvalid, wantMsg: "tranches[0].amount",
		},
		{
			name: "the tranches must add up to the approved amount", app: reviewed, fund: fund,
			when:    approve(finance, tranche(0, func(t *ApprovedTranche) { t.Amount = Yuan(900_000) })),
			wantErr: ErrInvalid, wantMsg: "tranches total 2400000.00 yuan, but the approved amount is 2500000.00 yuan",
		},
	})
}

func TestDisburseTranche(t *testing.T) {
	disburse := func(a Actor, f func(*DisburseTrancheCmd)) fundingWhen {
		return func(w fundingWorld) ([]Event, []Event, error) {
			c := DisburseTrancheCmd{TrancheID: tr1, DisbursedOn: tr1DisbursedOn, VoucherNo: " 拨-2017-0031 ", Today: today}
			if f != nil {
				f(&c)
			}
			return DisburseTranche(a, w.app, w.fund, w.project, c)
		}
	}
	fundDisbursed := &FundMoneyDisbursed{FundID: fundID1, ApplicationID: appID1, TrancheID: tr1, Amount: Yuan(1_000_000), DisbursedOn: tr1DisbursedOn}
	second := func(c *DisburseTrancheCmd) { c.TrancheID, c.DisbursedOn = tr2, MustDate("2018-07-10") }
	ms2Achieved := &MilestoneAchieved{ProjectID: pid, MilestoneID: ms2, AchievedOn: MustDate("2018-07-01"), Evidence: "上线运行报告"}
	approved, paid := appHistory(AppApproved), appPaid()
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau pays a tranche whose milestone is achieved", app: approved, fund: fundFor(approved),
			when: disburse(finance, nil), thenApp: []Event{tr1Disbursed()}, thenFund: []Event{fundDisbursed},
			check: func(t *testing.T, w fundingWorld) {
				x, f := w.app, w.fund
				tr, _ := x.Tranche(tr1)
				if tr.Status != TrancheStatusDisbursed || tr.DisbursedOn != tr1DisbursedOn || tr.VoucherNo != "拨-2017-0031" {
					t.Errorf("tranche %+v", tr)
				}
				if x.DisbursedAmount() != Yuan(1_000_000) || x.ReservedAmount() != Yuan(1_500_000) || x.Status() != AppApproved {
					t.Errorf("disbursed %s reserved %s status %s", x.DisbursedAmount(), x.ReservedAmount(), x.Status())
				}
				if f.Reserved() != Yuan(1_500_000) || f.Disbursed() != Yuan(1_000_000) || f.Available() != Yuan(7_500_000) {
					t.Errorf("fund reserved %s disbursed %s available %s", f.Reserved(), f.Disbursed(), f.Available())
				}
			},
		},
		{
			name: "the last tranche is paid once its milestone is achieved; the application stays approved",
			app:  paid, fund: fundFor(paid), proj: fundedProject(ms2Achieved), when: disburse(finance, second),
			thenApp: []Event{&TrancheDisbursed{ApplicationID: appID1, TrancheID: tr2, MilestoneID: ms2, Amount: Yuan(1_500_000),
				DisbursedOn: MustDate("2018-07-10"), VoucherNo: "拨-2017-0031"}},
			thenFund: []Event{&FundMoneyDisbursed{FundID: fundID1, ApplicationID: appID1, TrancheID: tr2, Amount: Yuan(1_500_000), DisbursedOn: MustDate("2018-07-10")}},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.Status() != AppApproved || w.app.ReservedAmount() != 0 || w.fund.Reserved() != 0 {
					t.Errorf("status %s, reserved %s / %s", w.app.Status(), w.app.ReservedAmount(), w.fund.Reserved())
				}
			},
		},
		{
			name: "a tranche is paid on the day its milestone is achieved", app: approved, fund: fundFor(approved),
			when: disburse(finance, func(c *DisburseTrancheCmd) { c.DisbursedOn = ms1AchievedOn }),
			thenApp: []Event{&TrancheDisbursed{ApplicationID: appID1, TrancheID: tr1, MilestoneID: ms1, Amount: Yuan(1_000_000),
				DisbursedOn: ms1AchievedOn, VoucherNo: "拨-2017-0031"}},
			thenFund: []Event{&FundMoneyDisbursed{FundID: fundID1, ApplicationID: appID1, TrancheID: tr1, Amount: Yuan(1_000_000), DisbursedOn: ms1AchievedOn}},
		},
		{
			name: "a closed fund still pays what it reserved", app: approved, fund: with(fundFor(approved), &FundClosed{FundID: fundID1, Reason: "年度结束"}),
			when: disburse(finance, nil), thenApp: []Event{tr1Disbursed()}, thenFund: []Event{fundDisbursed},
		},
		{
			name: "an evaluated project is still paid for an achieved milestone", app: approved, fund: fundFor(approved), proj: fundedProjectIn(StatusEvaluated),
			when: disburse(finance, nil), thenApp: []Event{tr1Disbursed()}, thenFund: []Event{fundDisbursed},
		},
		{
			name: "a tranche whose milestone is not achieved is not paid, naming the milestone", app: paid, fund: fundFor(paid),
			when: disburse(finance, second), wantErr: ErrState,
			wantMsg: `cannot disburse a tranche: milestone "平台上线" (` + string(ms2) + `) is not achieved yet (planned for 2018-06-30)`,
		},
		{
			name: "a tranche is paid once", app: paid, fund: fundFor(paid),
			when: disburse(finance, nil), wantErr: ErrState, wantMsg: "DISBURSED on 2017-07-15 (voucher 拨-2017-0031)",
		},
		{
			name: "an unknown tranche is not found", app: approved, fund: fundFor(approved),
			when: disburse(finance, func(c *DisburseTrancheCmd) { c.TrancheID = tr3 }), wantErr: ErrNotFound, wantMsg: string(tr3),
		},
		{
			name: "a suspended project is not paid", app: approved, fund: fundFor(approved), proj: fundedProjectIn(StatusSuspended),
			when: disburse(finance, nil), wantErr: ErrState, wantMsg: "SUSPENDED",
		},
		{name: "the project must be given", app: approved, fund: fundFor(approved), proj: []Event{}, when: disburse(finance, nil), wantErr: ErrNotFound},
		{
			name: "a voucher number is required", app: approved, fund: fundFor(approved),
			when: disburse(finance, func(c *DisburseTrancheCmd) { c.VoucherNo = " " }), wantErr: ErrInvalid, wantMsg: "voucherNo",
		},
		{
			name: "a payment dated after today is refused", app: approved, fund: fundFor(approved),
			when: disburse(finance, func(c *DisburseTrancheCmd) { c.DisbursedOn = MustDate("2019-07-01") }), wantErr: ErrInvalid, wantMsg: "after today",
		},
		{
			name: "a payment dated before the approval is refused", app: approved, fund: fundFor(approved),
			when: func(w fundingWorld) ([]Event, []Event, error) {
				// The milestone was achieved before the approval; the payment may still not precede the approval.
				p := mustReplay(t, fundedProjectIn(StatusInConstruction, &MilestoneAchieved{ProjectID: pid, MilestoneID: ms1, AchievedOn: MustDate("2017-01-05")}))
				return DisburseTranche(finance, w.app, w.fund, p, DisburseTrancheCmd{TrancheID: tr1, DisbursedOn: MustDate("2017-03-01"), VoucherNo: "v", Today: today})
			},
			wantErr: ErrInvalid, wantMsg: "2017-03-01 is before the approval date 2017-03-10",
		},
		{
			name: "a payment dated before the milestone's achievement is refused", app: approved, fund: fundFor(approved),
			when:    disburse(finance, func(c *DisburseTrancheCmd) { c.DisbursedOn = MustDate("2017-06-01") }),
			wantErr: ErrInvalid, wantMsg: `before the achievement of milestone "机房建成" on 2017-06-20`,
		},
		{name: "an application under review pays nothing", app: appReviewed(), fund: fundFor(nil), when: disburse(finance, nil), wantErr: ErrState, wantMsg: "allowed only when APPROVED"},
		{name: "a closed application pays nothing", app: appHistory(AppClosed), fund: fundFor(appHistory(AppClosed)), when: disburse(finance, nil), wantErr: ErrState, wantMsg: "CLOSED"},
		{name: "another finance bureau may not pay", app: approved, fund: fundFor(approved), when: disburse(otherFinance, nil), wantErr: ErrForbidden},
		{name: "the owner may not pay itself", app: approved, fund: fundFor(approved), when: disburse(owner, nil), wantErr: ErrForbidden},
		{name: "the fund must be given", app: approved, when: disburse(finance, nil), wantErr: ErrNotFound},
		{
			name: "no application given is not found", fund: fundFor(nil), wantErr: ErrNotFound,
			when: func(w fundingWorld) ([]Event, []Event, error) {
				return DisburseTranche(finance, nil, w.fund, w.project, DisburseTrancheCmd{})
			},
		},
	})
}

func TestRecoverMoney(t *testing.T) {
	recoverMoney := func(a Actor, amount Money, f func(*RecoverMoneyCmd)) fundingWhen {
		return func(w fundingWorld) ([]Event, []Event, error) {
			c := RecoverMoneyCmd{Amount: amount, Reason: " 审计发现超范围支出 ", RecoveredOn: MustDate("2018-03-01"), Today: today}
			if f != nil {
				f(&c)
			}
			return RecoverMoney(a, w.app, w.fund, c)
		}
	}
	recovered := func(amount Money) (*MoneyRecovered, *FundMoneyRecovered) {
		on := MustDate("2018-03-01")
		return &MoneyRecovered{ApplicationID: appID1, Amount: amount, Reason: "审计发现超范围支出", RecoveredOn: on},
			&FundMoneyRecovered{FundID: fundID1, ApplicationID: appID1, Amount: amount, Reason: "审计发现超范围支出", RecoveredOn: on}
	}
	a400, f400 := recovered(Yuan(400_000))
	aAll, fAll := recovered(Yuan(1_000_000))
	paid, closed := appPaid(), appHistory(AppClosed)
	partly := with(paid, &MoneyRecovered{ApplicationID: appID1, Amount: Yuan(400_000), Reason: "r", RecoveredOn: MustDate("2018-01-01")})
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau recovers part of the money paid and the fund has it available again", app: paid, fund: fundFor(paid),
			when: recoverMoney(finance, Yuan(400_000), nil), thenApp: []Event{a400}, thenFund: []Event{f400},
			check: func(t *testing.T, w fundingWorld) {
				x, f := w.app, w.fund
				if x.RecoveredAmount() != Yuan(400_000) || x.NetDisbursed() != Yuan(600_000) || x.DisbursedAmount() != Yuan(1_000_000) ||
					len(x.Recoveries()) != 1 || x.Recoveries()[0].Reason != "审计发现超范围支出" {
					t.Errorf("recovered %s net %s recoveries %+v", x.RecoveredAmount(), x.NetDisbursed(), x.Recoveries())
				}
				if f.Disbursed() != Yuan(600_000) || f.Recovered() != Yuan(400_000) || f.Available() != Yuan(7_900_000) || f.Reserved() != Yuan(1_500_000) {
					t.Errorf("fund disbursed %s recovered %s available %s", f.Disbursed(), f.Recovered(), f.Available())
				}
			},
		},
		{name: "all the money paid may be recovered", app: paid, fund: fundFor(paid), when: recoverMoney(finance, Yuan(1_000_000), nil), thenApp: []Event{aAll}, thenFund: []Event{fAll}},
		{name: "money paid to a closed application may be recovered", app: closed, fund: fundFor(closed), when: recoverMoney(finance, Yuan(400_000), nil), thenApp: []Event{a400}, thenFund: []Event{f400}},
		{
			name: "a closed fund takes recovered money back", app: paid, fund: with(fundFor(paid), &FundClosed{FundID: fundID1, Reason: "r"}),
			when: recoverMoney(finance, Yuan(400_000), nil), thenApp: []Event{a400}, thenFund: []Event{f400},
		},
		{
			name: "recovering more than was paid is refused, naming both figures", app: paid, fund: fundFor(paid),
			when: recoverMoney(finance, Yuan(1_000_000)+1, nil), wantErr: ErrInvalid,
			wantMsg: "recovering 1000000.01 yuan exceeds the 1000000.00 yuan disbursed to the application and not yet recovered",
		},
		{
			name: "money already recovered is not recovered twice", app: partly, fund: fundFor(partly),
			when: recoverMoney(finance, Yuan(700_000), nil), wantErr: ErrInvalid, wantMsg: "exceeds the 600000.00 yuan disbursed",
		},
		{
			name: "nothing can be recovered before a payment", app: appHistory(AppApproved), fund: fundFor(appHistory(AppApproved)),
			when: recoverMoney(finance, 1, nil), wantErr: ErrState, wantMsg: "holding no paid money (0.00 yuan paid, 0.00 yuan recovered)",
		},
		{name: "a zero amount is refused", app: paid, fund: fundFor(paid), when: recoverMoney(finance, 0, nil), wantErr: ErrInvalid, wantMsg: "amount"},
		{
			name: "a reason is required", app: paid, fund: fundFor(paid),
			when: recoverMoney(finance, 1, func(c *RecoverMoneyCmd) { c.Reason = "" }), wantErr: ErrInvalid, wantMsg: "reason",
		},
		{
			name: "a recovery dated after today is refused", app: paid, fund: fundFor(paid),
			when: recoverMoney(finance, 1, func(c *RecoverMoneyCmd) { c.RecoveredOn = MustDate("2019-07-01") }), wantErr: ErrInvalid, wantMsg: "after today",
		},
		{
			name: "a recovery dated before the first payment is refused", app: paid, fund: fundFor(paid),
			when:    recoverMoney(finance, 1, func(c *RecoverMoneyCmd) { c.RecoveredOn = MustDate("2017-07-14") }),
			wantErr: ErrInvalid, wantMsg: "before the first disbursement 2017-07-15",
		},
		{name: "a rejected application has nothing to recover", app: appHistory(AppRejected), fund: fundFor(nil), when: recoverMoney(finance, 1, nil), wantErr: ErrState, wantMsg: "allowed only when APPROVED, CLOSED"},
		{name: "another finance bureau may not recover", app: paid, fund: fundFor(paid), when: recoverMoney(otherFinance, 1, nil), wantErr: ErrForbidden},
		{name: "the office may not recover", app: paid, fund: fundFor(paid), when: recoverMoney(office, 1, nil), wantErr: ErrForbidden},
		{name: "the fund must be given", app: paid, when: recoverMoney(finance, 1, nil), wantErr: ErrNotFound},
		{name: "an application that does not exist has nothing to recover", fund: fundFor(nil), when: recoverMoney(finance, 1, nil), wantErr: ErrNotFound},
	})
}

func TestCancelRemainder(t *testing.T) {
	cancel := func(a Actor, f func(*CancelRemainderCmd)) fundingWhen {
		return func(w fundingWorld) ([]Event, []Event, error) {
			c := CancelRemainderCmd{Reason: " 项目终止 ", CancelledOn: appClosedOn, Today: today}
			if f != nil {
				f(&c)
			}
			return CancelRemainder(a, w.app, w.fund, c)
		}
	}
	cancelled := func(amount Money) *RemainderCancelled {
		return &RemainderCancelled{ApplicationID: appID1, Amount: amount, Reason: "项目终止", CancelledOn: appClosedOn}
	}
	released := func(amount Money) *FundReservationReleased {
		return &FundReservationReleased{FundID: fundID1, ApplicationID: appID1, Amount: amount, Reason: "项目终止", ReleasedOn: appClosedOn}
	}
	approved, paid := appHistory(AppApproved), appPaid()
	allPaid := with(paid, &TrancheDisbursed{ApplicationID: appID1, TrancheID: tr2, MilestoneID: ms2, Amount: Yuan(1_500_000), DisbursedOn: MustDate("2018-01-10"), VoucherNo: "v"})
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau cancels the unpaid remainder; the fund releases it and the application closes",
			app:  paid, fund: fundFor(paid), when: cancel(finance, nil),
			thenApp: []Event{cancelled(Yuan(1_500_000))}, thenFund: []Event{released(Yuan(1_500_000))},
			check: func(t *testing.T, w fundingWorld) {
				x, f := w.app, w.fund
				if x.Status() != AppClosed || x.StatusReason() != "项目终止" || x.ClosedOn() != appClosedOn ||
					x.CancelledAmount() != Yuan(1_500_000) || x.ReservedAmount() != 0 || x.DisbursedAmount() != Yuan(1_000_000) {
					t.Errorf("status %s, cancelled %s, reserved %s", x.Status(), x.CancelledAmount(), x.ReservedAmount())
				}
				statuses := []TrancheStatus{}
				for _, tr := range x.Tranches() {
					statuses = append(statuses, tr.Status)
				}
				if !slices.Equal(statuses, []TrancheStatus{TrancheStatusDisbursed, TrancheStatusCancelled}) {
					t.Errorf("tranche statuses %v", statuses)
				}
				if f.Reserved() != 0 || f.Disbursed() != Yuan(1_000_000) || f.Available() != Yuan(9_000_000) {
					t.Errorf("fund reserved %s disbursed %s available %s", f.Reserved(), f.Disbursed(), f.Available())
				}
			},
		},
		{
			name: "an approval with nothing paid is cancelled whole", app: approved, fund: fundFor(approved),
			when: cancel(finance, nil), thenApp: []Event{cancelled(Yuan(2_500_000))}, thenFund: []Event{released(Yuan(2_500_000))},
		},
		{
			name: "with every tranche paid the application closes and the fund has nothing to release", app: allPaid, fund: fundFor(allPaid),
			when: cancel(finance, nil), thenApp: []Event{cancelled(0)},
		},
		{
			name: "a closed fund still releases a reservation", app: paid, fund: with(fundFor(paid), &FundClosed{FundID: fundID1, Reason: "r"}),
			when: cancel(finance, nil), thenApp: []Event{cancelled(Yuan(1_500_000))}, thenFund: []Event{released(Yuan(1_500_000))},
		},
		{name: "a reason is required", app: paid, fund: fundFor(paid), when: cancel(finance, func(c *CancelRemainderCmd) { c.Reason = "" }), wantErr: ErrInvalid, wantMsg: "reason"},
		{
			name: "a cancellation dated after today is refused", app: paid, fund: fundFor(paid),
			when: cancel(finance, func(c *CancelRemainderCmd) { c.CancelledOn = MustDate("2019-07-01") }), wantErr: ErrInvalid, wantMsg: "after today",
		},
		{
			name: "a cancellation dated before the approval is refused", app: approved, fund: fundFor(approved),
			when: cancel(finance, func(c *CancelRemainderCmd) { c.CancelledOn = MustDate("2017-03-09") }), wantErr: ErrInvalid, wantMsg: "before the approval date",
		},
		{
			name: "a cancellation dated before the last payment is refused", app: paid, fund: fundFor(paid),
			when: cancel(finance, func(c *CancelRemainderCmd) { c.CancelledOn = MustDate("2017-07-14") }), wantErr: ErrInvalid, wantMsg: "before the last disbursement 2017-07-15",
		},
		{name: "a closed application is not closed again", app: appHistory(AppClosed), fund: fundFor(appHistory(AppClosed)), when: cancel(finance, nil), wantErr: ErrState, wantMsg: "CLOSED"},
		{name: "an application under review has no remainder", app: appReviewed(), fund: fundFor(nil), when: cancel(finance, nil), wantErr: ErrState},
		{name: "another finance bureau may not cancel", app: paid, fund: fundFor(paid), when: cancel(otherFinance, nil), wantErr: ErrForbidden},
		{name: "the owner may not cancel", app: paid, fund: fundFor(paid), when: cancel(owner, nil), wantErr: ErrForbidden},
		{name: "the fund must be given", app: paid, when: cancel(finance, nil), wantErr: ErrNotFound},
		{name: "an application that does not exist cannot be cancelled", fund: fundFor(nil), when: cancel(finance, nil), wantErr: ErrNotFound},
	})
}
