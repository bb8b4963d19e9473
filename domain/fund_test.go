package domain

import (
	"errors"
	"strings"
	"testing"
)

func establishment() EstablishFund {
	e := fundEstablished()
	return EstablishFund{ID: e.FundID, Name: e.Name, Kind: e.Kind, FiscalYear: e.FiscalYear, Pool: e.Pool, SupportModes: e.SupportModes}
}

func TestEstablishFund(t *testing.T) {
	establish := func(a Actor, f func(*EstablishFund)) fundingWhen {
		c := establishment()
		if f != nil {
			f(&c)
		}
		return onFund((*Fund).Establish, a, c)
	}
	runFundingCases(t, []fundingCase{
		{
			name: "the finance bureau establishes a fund that it manages", when: establish(finance, nil),
			thenFund: []Event{fundEstablished()},
			check: func(t *testing.T, w fundingWorld) {
				f := w.fund
				if f.ID() != fundID1 || f.Name() != fundName || f.Kind() != FundSpecial || f.FiscalYear() != 2017 ||
					f.ManagingOrg() != finance.OrgID || f.Status() != FundStatusOpen || f.Version() != 1 {
					t.Errorf("fund not set up: %+v", f)
				}
				if f.Pool() != Yuan(10_000_000) || f.Available() != Yuan(10_000_000) || f.Reserved() != 0 || f.Disbursed() != 0 {
					t.Errorf("pool %s available %s reserved %s disbursed %s", f.Pool(), f.Available(), f.Reserved(), f.Disbursed())
				}
				if !f.Allows(SupportLoanInterestSubsidy) || f.Allows(SupportCapitalInjection) || len(f.SupportModes()) != 3 {
					t.Errorf("support modes %v", f.SupportModes())
				}
			},
		},
		{
			name: "the name is stored trimmed", when: establish(finance, func(c *EstablishFund) { c.Name = " " + fundName + "\n" }),
			thenFund: []Event{fundEstablished()},
		},
		{name: "an owner may not establish a fund", when: establish(owner, nil), wantErr: ErrForbidden},
		{name: "the office may not establish a fund", when: establish(office, nil), wantErr: ErrForbidden},
		{name: "leadership may not establish a fund", when: establish(leadership, nil), wantErr: ErrForbidden},
		{
			name: "a finance actor without an organisation may not establish a fund",
			when: establish(Actor{UserID: "u", Role: RoleFinance}, nil), wantErr: ErrForbidden, wantMsg: "no organisation",
		},
		{name: "a fund is established only once", fund: []Event{fundEstablished()}, when: establish(finance, nil), wantErr: ErrState, wantMsg: "already established"},
		{name: "the id must be a UUID", when: establish(finance, func(c *EstablishFund) { c.ID = "fund-1" }), wantErr: ErrInvalid, wantMsg: "not a UUID"},
		{
			name: "the id must be canonical", when: establish(finance, func(c *EstablishFund) { c.ID = FundID(strings.ToUpper(string(fundID1))) }),
			wantErr: ErrInvalid, wantMsg: "canonical",
		},
		{name: "the name is required", when: establish(finance, func(c *EstablishFund) { c.Name = " " }), wantErr: ErrInvalid, wantMsg: "name"},
		{name: "an unknown kind is refused", when: establish(finance, func(c *EstablishFund) { c.Kind = "LOTTERY" }), wantErr: ErrInvalid, wantMsg: `"LOTTERY"`},
		{name: "a fiscal year before 2000 is refused", when: establish(finance, func(c *EstablishFund) { c.FiscalYear = 1999 }), wantErr: ErrInvalid, wantMsg: "1999 is outside 2000..2099"},
		{name: "a fiscal year after 2099 is refused", when: establish(finance, func(c *EstablishFund) { c.FiscalYear = 2100 }), wantErr: ErrInvalid, wantMsg: "fiscalYear"},
		{name: "an empty pool is refused", when: establish(finance, func(c *EstablishFund) { c.Pool = 0 }), wantErr: ErrInvalid, wantMsg: "pool"},
		{name: "a negative pool is refused", when: establish(finance, func(c *EstablishFund) { c.Pool = -1 }), wantErr: ErrInvalid, wantMsg: "-0.01"},
		{name: "a pool beyond the maximum is refused", when: establish(finance, func(c *EstablishFund) { c.Pool = MaxMoney + 1 }), wantErr: ErrInvalid, wantMsg: "exceeds the maximum"},
		{
			name: "at least one support mode is required", when: establish(finance, func(c *EstablishFund) { c.SupportModes = nil }),
			wantErr: ErrInvalid, wantMsg: "at least one support mode",
		},
		{
			name: "an unknown support mode is refused", when: establish(finance, func(c *EstablishFund) { c.SupportModes = []SupportMode{"GIFT"} }),
			wantErr: ErrInvalid, wantMsg: `"GIFT"`,
		},
		{
			name: "a support mode listed twice is refused",
			when: establish(finance, func(c *EstablishFund) {
				c.SupportModes = []SupportMode{SupportInvestmentSubsidy, SupportGuaranteeSubsidy, SupportInvestmentSubsidy}
			}),
			wantErr: ErrInvalid, wantMsg: "INVESTMENT_SUBSIDY is listed twice",
		},
	})
}

func TestTopUpFund(t *testing.T) {
	topUp := func(a Actor, amount Money) fundingWhen {
		return onFund((*Fund).TopUp, a, TopUpFund{Amount: amount, Note: " 追加预算 "})
	}
	closed := []Event{fundEstablished(), &FundClosed{FundID: fundID1, Reason: "年度结束"}}
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau tops up the pool and all of it becomes available",
			fund: fundFor(appHistory(AppApproved)), app: appHistory(AppApproved),
			when:     topUp(finance, Yuan(5_000_000)),
			thenFund: []Event{&FundToppedUp{FundID: fundID1, Amount: Yuan(5_000_000), Note: "追加预算"}},
			check: func(t *testing.T, w fundingWorld) {
				if w.fund.Pool() != Yuan(15_000_000) || w.fund.Available() != Yuan(12_500_000) || w.fund.Reserved() != Yuan(2_500_000) {
					t.Errorf("pool %s available %s reserved %s", w.fund.Pool(), w.fund.Available(), w.fund.Reserved())
				}
			},
		},
		{
			name: "the pool may reach the maximum exactly", fund: fundWithPool(MaxMoney - 100),
			when: topUp(finance, 100), thenFund: []Event{&FundToppedUp{FundID: fundID1, Amount: 100, Note: "追加预算"}},
		},
		{
			name: "a top-up beyond the maximum pool is refused", fund: fundWithPool(MaxMoney - 100),
			when: topUp(finance, 101), wantErr: ErrInvalid, wantMsg: "topping up 1.01 yuan would bring the pool of fund " + fundName,
		},
		{name: "a zero top-up is refused", fund: fundWithPool(Yuan(1)), when: topUp(finance, 0), wantErr: ErrInvalid, wantMsg: "amount"},
		{name: "a negative top-up is refused", fund: fundWithPool(Yuan(1)), when: topUp(finance, -100), wantErr: ErrInvalid, wantMsg: "-1.00"},
		{
			name: "another finance bureau may not top up the fund", fund: fundWithPool(Yuan(1)),
			when: topUp(otherFinance, 100), wantErr: ErrForbidden, wantMsg: "managed by organisation org-xz-finance",
		},
		{name: "an owner may not top up a fund", fund: fundWithPool(Yuan(1)), when: topUp(owner, 100), wantErr: ErrForbidden},
		{name: "a fund that does not exist cannot be topped up", when: topUp(finance, 100), wantErr: ErrNotFound},
		{name: "a closed fund cannot be topped up", fund: closed, when: topUp(finance, 100), wantErr: ErrState, wantMsg: "CLOSED"},
	})
}

func TestCloseFund(t *testing.T) {
	closeFund := func(a Actor, reason string) fundingWhen { return onFund((*Fund).Close, a, CloseFund{Reason: reason}) }
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau closes the fund and money already reserved stays reserved",
			app:  appPaid(), fund: fundFor(appPaid()),
			when:     closeFund(finance, " 年度结束 "),
			thenFund: []Event{&FundClosed{FundID: fundID1, Reason: "年度结束"}},
			check: func(t *testing.T, w fundingWorld) {
				if w.fund.Status() != FundStatusClosed || w.fund.CloseReason() != "年度结束" ||
					w.fund.Reserved() != Yuan(1_500_000) || w.fund.Disbursed() != Yuan(1_000_000) {
					t.Errorf("status %s (%q), reserved %s, disbursed %s", w.fund.Status(), w.fund.CloseReason(), w.fund.Reserved(), w.fund.Disbursed())
				}
			},
		},
		{name: "a reason is required", fund: fundWithPool(Yuan(1)), when: closeFund(finance, " "), wantErr: ErrInvalid, wantMsg: "reason"},
		{
			name: "a closed fund cannot be closed again", fund: []Event{fundEstablished(), &FundClosed{FundID: fundID1, Reason: "r"}},
			when: closeFund(finance, "again"), wantErr: ErrState, wantMsg: "CLOSED",
		},
		{name: "another finance bureau may not close the fund", fund: fundWithPool(Yuan(1)), when: closeFund(otherFinance, "r"), wantErr: ErrForbidden},
		{name: "the office may not close the fund", fund: fundWithPool(Yuan(1)), when: closeFund(office, "r"), wantErr: ErrForbidden},
		{name: "a fund that does not exist cannot be closed", when: closeFund(finance, "r"), wantErr: ErrNotFound},
	})
}

func TestReplayRefusesStreamsThatCannotBeAFund(t *testing.T) {
	est := fundEstablished()
	reserve := func(app ApplicationID, amount Money) *FundMoneyReserved {
		return &FundMoneyReserved{FundID: fundID1, ApplicationID: app, Amount: amount, ReservedOn: appApprovedOn}
	}
	disburse := func(amount Money) *FundMoneyDisbursed {
		return &FundMoneyDisbursed{FundID: fundID1, ApplicationID: appID1, TrancheID: tr1, Amount: amount, DisbursedOn: tr1DisbursedOn}
	}
	var nilEvent *FundToppedUp
	for _, tc := range []struct {
		name   string
		events []Event
		want   string
	}{
		{"a stream that does not start with the establishment", []Event{&FundToppedUp{FundID: fundID1, Amount: 1}}, "does not start with FundEstablished"},
		{"a second establishment", []Event{est, est}, "already established"},
		{"an event of another fund", []Event{est, &FundToppedUp{FundID: fundID2, Amount: 1}}, "belongs to fund " + string(fundID2)},
		{"an event of another aggregate", []Event{est, appDrafted()}, "not a fund event"},
		{"a nil event", []Event{est, nilEvent}, "nil event"},
		{"a reservation beyond the money available", []Event{est, reserve(appID1, Yuan(10_000_001))},
			"reserving 10000001.00 yuan exceeds the 10000000.00 yuan available in fund " + fundName},
		{"two reservations for one application", []Event{est, reserve(appID1, 1), reserve(appID1, 1)}, "already holding a reservation for application " + string(appID1)},
		{"a reservation in a closed fund", []Event{est, &FundClosed{FundID: fundID1, Reason: "r"}, reserve(appID1, 1)}, "cannot reserve money: fund " + fundName + " is CLOSED"},
		{"a payment without a reservation", []Event{est, disburse(1)}, "holding no reservation for application " + string(appID1)},
		{"a payment beyond the reservation", []Event{est, reserve(appID1, Yuan(300)), disburse(Yuan(300) + 1)},
			"disbursing 300.01 yuan exceeds the 300.00 yuan still reserved for application " + string(appID1)},
		{"a release beyond the reservation", []Event{est, reserve(appID1, Yuan(300)), disburse(Yuan(100)),
			&FundReservationReleased{FundID: fundID1, ApplicationID: appID1, Amount: Yuan(200) + 1, Reason: "r", ReleasedOn: appClosedOn}},
			"releasing 200.01 yuan exceeds the 200.00 yuan still reserved"},
		{"a recovery beyond the money paid", []Event{est, reserve(appID1, Yuan(300)), disburse(Yuan(100)),
			&FundMoneyRecovered{FundID: fundID1, ApplicationID: appID1, Amount: Yuan(100) + 1, Reason: "r", RecoveredOn: appClosedOn}},
			"recovering 100.01 yuan exceeds the 100.00 yuan disbursed to application " + string(appID1)},
		{"a zero reservation", []Event{est, reserve(appID1, 0)}, "must be positive"},
		{"a top-up beyond the maximum", []Event{est, &FundToppedUp{FundID: fundID1, Amount: MaxMoney}}, "above the maximum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReplayFund(tc.events)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error mentioning %q, got %v", tc.want, err)
			}
		})
	}
}

func TestFundMoneyMovesBetweenItsParts(t *testing.T) {
	f, err := ReplayFund([]Event{
		fundEstablished(),
		&FundMoneyReserved{FundID: fundID1, ApplicationID: appID1, Amount: Yuan(3_000), ReservedOn: appApprovedOn},
		&FundMoneyReserved{FundID: fundID1, ApplicationID: appID2, Amount: Yuan(1_000), ReservedOn: appApprovedOn},
		&FundMoneyDisbursed{FundID: fundID1, ApplicationID: appID1, TrancheID: tr1, Amount: Yuan(2_000), DisbursedOn: tr1DisbursedOn},
		&FundMoneyRecovered{FundID: fundID1, ApplicationID: appID1, Amount: Yuan(500), Reason: "审计", RecoveredOn: appClosedOn},
		&FundReservationReleased{FundID: fundID1, ApplicationID: appID1, Amount: Yuan(1_000), Reason: "终止", ReleasedOn: appClosedOn},
	})
	if err != nil {
		t.Fatal(err)
	}
	checkFundSplit(t, f)
	if f.Reserved() != Yuan(1_000) || f.Disbursed() != Yuan(1_500) || f.Recovered() != Yuan(500) || f.Available() != Yuan(9_997_500) {
		t.Errorf("reserved %s, disbursed %s, recovered %s, available %s", f.Reserved(), f.Disbursed(), f.Recovered(), f.Available())
	}
	want := FundAllocation{ApplicationID: appID1, Reserved: Yuan(3_000), Disbursed: Yuan(2_000), Recovered: Yuan(500), Released: Yuan(1_000)}
	if a, ok := f.Allocation(appID1); !ok || a != want || a.Outstanding() != 0 || a.NetDisbursed() != Yuan(1_500) {
		t.Errorf("allocation %+v", a)
	}
	if all := f.Allocations(); len(all) != 2 || all[0].ApplicationID != appID1 || all[1].ApplicationID != appID2 {
		t.Errorf("allocations %+v", all)
	}
	if _, ok := f.Allocation("0190f1a2-0000-7000-8000-0000000000ff"); ok {
		t.Error("an allocation for an unknown application")
	}
	f.SupportModes()[0] = SupportCapitalInjection
	if f.Allows(SupportCapitalInjection) {
		t.Error("a caller changed the fund's support modes")
	}
}

func TestFundingIDsAndStreams(t *testing.T) {
	if got := FundStreamID(fundID1); got != "fund-"+string(fundID1) {
		t.Errorf("fund stream %s", got)
	}
	if got := ApplicationStreamID(appID1); got != "application-"+string(appID1) {
		t.Errorf("application stream %s", got)
	}
	if FundStreamType != "fund" || ApplicationStreamType != "funding_application" {
		t.Errorf("stream types %s, %s", FundStreamType, ApplicationStreamType)
	}
	for _, id := range []string{string(NewFundID()), string(NewApplicationID()), string(NewTrancheID())} {
		if checkID("id", id) != nil || id[14] != '7' {
			t.Errorf("%s is not a canonical UUIDv7", id)
		}
	}
	if id, err := ParseFundID(" " + strings.ToUpper(string(fundID1)) + " "); err != nil || id != fundID1 || id.String() != string(fundID1) {
		t.Errorf("ParseFundID: %s, %v", id, err)
	}
	if id, err := ParseApplicationID(string(appID1)); err != nil || id != appID1 || id.String() != string(appID1) {
		t.Errorf("ParseApplicationID: %s, %v", id, err)
	}
	if id, err := ParseTrancheID(string(tr1)); err != nil || id != tr1 || id.String() != string(tr1) {
		t.Errorf("ParseTrancheID: %s, %v", id, err)
	}
	for _, parse := range []func(string) error{
		func(s string) error { _, err := ParseFundID(s); return err },
		func(s string) error { _, err := ParseApplicationID(s); return err },
		func(s string) error { _, err := ParseTrancheID(s); return err },
	} {
		for _, bad := range []string{"", "fund-1", "00000000-0000-0000-0000-000000000000"} {
			if err := parse(bad); !errors.Is(err, ErrInvalid) {
				t.Errorf("%q: want ErrInvalid, got %v", bad, err)
			}
		}
	}
}

func TestFundingEnumsAcceptOnlyTheirValues(t *testing.T) {
	for _, k := range FundKinds() {
		if got, err := ParseFundKind(k.String()); err != nil || got != k {
			t.Errorf("kind %s: %v", k, err)
		}
	}
	for _, m := range SupportModes() {
		if got, err := ParseSupportMode(m.String()); err != nil || got != m {
			t.Errorf("support mode %s: %v", m, err)
		}
	}
	for _, s := range FundStatuses() {
		if got, err := ParseFundStatus(s.String()); err != nil || got != s {
			t.Errorf("fund status %s: %v", s, err)
		}
	}
	for _, s := range ApplicationStatuses() {
		if got, err := ParseApplicationStatus(s.String()); err != nil || got != s {
			t.Errorf("application status %s: %v", s, err)
		}
		if s.IsPending() == s.IsTerminal() && s != AppApproved {
			t.Errorf("%s is pending %v and terminal %v", s, s.IsPending(), s.IsTerminal())
		}
	}
	if len(TrancheStatuses()) != 3 || TrancheStatusPending.String() != "PENDING" {
		t.Errorf("tranche statuses %v", TrancheStatuses())
	}
	for _, bad := range []string{"", "special_fund", "SUBSIDY"} {
		if _, err := ParseFundKind(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("kind %q accepted", bad)
		}
		if _, err := ParseSupportMode(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("support mode %q accepted", bad)
		}
		if _, err := ParseApplicationStatus(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("status %q accepted", bad)
		}
		if _, err := ParseFundStatus(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("fund status %q accepted", bad)
		}
	}
}
