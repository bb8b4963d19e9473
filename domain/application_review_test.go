package domain

import (
	"slices"
	"testing"
)

func TestScreenApplication(t *testing.T) {
	screen := func(a Actor, c ScreenApplication) fundingWhen { return onApp((*FundingApplication).Screen, a, c) }
	pass := ScreenApplication{Passed: true, Note: " 材料齐全 "}
	fail := ScreenApplication{Reasons: []string{" 缺少立项批复文件 ", "资金测算表未盖章"}}
	resubmitted := with(appHistory(AppReturned), &ApplicationSubmitted{ApplicationID: appID1, Round: 2})
	runFundingCases(t, []fundingCase{
		{
			name: "the office passes a submitted application", app: appHistory(AppSubmitted), when: screen(office, pass),
			thenApp: []Event{&ApplicationScreeningPassed{ApplicationID: appID1, Round: 1, Note: "材料齐全"}},
			check: func(t *testing.T, w fundingWorld) {
				r, ok := w.app.Screening()
				if w.app.Status() != AppScreened || !ok || !r.Passed || r.Round != 1 || r.Note != "材料齐全" {
					t.Errorf("status %s, screening %+v", w.app.Status(), r)
				}
			},
		},
		{
			name: "the office fails a submitted application with reasons; it is closed for good", app: appHistory(AppSubmitted), when: screen(office, fail),
			thenApp: []Event{&ApplicationScreeningFailed{ApplicationID: appID1, Round: 1, Reasons: []string{"缺少立项批复文件", "资金测算表未盖章"}}},
			check: func(t *testing.T, w fundingWorld) {
				r, ok := w.app.Screening()
				if w.app.Status() != AppScreeningFailed || !w.app.Status().IsTerminal() || !ok || r.Passed || len(r.Reasons) != 2 ||
					w.app.StatusReason() != "缺少立项批复文件; 资金测算表未盖章" {
					t.Errorf("status %s (%q), screening %+v", w.app.Status(), w.app.StatusReason(), r)
				}
			},
		},
		{
			name: "a resubmitted application is screened again in round 2", app: resubmitted, when: screen(office, ScreenApplication{Passed: true}),
			thenApp: []Event{&ApplicationScreeningPassed{ApplicationID: appID1, Round: 2}},
			check: func(t *testing.T, w fundingWorld) {
				if r, _ := w.app.Screening(); r.Round != 2 || len(w.app.Screenings()) != 2 {
					t.Errorf("screenings %+v", w.app.Screenings())
				}
			},
		},
		{name: "a failure needs at least one reason", app: appHistory(AppSubmitted), when: screen(office, ScreenApplication{}), wantErr: ErrInvalid, wantMsg: "at least one reason"},
		{
			name: "an empty reason is refused", app: appHistory(AppSubmitted),
			when: screen(office, ScreenApplication{Reasons: []string{"a", " "}}), wantErr: ErrInvalid, wantMsg: "reasons[1]",
		},
		{
			name: "a pass carries no reasons", app: appHistory(AppSubmitted),
			when: screen(office, ScreenApplication{Passed: true, Reasons: []string{"a"}}), wantErr: ErrInvalid, wantMsg: "only when screening fails",
		},
		{
			name: "a failure carries reasons, not a note", app: appHistory(AppSubmitted),
			when: screen(office, ScreenApplication{Note: "n", Reasons: []string{"a"}}), wantErr: ErrInvalid, wantMsg: "note",
		},
		{name: "a draft is not screened", app: appHistory(AppDraft), when: screen(office, pass), wantErr: ErrState, wantMsg: "DRAFT"},
		{name: "a screened application is not screened twice", app: appHistory(AppScreened), when: screen(office, pass), wantErr: ErrState, wantMsg: "SCREENED"},
		{name: "the finance bureau does not screen", app: appHistory(AppSubmitted), when: screen(finance, pass), wantErr: ErrForbidden},
		{name: "an owner does not screen", app: appHistory(AppSubmitted), when: screen(owner, pass), wantErr: ErrForbidden},
		{name: "an application that does not exist cannot be screened", when: screen(office, pass), wantErr: ErrNotFound},
	})
}

func TestAssignExperts(t *testing.T) {
	assign := func(a Actor, experts ...Actor) fundingWhen {
		return onApp((*FundingApplication).AssignExperts, a, AssignApplicationExperts{Experts: experts})
	}
	assigned := &ExpertsAssigned{ApplicationID: appID1, Round: 1, Experts: []AssignedExpert{
		{UserID: expertA.UserID, OrgID: expertA.OrgID}, {UserID: expertC.UserID, OrgID: expertC.OrgID},
	}}
	many := make([]Actor, maxExperts+1)
	for i := range many {
		many[i] = Actor{UserID: "u-expert-" + string(rune('a'+i)), Role: RoleExpert}
	}
	runFundingCases(t, []fundingCase{
		{
			name: "the office assigns experts to a screened application", app: appHistory(AppScreened),
			when: assign(office, expertA, expertC), thenApp: []Event{assigned},
			check: func(t *testing.T, w fundingWorld) {
				x := w.app
				if x.Status() != AppUnderExpertReview || !x.IsAssigned(expertC.UserID) || x.IsAssigned(expertB.UserID) ||
					!slices.Equal(x.PendingExperts(), []string{expertA.UserID, expertC.UserID}) || x.AllExpertsScored() {
					t.Errorf("status %s, experts %v, pending %v", x.Status(), x.AssignedExperts(), x.PendingExperts())
				}
			},
		},
		{
			name: "an expert without an organisation may be assigned", app: appHistory(AppScreened),
			when:    assign(office, Actor{UserID: " u-x ", Role: RoleExpert}),
			thenApp: []Event{&ExpertsAssigned{ApplicationID: appID1, Round: 1, Experts: []AssignedExpert{{UserID: "u-x"}}}},
		},
		{name: "at least one expert is required", app: appHistory(AppScreened), when: assign(office), wantErr: ErrInvalid, wantMsg: "at least one expert"},
		{name: "too many experts are refused", app: appHistory(AppScreened), when: assign(office, many...), wantErr: ErrInvalid, wantMsg: "at most 30"},
		{name: "an expert is assigned once", app: appHistory(AppScreened), when: assign(office, expertA, expertC, expertA), wantErr: ErrInvalid, wantMsg: "u-expert-a is listed twice"},
		{
			name: "an expert of the owner organisation is refused", app: appHistory(AppScreened),
			when: assign(office, expertA, ownExpert), wantErr: ErrInvalid, wantMsg: "conflict of interest",
		},
		{name: "only experts may be assigned", app: appHistory(AppScreened), when: assign(office, expertA, finance), wantErr: ErrInvalid, wantMsg: "is not an expert"},
		{
			name: "an expert needs a user id", app: appHistory(AppScreened),
			when: assign(office, Actor{Role: RoleExpert, OrgID: "o"}), wantErr: ErrInvalid, wantMsg: "without a user id",
		},
		{name: "a submitted application is not yet screened", app: appHistory(AppSubmitted), when: assign(office, expertA), wantErr: ErrState, wantMsg: "allowed only when SCREENED"},
		{name: "experts are assigned once per round", app: appHistory(AppUnderExpertReview), when: assign(office, expertC), wantErr: ErrState},
		{name: "a failed application gets no experts", app: appHistory(AppScreeningFailed), when: assign(office, expertA), wantErr: ErrState},
		{name: "the finance bureau does not assign experts", app: appHistory(AppScreened), when: assign(finance, expertA), wantErr: ErrForbidden},
		{name: "an expert does not assign experts", app: appHistory(AppScreened), when: assign(expertA, expertA), wantErr: ErrForbidden},
		{name: "an application that does not exist gets no experts", when: assign(office, expertA), wantErr: ErrNotFound},
	})
}

func TestScoreApplication(t *testing.T) {
	score := func(a Actor, s int, opinion string) fundingWhen {
		return onApp((*FundingApplication).Score, a, ScoreApplication{Score: s, Opinion: opinion})
	}
	// An own-organisation expert slipped in through a stream written before the check existed.
	legacy := with(appHistory(AppScreened), &ExpertsAssigned{ApplicationID: appID1, Round: 1,
		Experts: []AssignedExpert{{UserID: ownExpert.UserID, OrgID: "org-experts"}}})
	runFundingCases(t, []fundingCase{
		{
			name: "the last assigned expert scores and the application waits for the decision", app: appHistory(AppUnderExpertReview),
			when: score(expertB, 78, " 方案可行 "), thenApp: []Event{scored(expertB, 1, 78)},
			check: func(t *testing.T, w fundingWorld) {
				x := w.app
				if !x.AllExpertsScored() || len(x.PendingExperts()) != 0 || len(x.Scores()) != 2 || !x.HasScored(expertB.UserID) ||
					x.Status() != AppUnderExpertReview {
					t.Errorf("scores %v, pending %v", x.Scores(), x.PendingExperts())
				}
			},
		},
		{
			name: "scores of 0 and 100 are allowed", app: appHistory(AppUnderExpertReview),
			when: score(expertB, 0, "o"), thenApp: []Event{&ApplicationScored{ApplicationID: appID1, Round: 1, ExpertID: expertB.UserID, Score: 0, Opinion: "o"}},
		},
		{
			name: "an expert scores once per round", app: appHistory(AppUnderExpertReview),
			when: score(expertA, 90, "再评"), wantErr: ErrState, wantMsg: "already scored by expert u-expert-a in round 1",
		},
		{
			name: "an expert not assigned may not score", app: appHistory(AppUnderExpertReview),
			when: score(expertC, 90, "o"), wantErr: ErrForbidden, wantMsg: "not assigned",
		},
		{
			name: "an expert who has moved to the owner organisation may not score", app: legacy,
			when: score(ownExpert, 90, "o"), wantErr: ErrForbidden, wantMsg: "conflict of interest",
		},
		{name: "an expert without a user id may not score", app: appHistory(AppUnderExpertReview), when: score(Actor{Role: RoleExpert}, 90, "o"), wantErr: ErrForbidden},
		{name: "the office may not score", app: appHistory(AppUnderExpertReview), when: score(office, 90, "o"), wantErr: ErrForbidden},
		{name: "the owner may not score", app: appHistory(AppUnderExpertReview), when: score(owner, 90, "o"), wantErr: ErrForbidden},
		{name: "a score above 100 is refused", app: appHistory(AppUnderExpertReview), when: score(expertB, 101, "o"), wantErr: ErrInvalid, wantMsg: "101 is outside 0..100"},
		{name: "a negative score is refused", app: appHistory(AppUnderExpertReview), when: score(expertB, -1, "o"), wantErr: ErrInvalid, wantMsg: "score"},
		{name: "an opinion is required", app: appHistory(AppUnderExpertReview), when: score(expertB, 80, ""), wantErr: ErrInvalid, wantMsg: "opinion"},
		{name: "a screened application has no experts yet", app: appHistory(AppScreened), when: score(expertA, 80, "o"), wantErr: ErrState},
		{name: "a decided application takes no scores", app: appHistory(AppRejected), when: score(expertB, 80, "o"), wantErr: ErrState, wantMsg: "REJECTED"},
		{name: "an application that does not exist takes no scores", when: score(expertA, 80, "o"), wantErr: ErrNotFound},
	})
}

func TestRejectAndReturnApplication(t *testing.T) {
	reject := func(a Actor, reason string) fundingWhen {
		return onApp((*FundingApplication).Reject, a, RejectApplication{Reason: reason})
	}
	giveBack := func(a Actor, reason string) fundingWhen {
		return onApp((*FundingApplication).ReturnForRevision, a, ReturnApplicationForRevision{Reason: reason})
	}
	runFundingCases(t, []fundingCase{
		{
			name: "the managing bureau rejects a reviewed application", app: appReviewed(), fund: fundFor(nil),
			when:    reject(finance, " 与已支持项目重复 "),
			thenApp: []Event{&ApplicationRejected{ApplicationID: appID1, Reason: "与已支持项目重复"}},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.Status() != AppRejected || w.app.StatusReason() != "与已支持项目重复" || w.fund.Reserved() != 0 {
					t.Errorf("status %s (%q), reserved %s", w.app.Status(), w.app.StatusReason(), w.fund.Reserved())
				}
			},
		},
		{
			name: "the managing bureau returns a reviewed application for revision", app: appReviewed(),
			when:    giveBack(finance, "补充绩效目标"),
			thenApp: []Event{&ApplicationReturnedForRevision{ApplicationID: appID1, Reason: "补充绩效目标"}},
			check: func(t *testing.T, w fundingWorld) {
				if w.app.Status() != AppReturned || w.app.StatusReason() != "补充绩效目标" {
					t.Errorf("status %s (%q)", w.app.Status(), w.app.StatusReason())
				}
			},
		},
		{
			name: "no decision while an expert has not scored", app: appHistory(AppUnderExpertReview),
			when: reject(finance, "r"), wantErr: ErrState, wantMsg: "waiting for the scores of u-expert-b in round 1",
		},
		{
			name: "no return while an expert has not scored", app: appHistory(AppUnderExpertReview),
			when: giveBack(finance, "r"), wantErr: ErrState, wantMsg: "u-expert-b",
		},
		{name: "a rejection needs a reason", app: appReviewed(), when: reject(finance, " "), wantErr: ErrInvalid, wantMsg: "reason"},
		{name: "a return needs a reason", app: appReviewed(), when: giveBack(finance, ""), wantErr: ErrInvalid, wantMsg: "reason"},
		{name: "a screened application is not yet reviewed", app: appHistory(AppScreened), when: reject(finance, "r"), wantErr: ErrState, wantMsg: "allowed only when UNDER_EXPERT_REVIEW"},
		{name: "an approved application cannot be rejected", app: appHistory(AppApproved), fund: fundFor(appHistory(AppApproved)), when: reject(finance, "r"), wantErr: ErrState},
		{name: "a returned application cannot be returned again", app: appHistory(AppReturned), when: giveBack(finance, "r"), wantErr: ErrState},
		{
			name: "another finance bureau may not decide", app: appReviewed(),
			when: reject(otherFinance, "r"), wantErr: ErrForbidden, wantMsg: "managing bureau org-xz-finance",
		},
		{name: "the office may not decide", app: appReviewed(), when: giveBack(office, "r"), wantErr: ErrForbidden},
		{name: "an expert may not decide", app: appReviewed(), when: reject(expertA, "r"), wantErr: ErrForbidden},
		{name: "an application that does not exist cannot be rejected", when: reject(finance, "r"), wantErr: ErrNotFound},
	})
}
