package domain

import "testing"

func draftCmd(f func(*DraftApplication)) DraftApplication {
	d := appDrafted()
	c := DraftApplication{ID: d.ApplicationID, ApplicationRequest: ApplicationRequest{
		SupportMode: d.SupportMode, RequestedAmount: d.RequestedAmount, Justification: d.Justification,
	}}
	if f != nil {
		f(&c)
	}
	return c
}

func TestDraftApplication(t *testing.T) {
	draft := func(a Actor, f func(*DraftApplication)) fundingWhen {
		return func(w fundingWorld) ([]Event, []Event, error) {
			events, err := w.app.Draft(a, w.project, w.fund, draftCmd(f))
			return events, nil, err
		}
	}
	withoutProject := func(w fundingWorld) ([]Event, []Event, error) {
		events, err := w.app.Draft(owner, nil, w.fund, draftCmd(nil))
		return events, nil, err
	}
	withoutFund := func(w fundingWorld) ([]Event, []Event, error) {
		events, err := w.app.Draft(owner, w.project, nil, draftCmd(nil))
		return events, nil, err
	}
	open := []Event{fundEstablished()}
	closed := with(open, &FundClosed{FundID: fundID1, Reason: "年度结束"})
	runFundingCases(t, []fundingCase{
		{
			name: "an owner drafts an application of its approved project to an open fund", fund: open,
			when: draft(owner, nil), thenApp: []Event{appDrafted()},
			check: func(t *testing.T, w fundingWorld) {
				x := w.app
				if x.Status() != AppDraft || x.ID() != appID1 || x.FundID() != fundID1 || x.ProjectID() != pid ||
					x.OwnerOrg() != owner.OrgID || x.ManagingOrg() != finance.OrgID || x.SupportMode() != SupportInvestmentSubsidy ||
					x.RequestedAmount() != Yuan(3_000_000) || x.Justification() == "" || x.Round() != 0 || x.Version() != 1 {
					t.Errorf("draft not recorded: %+v", x)
				}
			},
		},
		{
			name: "text is stored trimmed", fund: open,
			when:    draft(owner, func(c *DraftApplication) { c.Justification = "\t城市大数据中心一期建设 " }),
			thenApp: []Event{appDrafted()},
		},
		{
			name: "the amount may be the whole pool", fund: fundWithPool(Yuan(3_000_000)),
			when: draft(owner, nil), thenApp: []Event{appDrafted()},
		},
		{
			name: "a project just approved may apply", fund: open, proj: history(StatusApproved),
			when: draft(owner, nil), thenApp: []Event{appDrafted()},
		},
		{
			name: "a project in operation may apply", fund: open, proj: history(StatusInOperation),
			when: draft(owner, nil), thenApp: []Event{appDrafted()},
		},
		{name: "the office may not draft an application", fund: open, when: draft(office, nil), wantErr: ErrForbidden},
		{name: "the finance bureau may not draft an application", fund: open, when: draft(finance, nil), wantErr: ErrForbidden},
		{
			name: "an owner without an organisation may not draft", fund: open,
			when: draft(Actor{UserID: "u", Role: RoleOwner}, nil), wantErr: ErrForbidden, wantMsg: "no organisation",
		},
		{
			name: "an owner may not apply for another organisation's project", fund: open,
			when: draft(otherOwner, nil), wantErr: ErrForbidden, wantMsg: "project XZ-2016-017 belongs to organisation org-xz-bigdata",
		},
		{
			name: "an application is drafted only once", fund: open, app: appHistory(AppDraft),
			when: draft(owner, nil), wantErr: ErrState, wantMsg: "already drafted",
		},
		{name: "the id must be a UUID", fund: open, when: draft(owner, func(c *DraftApplication) { c.ID = "a-1" }), wantErr: ErrInvalid, wantMsg: "not a UUID"},
		{name: "the project must exist", fund: open, when: withoutProject, wantErr: ErrNotFound, wantMsg: "project"},
		{name: "a project never proposed does not exist", fund: open, proj: []Event{}, when: draft(owner, nil), wantErr: ErrNotFound},
		{
			name: "a project under review may not apply yet", fund: open, proj: history(StatusUnderReview),
			when: draft(owner, nil), wantErr: ErrState, wantMsg: "UNDER_REVIEW",
		},
		{
			name: "a suspended project may not apply", fund: open, proj: history(StatusSuspended),
			when: draft(owner, nil), wantErr: ErrState, wantMsg: "SUSPENDED",
		},
		{
			name: "an evaluated project may not apply", fund: open, proj: history(StatusEvaluated),
			when: draft(owner, nil), wantErr: ErrState, wantMsg: "EVALUATED",
		},
		{name: "the fund must exist", when: draft(owner, nil), wantErr: ErrNotFound, wantMsg: "fund"},
		{name: "a missing fund is not found", fund: open, when: withoutFund, wantErr: ErrNotFound},
		{name: "a closed fund takes no applications", fund: closed, when: draft(owner, nil), wantErr: ErrState, wantMsg: "fund " + fundName + " is CLOSED"},
		{
			name: "a support mode the fund does not allow is refused", fund: open,
			when:    draft(owner, func(c *DraftApplication) { c.SupportMode = SupportCapitalInjection }),
			wantErr: ErrInvalid, wantMsg: "CAPITAL_INJECTION is not allowed by fund " + fundName + " (allowed: INVESTMENT_SUBSIDY, LOAN_INTEREST_SUBSIDY, PURCHASE_OF_SERVICES)",
		},
		{
			name: "an unknown support mode is refused", fund: open,
			when: draft(owner, func(c *DraftApplication) { c.SupportMode = "GIFT" }), wantErr: ErrInvalid, wantMsg: `"GIFT"`,
		},
		{
			name: "a zero amount is refused", fund: open,
			when: draft(owner, func(c *DraftApplication) { c.RequestedAmount = 0 }), wantErr: ErrInvalid, wantMsg: "requestedAmount",
		},
		{
			name: "a negative amount is refused", fund: open,
			when: draft(owner, func(c *DraftApplication) { c.RequestedAmount = Yuan(-5) }), wantErr: ErrInvalid, wantMsg: "-5.00",
		},
		{
			name: "an amount beyond the pool is refused", fund: fundWithPool(Yuan(2_999_999)),
			when: draft(owner, nil), wantErr: ErrInvalid, wantMsg: "requesting 3000000.00 yuan exceeds the 2999999.00 yuan pool of fund " + fundName,
		},
		{
			name: "a justification is required", fund: open,
			when: draft(owner, func(c *DraftApplication) { c.Justification = "  " }), wantErr: ErrInvalid, wantMsg: "justification",
		},
	})
}

func TestReviseApplication(t *testing.T) {
	request := ApplicationRequest{SupportMode: SupportLoanInterestSubsidy, RequestedAmount: Yuan(2_000_000), Justification: " 改为贷款贴息 "}
	revised := &ApplicationRevised{ApplicationID: appID1, SupportMode: SupportLoanInterestSubsidy, RequestedAmount: Yuan(2_000_000), Justification: "改为贷款贴息"}
	revise := func(a Actor, r ApplicationRequest) fundingWhen {
		return func(w fundingWorld) ([]Event, []Event, error) {
			events, err := w.app.Revise(a, w.fund, ReviseApplication{ApplicationRequest: r})
			return events, nil, err
		}
	}
	otherFund := func(w fundingWorld) ([]Event, []Event, error) {
		f, err := ReplayFund([]Event{&FundEstablished{FundID: fundID2, Name: "n", Kind: FundSpecial, FiscalYear: 2017, Pool: 1,
			ManagingOrg: finance.OrgID, SupportModes: []SupportMode{SupportInvestmentSubsidy}}})
		if err != nil {
			return nil, nil, err
		}
		events, err := w.app.Revise(owner, f, ReviseApplication{ApplicationRequest: request})
		return events, nil, err
	}
	open := []Event{fundEstablished()}
	unchanged := draftCmd(nil).ApplicationRequest
	runFundingCases(t, []fundingCase{
		{
			name: "the owner revises a draft", app: appHistory(AppDraft), fund: open,
			when: revise(owner, request), thenApp: []Event{revised},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.SupportMode() != SupportLoanInterestSubsidy || w.app.RequestedAmount() != Yuan(2_000_000) || w.app.Status() != AppDraft {
					t.Errorf("revision not applied: %s %s %s", w.app.SupportMode(), w.app.RequestedAmount(), w.app.Status())
				}
			},
		},
		{
			name: "the owner revises a returned application, which stays returned", app: appHistory(AppReturned), fund: open,
			when: revise(owner, request), thenApp: []Event{revised},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.Status() != AppReturned || w.app.StatusReason() != "补充绩效目标" {
					t.Errorf("status %s (%q)", w.app.Status(), w.app.StatusReason())
				}
			},
		},
		{name: "a revision that changes nothing is refused", app: appHistory(AppDraft), fund: open, when: revise(owner, unchanged), wantErr: ErrInvalid, wantMsg: "changes nothing"},
		{name: "a submitted application cannot be revised", app: appHistory(AppSubmitted), fund: open, when: revise(owner, request), wantErr: ErrState, wantMsg: "SUBMITTED"},
		{name: "an approved application cannot be revised", app: appHistory(AppApproved), fund: fundFor(appHistory(AppApproved)), when: revise(owner, request), wantErr: ErrState},
		{name: "another organisation may not revise it", app: appHistory(AppDraft), fund: open, when: revise(otherOwner, request), wantErr: ErrForbidden},
		{name: "the office may not revise it", app: appHistory(AppDraft), fund: open, when: revise(office, request), wantErr: ErrForbidden},
		{name: "an application that does not exist cannot be revised", fund: open, when: revise(owner, request), wantErr: ErrNotFound},
		{name: "the fund applied to must be given", app: appHistory(AppDraft), when: revise(owner, request), wantErr: ErrNotFound, wantMsg: string(fundID1)},
		{name: "another fund is refused", app: appHistory(AppDraft), fund: open, when: otherFund, wantErr: ErrInvalid, wantMsg: "not " + string(fundID2)},
		{
			name: "a closed fund takes no revisions", app: appHistory(AppDraft), fund: with(open, &FundClosed{FundID: fundID1, Reason: "r"}),
			when: revise(owner, request), wantErr: ErrState, wantMsg: "CLOSED",
		},
		{
			name: "the revised mode must be allowed by the fund", app: appHistory(AppDraft), fund: open,
			when:    revise(owner, ApplicationRequest{SupportMode: SupportGuaranteeSubsidy, RequestedAmount: 1, Justification: "j"}),
			wantErr: ErrInvalid, wantMsg: "GUARANTEE_SUBSIDY is not allowed",
		},
		{
			name: "the revised amount may not exceed the pool", app: appHistory(AppDraft), fund: open,
			when:    revise(owner, ApplicationRequest{SupportMode: SupportInvestmentSubsidy, RequestedAmount: Yuan(10_000_001), Justification: "j"}),
			wantErr: ErrInvalid, wantMsg: "exceeds the 10000000.00 yuan pool",
		},
		{
			name: "the revised justification is required", app: appHistory(AppDraft), fund: open,
			when:    revise(owner, ApplicationRequest{SupportMode: SupportInvestmentSubsidy, RequestedAmount: 1}),
			wantErr: ErrInvalid, wantMsg: "justification",
		},
	})
}

func TestSubmitAndResubmitApplication(t *testing.T) {
	submit := func(a Actor) fundingWhen { return onApp((*FundingApplication).Submit, a, SubmitApplication{}) }
	resubmit := func(a Actor) fundingWhen { return onApp((*FundingApplication).Resubmit, a, ResubmitApplication{}) }
	runFundingCases(t, []fundingCase{
		{
			name: "the owner submits a draft and opens round 1", app: appHistory(AppDraft),
			when: submit(owner), thenApp: []Event{&ApplicationSubmitted{ApplicationID: appID1, Round: 1}},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.Status() != AppSubmitted || w.app.Round() != 1 {
					t.Errorf("status %s round %d", w.app.Status(), w.app.Round())
				}
			},
		},
		{
			name: "the owner resubmits a returned application: a new round without experts, scores or screening",
			app:  appHistory(AppReturned), when: resubmit(owner),
			thenApp: []Event{&ApplicationSubmitted{ApplicationID: appID1, Round: 2}},
			check: func(t *testing.T, w fundingWorld) {
				x := w.app
				if x.Status() != AppSubmitted || x.Round() != 2 || x.StatusReason() != "" {
					t.Errorf("status %s round %d reason %q", x.Status(), x.Round(), x.StatusReason())
				}
				if len(x.AssignedExperts()) != 0 || len(x.Scores()) != 0 || len(x.AllScores()) != 2 || x.AllExpertsScored() {
					t.Errorf("experts %v scores %v all scores %v", x.AssignedExperts(), x.Scores(), x.AllScores())
				}
				if _, ok := x.Screening(); ok || len(x.Screenings()) != 1 {
					t.Errorf("screenings %v", x.Screenings())
				}
			},
		},
		{name: "a returned application is resubmitted, not submitted", app: appHistory(AppReturned), when: submit(owner), wantErr: ErrState, wantMsg: "allowed only when DRAFT"},
		{name: "a draft is submitted, not resubmitted", app: appHistory(AppDraft), when: resubmit(owner), wantErr: ErrState, wantMsg: "allowed only when RETURNED"},
		{name: "a submitted application cannot be submitted again", app: appHistory(AppSubmitted), when: submit(owner), wantErr: ErrState},
		{name: "another organisation may not submit it", app: appHistory(AppDraft), when: submit(otherOwner), wantErr: ErrForbidden},
		{name: "another organisation may not resubmit it", app: appHistory(AppReturned), when: resubmit(otherOwner), wantErr: ErrForbidden},
		{name: "an expert may not submit it", app: appHistory(AppDraft), when: submit(expertA), wantErr: ErrForbidden},
		{name: "an application that does not exist cannot be submitted", when: submit(owner), wantErr: ErrNotFound},
		{name: "an application that does not exist cannot be resubmitted", when: resubmit(owner), wantErr: ErrNotFound},
	})
}

func TestWithdrawApplication(t *testing.T) {
	withdraw := func(a Actor, reason string) fundingWhen {
		return onApp((*FundingApplication).Withdraw, a, WithdrawApplication{Reason: reason})
	}
	var cases []fundingCase
	for _, s := range appStatusesPending {
		given := appHistory(s)
		if s == AppUnderExpertReview {
			given = appReviewed()
		}
		cases = append(cases, fundingCase{
			name: "the owner withdraws an application that is " + string(s), app: given,
			when:    withdraw(owner, " 项目调整 "),
			thenApp: []Event{&ApplicationWithdrawn{ApplicationID: appID1, PreviousStatus: s, Reason: "项目调整"}},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.Status() != AppWithdrawn || w.app.StatusReason() != "项目调整" || !w.app.Status().IsTerminal() {
					t.Errorf("status %s (%q)", w.app.Status(), w.app.StatusReason())
				}
			},
		})
	}
	cases = append(cases,
		fundingCase{
			name: "a reason is optional", app: appHistory(AppDraft), when: withdraw(owner, ""),
			thenApp: []Event{&ApplicationWithdrawn{ApplicationID: appID1, PreviousStatus: AppDraft}},
		},
		fundingCase{name: "an approved application cannot be withdrawn", app: appHistory(AppApproved), fund: fundFor(appHistory(AppApproved)), when: withdraw(owner, "r"), wantErr: ErrState, wantMsg: "APPROVED"},
		fundingCase{name: "a rejected application cannot be withdrawn", app: appHistory(AppRejected), when: withdraw(owner, "r"), wantErr: ErrState},
		fundingCase{name: "a withdrawn application cannot be withdrawn again", app: appHistory(AppWithdrawn), when: withdraw(owner, "r"), wantErr: ErrState},
		fundingCase{name: "another organisation may not withdraw it", app: appHistory(AppSubmitted), when: withdraw(otherOwner, "r"), wantErr: ErrForbidden},
		fundingCase{name: "the finance bureau may not withdraw it", app: appHistory(AppSubmitted), when: withdraw(finance, "r"), wantErr: ErrForbidden},
		fundingCase{name: "an application that does not exist cannot be withdrawn", when: withdraw(owner, "r"), wantErr: ErrNotFound},
	)
	runFundingCases(t, cases)
}
