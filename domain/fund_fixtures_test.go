package domain

import (
	"reflect"
	"testing"
)

// Ids of the fund and application tests, in canonical form.
const (
	fundID1 FundID        = "0190f1a2-0000-7000-8000-0000000000f1"
	fundID2 FundID        = "0190f1a2-0000-7000-8000-0000000000f2"
	appID1  ApplicationID = "0190f1a2-0000-7000-8000-0000000000d1"
	appID2  ApplicationID = "0190f1a2-0000-7000-8000-0000000000d2"
	tr1     TrancheID     = "0190f1a2-0000-7000-8000-0000000000e1"
	tr2     TrancheID     = "0190f1a2-0000-7000-8000-0000000000e2"
	tr3     TrancheID     = "0190f1a2-0000-7000-8000-0000000000e3"
)

// More people of the funding tests; owner, office, expertA, expertB and finance come from the project fixtures.
var (
	otherFinance = Actor{UserID: "u-finance-ha", Role: RoleFinance, OrgID: "org-ha-finance"}
	expertC      = Actor{UserID: "u-expert-c", Role: RoleExpert, OrgID: "org-university"}
	ownExpert    = Actor{UserID: "u-expert-own", Role: RoleExpert, OrgID: owner.OrgID} // conflict of interest
)

// The funding calendar: the fund's money is decided in 2017 and paid as milestones are achieved.
var (
	appApprovedOn  = MustDate("2017-03-10")
	ms1AchievedOn  = MustDate("2017-06-20")
	tr1DisbursedOn = MustDate("2017-07-15")
	appClosedOn    = MustDate("2018-01-31")
)

const fundName = "徐州市智慧城市建设专项资金"

func fundEstablished() *FundEstablished {
	return &FundEstablished{
		FundID: fundID1, Name: fundName, Kind: FundSpecial, FiscalYear: 2017, Pool: Yuan(10_000_000),
		ManagingOrg:  finance.OrgID,
		SupportModes: []SupportMode{SupportInvestmentSubsidy, SupportLoanInterestSubsidy, SupportPurchaseOfServices},
	}
}

// fundWithPool is an open fund whose pool is the given amount.
func fundWithPool(pool Money) []Event {
	e := fundEstablished()
	e.Pool = pool
	return []Event{e}
}

// fundedProject is a project in construction with two milestones, the first achieved.
func fundedProject(extra ...Event) []Event { return fundedProjectIn(StatusInConstruction, extra...) }

// fundedProjectIn is fundedProject in another status.
func fundedProjectIn(status ProjectStatus, extra ...Event) []Event {
	return history(status, append([]Event{
		planned(ms1, "机房建成", "2017-06-30", 40),
		planned(ms2, "平台上线", "2018-06-30", 60),
		&MilestoneAchieved{ProjectID: pid, MilestoneID: ms1, AchievedOn: ms1AchievedOn, Evidence: "机房竣工验收报告"},
	}, extra...)...)
}

func appDrafted() *ApplicationDrafted {
	return &ApplicationDrafted{
		ApplicationID: appID1, FundID: fundID1, ProjectID: pid, OwnerOrg: owner.OrgID, ManagingOrg: finance.OrgID,
		SupportMode: SupportInvestmentSubsidy, RequestedAmount: Yuan(3_000_000), Justification: "城市大数据中心一期建设",
	}
}

func scored(expert Actor, round, score int) *ApplicationScored {
	return &ApplicationScored{ApplicationID: appID1, Round: round, ExpertID: expert.UserID, Score: score, Opinion: "方案可行"}
}

func appApproved() *ApplicationApproved {
	return &ApplicationApproved{
		ApplicationID: appID1, ApprovedAmount: Yuan(2_500_000), ApprovedOn: appApprovedOn, DocumentNo: "徐财建〔2017〕12号",
		Tranches: []ApprovedTranche{
			{TrancheID: tr1, MilestoneID: ms1, Amount: Yuan(1_000_000)},
			{TrancheID: tr2, MilestoneID: ms2, Amount: Yuan(1_500_000)},
		},
	}
}

func tr1Disbursed() *TrancheDisbursed {
	return &TrancheDisbursed{ApplicationID: appID1, TrancheID: tr1, MilestoneID: ms1, Amount: Yuan(1_000_000), DisbursedOn: tr1DisbursedOn, VoucherNo: "拨-2017-0031"}
}

// appHistory is an application stream that leaves the application in status. UNDER_EXPERT_REVIEW
// has experts A and B assigned and A's score in; appReviewed has both scores in. APPROVED has no
// tranche paid yet; appPaid has the first paid.
func appHistory(status ApplicationStatus) []Event {
	drafted := []Event{appDrafted()}
	submitted := with(drafted, &ApplicationSubmitted{ApplicationID: appID1, Round: 1})
	screened := with(submitted, &ApplicationScreeningPassed{ApplicationID: appID1, Round: 1})
	assigned := with(screened,
		&ExpertsAssigned{ApplicationID: appID1, Round: 1, Experts: []AssignedExpert{{expertA.UserID, expertA.OrgID}, {expertB.UserID, expertB.OrgID}}},
		scored(expertA, 1, 86))
	switch status {
	case AppDraft:
		return drafted
	case AppSubmitted:
		return submitted
	case AppScreeningFailed:
		return with(submitted, &ApplicationScreeningFailed{ApplicationID: appID1, Round: 1, Reasons: []string{"缺少立项批复文件"}})
	case AppScreened:
		return screened
	case AppUnderExpertReview:
		return assigned
	case AppReturned:
		return with(appReviewed(), &ApplicationReturnedForRevision{ApplicationID: appID1, Reason: "补充绩效目标"})
	case AppRejected:
		return with(appReviewed(), &ApplicationRejected{ApplicationID: appID1, Reason: "与已支持项目重复"})
	case AppWithdrawn:
		return with(submitted, &ApplicationWithdrawn{ApplicationID: appID1, PreviousStatus: AppSubmitted, Reason: "项目调整"})
	case AppApproved:
		return with(appReviewed(), appApproved())
	case AppClosed:
		return with(appPaid(), &RemainderCancelled{ApplicationID: appID1, Amount: Yuan(1_500_000), Reason: "项目终止", CancelledOn: appClosedOn})
	}
	panic("no application history for " + status)
}

// appReviewed is UNDER_EXPERT_REVIEW with every assigned expert's score in.
func appReviewed() []Event { return with(appHistory(AppUnderExpertReview), scored(expertB, 1, 78)) }

// appPaid is APPROVED with the first tranche paid.
func appPaid() []Event { return with(appHistory(AppApproved), tr1Disbursed()) }

// fundFor is the fund stream that matches an application stream: the fund's side of every money event.
func fundFor(app []Event) []Event {
	out := []Event{fundEstablished()}
	for _, e := range app {
		switch e := e.(type) {
		case *ApplicationApproved:
			out = append(out, &FundMoneyReserved{FundID: fundID1, ApplicationID: e.ApplicationID, Amount: e.ApprovedAmount, ReservedOn: e.ApprovedOn})
		case *TrancheDisbursed:
			out = append(out, &FundMoneyDisbursed{FundID: fundID1, ApplicationID: e.ApplicationID, TrancheID: e.TrancheID, Amount: e.Amount, DisbursedOn: e.DisbursedOn})
		case *MoneyRecovered:
			out = append(out, &FundMoneyRecovered{FundID: fundID1, ApplicationID: e.ApplicationID, Amount: e.Amount, Reason: e.Reason, RecoveredOn: e.RecoveredOn})
		case *RemainderCancelled:
			if e.Amount > 0 {
				out = append(out, &FundReservationReleased{FundID: fundID1, ApplicationID: e.ApplicationID, Amount: e.Amount, Reason: e.Reason, ReleasedOn: e.CancelledOn})
			}
		}
	}
	return out
}

// fundingWorld is what a funding command sees: the application, its fund and its project.
type fundingWorld struct {
	app     *FundingApplication
	fund    *Fund
	project *Project
}

type fundingWhen func(w fundingWorld) (appEvents, fundEvents []Event, err error)

// fundingCase is one given-streams / when-command / then-events-or-error case over the application
// and fund streams (the project stream is fundedProject unless given).
type fundingCase struct {
	name              string
	app, fund, proj   []Event
	when              fundingWhen
	thenApp, thenFund []Event
	wantErr           error
	wantMsg           string
	check             func(*testing.T, fundingWorld)
}

func runFundingCases(t *testing.T, cases []fundingCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.proj == nil {
				tc.proj = fundedProject()
			}
			w := replayWorld(t, tc.app, tc.fund, tc.proj)
			gotApp, gotFund, err := tc.when(w)
			if tc.wantErr != nil {
				checkErr(t, err, tc.wantErr, tc.wantMsg)
				if gotApp != nil || gotFund != nil {
					t.Errorf("a refused command returned events %s %s", dump(gotApp), dump(gotFund))
				}
				if unchanged := replayWorld(t, tc.app, tc.fund, tc.proj); !reflect.DeepEqual(w, unchanged) {
					t.Errorf("a refused command changed the application or the fund")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(gotApp, tc.thenApp) {
				t.Errorf("application events differ\n got: %s\nwant: %s", dump(gotApp), dump(tc.thenApp))
			}
			if !reflect.DeepEqual(gotFund, tc.thenFund) {
				t.Errorf("fund events differ\n got: %s\nwant: %s", dump(gotFund), dump(tc.thenFund))
			}
			if want := replayWorld(t, with(tc.app, tc.thenApp...), with(tc.fund, tc.thenFund...), tc.proj); !reflect.DeepEqual(w, want) {
				t.Errorf("the command left the aggregates unlike a replay of given + then events")
			}
			checkFundSplit(t, w.fund)
			checkFundMatchesApplication(t, w.fund, w.app)
			if tc.check != nil {
				tc.check(t, w)
			}
		})
	}
}

func replayWorld(t *testing.T, app, fund, project []Event) fundingWorld {
	t.Helper()
	a, err := ReplayFundingApplication(app)
	if err != nil {
		t.Fatalf("replay given application events: %v", err)
	}
	f, err := ReplayFund(fund)
	if err != nil {
		t.Fatalf("replay given fund events: %v", err)
	}
	return fundingWorld{app: a, fund: f, project: mustReplay(t, project)}
}

// onApp turns an application command method into the "when" of a case.
func onApp[C any](method func(*FundingApplication, Actor, C) ([]Event, error), a Actor, c C) fundingWhen {
	return func(w fundingWorld) ([]Event, []Event, error) {
		events, err := method(w.app, a, c)
		return events, nil, err
	}
}

// onFund turns a fund command method into the "when" of a case.
func onFund[C any](method func(*Fund, Actor, C) ([]Event, error), a Actor, c C) fundingWhen {
	return func(w fundingWorld) ([]Event, []Event, error) {
		events, err := method(w.fund, a, c)
		return nil, events, err
	}
}

// checkFundSplit asserts available + reserved + disbursed = pool, none negative, and that the
// fund's totals are the sums of its allocations.
func checkFundSplit(t *testing.T, f *Fund) {
	t.Helper()
	if !f.Exists() {
		return
	}
	if f.Available() < 0 || f.Reserved() < 0 || f.Disbursed() < 0 || f.Recovered() < 0 ||
		f.Available()+f.Reserved()+f.Disbursed() != f.Pool() || f.Pool() > MaxMoney {
		t.Fatalf("fund split broken: available %s + reserved %s + disbursed %s vs pool %s (recovered %s)",
			f.Available(), f.Reserved(), f.Disbursed(), f.Pool(), f.Recovered())
	}
	var reserved, disbursed, recovered Money
	for _, a := range f.Allocations() {
		if a.Outstanding() < 0 || a.NetDisbursed() < 0 || a.Recovered < 0 || a.Released < 0 {
			t.Fatalf("allocation %+v has a negative part", a)
		}
		reserved, disbursed, recovered = reserved+a.Outstanding(), disbursed+a.NetDisbursed(), recovered+a.Recovered
	}
	if reserved != f.Reserved() || disbursed != f.Disbursed() || recovered != f.Recovered() {
		t.Fatalf("allocations total reserved %s, disbursed %s, recovered %s; the fund says %s, %s, %s",
			reserved, disbursed, recovered, f.Reserved(), f.Disbursed(), f.Recovered())
	}
}

// checkFundMatchesApplication asserts that the fund's view of the application is the application's own.
func checkFundMatchesApplication(t *testing.T, f *Fund, app *FundingApplication) {
	t.Helper()
	if !f.Exists() || !app.Exists() || app.FundID() != f.ID() {
		return
	}
	alloc, ok := f.Allocation(app.ID())
	approved := app.Status() == AppApproved || app.Status() == AppClosed
	if ok != approved {
		t.Fatalf("application %s is %s, but the fund holds an allocation: %v", app.ID(), app.Status(), ok)
	}
	if !ok {
		return
	}
	if alloc.Reserved != app.ApprovedAmount() || alloc.Disbursed != app.DisbursedAmount() || alloc.Recovered != app.RecoveredAmount() ||
		alloc.Released != app.CancelledAmount() || alloc.Outstanding() != app.ReservedAmount() || alloc.NetDisbursed() != app.NetDisbursed() {
		t.Fatalf("fund view %+v differs from application: approved %s, disbursed %s, recovered %s, cancelled %s",
			alloc, app.ApprovedAmount(), app.DisbursedAmount(), app.RecoveredAmount(), app.CancelledAmount())
	}
}

func fundEventSamples() []Event {
	d := MustDate("2017-07-15")
	return []Event{
		&FundEstablished{FundID: fundID1, Name: "n", Kind: FundGuidance, FiscalYear: 2016, Pool: 123456789, ManagingOrg: "org",
			SupportModes: []SupportMode{SupportCapitalInjection, SupportGuaranteeSubsidy}},
		&FundToppedUp{FundID: fundID1, Amount: 1, Note: "n"},
		&FundClosed{FundID: fundID1, Reason: "r"},
		&FundMoneyReserved{FundID: fundID1, ApplicationID: appID1, Amount: 2, ReservedOn: d},
		&FundMoneyDisbursed{FundID: fundID1, ApplicationID: appID1, TrancheID: tr1, Amount: 3, DisbursedOn: d},
		&FundMoneyRecovered{FundID: fundID1, ApplicationID: appID1, Amount: 4, Reason: "r", RecoveredOn: d},
		&FundReservationReleased{FundID: fundID1, ApplicationID: appID1, Amount: 5, Reason: "r", ReleasedOn: d},
	}
}

func applicationEventSamples() []Event {
	d := MustDate("2017-07-15")
	return []Event{
		&ApplicationDrafted{ApplicationID: appID1, FundID: fundID1, ProjectID: pid, OwnerOrg: "o", ManagingOrg: "m",
			SupportMode: SupportPurchaseOfServices, RequestedAmount: 99, Justification: "j"},
		&ApplicationRevised{ApplicationID: appID1, SupportMode: SupportLoanInterestSubsidy, RequestedAmount: 98, Justification: "j"},
		&ApplicationSubmitted{ApplicationID: appID1, Round: 2},
		&ApplicationScreeningPassed{ApplicationID: appID1, Round: 2, Note: "n"},
		&ApplicationScreeningFailed{ApplicationID: appID1, Round: 2, Reasons: []string{"a", "b"}},
		&ExpertsAssigned{ApplicationID: appID1, Round: 2, Experts: []AssignedExpert{{UserID: "u", OrgID: "o"}, {UserID: "v"}}},
		&ApplicationScored{ApplicationID: appID1, Round: 2, ExpertID: "u", Score: 77, Opinion: "o"},
		&ApplicationApproved{ApplicationID: appID1, ApprovedAmount: 97, ApprovedOn: d, DocumentNo: "d",
			Tranches: []ApprovedTranche{{TrancheID: tr1, MilestoneID: ms1, Amount: 90}, {TrancheID: tr2, MilestoneID: ms2, Amount: 7}}},
		&ApplicationRejected{ApplicationID: appID1, Reason: "r"},
		&ApplicationReturnedForRevision{ApplicationID: appID1, Reason: "r"},
		&ApplicationWithdrawn{ApplicationID: appID1, PreviousStatus: AppScreened, Reason: "r"},
		&TrancheDisbursed{ApplicationID: appID1, TrancheID: tr1, MilestoneID: ms1, Amount: 90, DisbursedOn: d, VoucherNo: "v"},
		&MoneyRecovered{ApplicationID: appID1, Amount: 10, Reason: "r", RecoveredOn: d},
		&RemainderCancelled{ApplicationID: appID1, Amount: 7, Reason: "r", CancelledOn: d},
	}
}
