package domain

import "testing"

func TestSubmitForReview(t *testing.T) {
	submit := func(a Actor) func(*Project) ([]Event, error) {
		return do((*Project).SubmitForReview, a, SubmitProjectForReview{})
	}
	runProjectCases(t, []projectCase{
		{
			name: "an owner submits its proposed project and opens review round 1", given: history(StatusProposed),
			when: submit(owner), then: []Event{&ProjectSubmittedForReview{ProjectID: pid, Round: 1}},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusUnderReview)
				if p.ReviewRound() != 1 {
					t.Errorf("round %d", p.ReviewRound())
				}
			},
		},
		{
			name: "resubmitting a returned project opens round 2", given: history(StatusReturned),
			when: submit(owner), then: []Event{&ProjectSubmittedForReview{ProjectID: pid, Round: 2}},
			check: func(t *testing.T, p *Project) {
				if p.StatusReason() != "" || len(p.CurrentReviews()) != 0 || len(p.Reviews()) != 1 {
					t.Errorf("reason %q, current reviews %v, all reviews %v", p.StatusReason(), p.CurrentReviews(), p.Reviews())
				}
			},
		},
		{name: "another organisation may not submit it", given: history(StatusProposed), when: submit(otherOwner), wantErr: ErrForbidden},
		{name: "an expert may not submit it", given: history(StatusProposed), when: submit(expertA), wantErr: ErrForbidden},
		{name: "a project that does not exist cannot be submitted", when: submit(owner), wantErr: ErrNotFound},
		{name: "a project already under review cannot be submitted again", given: history(StatusUnderReview), when: submit(owner), wantErr: ErrState},
		{name: "a rejected project cannot be submitted", given: history(StatusRejected), when: submit(owner), wantErr: ErrState, wantMsg: "REJECTED"},
	})
}

func TestRecordExpertReview(t *testing.T) {
	review := func(a Actor, score int, opinion string) func(*Project) ([]Event, error) {
		return do((*Project).RecordExpertReview, a, RecordExpertReview{Score: score, Opinion: opinion})
	}
	submitted := with(history(StatusProposed), &ProjectSubmittedForReview{ProjectID: pid, Round: 1})
	secondRound := with(history(StatusReturned), &ProjectSubmittedForReview{ProjectID: pid, Round: 2})
	runProjectCases(t, []projectCase{
		{
			name: "an expert scores a project under review", given: submitted,
			when: review(expertA, 86, " 方案可行 "),
			then: []Event{&ExpertReviewRecorded{ProjectID: pid, Round: 1, ExpertID: "u-expert-a", Score: 86, Opinion: "方案可行"}},
		},
		{
			name: "a second expert scores the same round", given: history(StatusUnderReview),
			when: review(expertB, 0, "重复建设"),
			then: []Event{&ExpertReviewRecorded{ProjectID: pid, Round: 1, ExpertID: "u-expert-b", Score: 0, Opinion: "重复建设"}},
		},
		{
			name: "the same expert scores again in a new round", given: secondRound,
			when: review(expertA, 100, "已修改"),
			then: []Event{&ExpertReviewRecorded{ProjectID: pid, Round: 2, ExpertID: "u-expert-a", Score: 100, Opinion: "已修改"}},
		},
		{
			name: "an expert reviews only once per round", given: history(StatusUnderReview),
			when: review(expertA, 70, "再评"), wantErr: ErrState, wantMsg: "already reviewed by expert u-expert-a in round 1",
		},
		{name: "the office may not score", given: submitted, when: review(office, 80, "好"), wantErr: ErrForbidden},
		{name: "the owner may not score its own project", given: submitted, when: review(owner, 80, "好"), wantErr: ErrForbidden},
		{
			name: "an expert of the owner organisation may not score", given: submitted,
			when:    review(Actor{UserID: "u-x", Role: RoleExpert, OrgID: owner.OrgID}, 80, "好"),
			wantErr: ErrForbidden, wantMsg: "conflict of interest",
		},
		{
			name: "an expert without a user id may not score", given: submitted,
			when: review(Actor{Role: RoleExpert}, 80, "好"), wantErr: ErrForbidden,
		},
		{name: "a proposed project is not yet under review", given: history(StatusProposed), when: review(expertA, 80, "好"), wantErr: ErrState},
		{name: "an approved project is no longer under review", given: history(StatusApproved), when: review(expertB, 80, "好"), wantErr: ErrState},
		{name: "a score above 100 is refused", given: submitted, when: review(expertA, 101, "好"), wantErr: ErrInvalid, wantMsg: "101 is outside 0..100"},
		{name: "a negative score is refused", given: submitted, when: review(expertA, -1, "好"), wantErr: ErrInvalid, wantMsg: "score"},
		{name: "an empty opinion is refused", given: submitted, when: review(expertA, 80, " "), wantErr: ErrInvalid, wantMsg: "opinion"},
	})
}

func TestApprove(t *testing.T) {
	approval := func(f func(*ApproveProject)) ApproveProject {
		c := ApproveProject{DocumentNo: "徐政复〔2016〕25号", ApprovedBudget: Yuan(10_000_000), ApprovedOn: approvedOn, Today: approvedOn}
		if f != nil {
			f(&c)
		}
		return c
	}
	approve := func(a Actor, f func(*ApproveProject)) func(*Project) ([]Event, error) {
		return do((*Project).Approve, a, approval(f))
	}
	submitted := with(history(StatusProposed), &ProjectSubmittedForReview{ProjectID: pid, Round: 1})
	roundTwoUnreviewed := with(history(StatusReturned), &ProjectSubmittedForReview{ProjectID: pid, Round: 2})
	runProjectCases(t, []projectCase{
		{
			name: "the office approves a reviewed project with document and budget", given: history(StatusUnderReview),
			when: approve(office, nil), then: []Event{lifecycle()[2]},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusApproved)
				if p.ApprovedBudget() != Yuan(10_000_000) || p.InitialApprovedBudget() != Yuan(10_000_000) ||
					p.ApprovalDocumentNo() != "徐政复〔2016〕25号" || p.ApprovedOn() != approvedOn {
					t.Errorf("approval not recorded: %s %s %s", p.ApprovedBudget(), p.ApprovalDocumentNo(), p.ApprovedOn())
				}
			},
		},
		{name: "the owner may not approve", given: history(StatusUnderReview), when: approve(owner, nil), wantErr: ErrForbidden},
		{name: "the finance bureau may not approve initiation", given: history(StatusUnderReview), when: approve(finance, nil), wantErr: ErrForbidden},
		{name: "a project that does not exist cannot be approved", when: approve(office, nil), wantErr: ErrNotFound},
		{name: "a proposed project cannot be approved", given: history(StatusProposed), when: approve(office, nil), wantErr: ErrState},
		{
			name: "a project without an expert review cannot be approved", given: submitted,
			when: approve(office, nil), wantErr: ErrState, wantMsg: "without any expert review in round 1",
		},
		{
			name: "reviews of an earlier round do not count", given: roundTwoUnreviewed,
			when: approve(office, nil), wantErr: ErrState, wantMsg: "round 2",
		},
		{
			name: "the document number is required", given: history(StatusUnderReview),
			when: approve(office, func(c *ApproveProject) { c.DocumentNo = "" }), wantErr: ErrInvalid, wantMsg: "documentNo",
		},
		{
			name: "a zero budget is refused", given: history(StatusUnderReview),
			when: approve(office, func(c *ApproveProject) { c.ApprovedBudget = 0 }), wantErr: ErrInvalid, wantMsg: "approvedBudget",
		},
		{
			name: "a budget above the maximum is refused", given: history(StatusUnderReview),
			when: approve(office, func(c *ApproveProject) { c.ApprovedBudget = MaxMoney + 1 }), wantErr: ErrInvalid, wantMsg: "maximum",
		},
		{
			name: "the approval date is required", given: history(StatusUnderReview),
			when: approve(office, func(c *ApproveProject) { c.ApprovedOn = Date{} }), wantErr: ErrInvalid, wantMsg: "approvedOn",
		},
		{
			name: "an approval dated after today is refused", given: history(StatusUnderReview),
			when:    approve(office, func(c *ApproveProject) { c.ApprovedOn = MustDate("2016-06-16") }),
			wantErr: ErrInvalid, wantMsg: "2016-06-16 is after today (2016-06-15)",
		},
		{
			name: "today is required", given: history(StatusUnderReview),
			when: approve(office, func(c *ApproveProject) { c.Today = Date{} }), wantErr: ErrInvalid, wantMsg: "today",
		},
	})
}

func TestRejectAndReturnForRevision(t *testing.T) {
	reject := func(a Actor, reason string) func(*Project) ([]Event, error) {
		return do((*Project).Reject, a, RejectProject{Reason: reason})
	}
	giveBack := func(a Actor, reason string) func(*Project) ([]Event, error) {
		return do((*Project).ReturnForRevision, a, ReturnProjectForRevision{Reason: reason})
	}
	runProjectCases(t, []projectCase{
		{
			name: "the office rejects a project under review", given: history(StatusUnderReview),
			when: reject(office, " 与已建项目重复 "), then: []Event{&ProjectRejected{ProjectID: pid, Reason: "与已建项目重复"}},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusRejected)
				if p.StatusReason() != "与已建项目重复" {
					t.Errorf("reason %q", p.StatusReason())
				}
			},
		},
		{name: "the owner may not reject", given: history(StatusUnderReview), when: reject(owner, "x"), wantErr: ErrForbidden},
		{name: "a proposed project cannot be rejected", given: history(StatusProposed), when: reject(office, "x"), wantErr: ErrState},
		{name: "a rejection needs a reason", given: history(StatusUnderReview), when: reject(office, ""), wantErr: ErrInvalid, wantMsg: "reason"},
		{
			name: "the office returns a project under review for revision", given: history(StatusUnderReview),
			when: giveBack(office, "补充资金来源说明"), then: []Event{&ProjectReturnedForRevision{ProjectID: pid, Reason: "补充资金来源说明"}},
			check: func(t *testing.T, p *Project) { expectStatus(t, p, StatusReturned) },
		},
		{name: "an expert may not return a project", given: history(StatusUnderReview), when: giveBack(expertA, "x"), wantErr: ErrForbidden},
		{name: "a returned project cannot be returned again", given: history(StatusReturned), when: giveBack(office, "x"), wantErr: ErrState},
		{name: "a return needs a reason", given: history(StatusUnderReview), when: giveBack(office, "\t"), wantErr: ErrInvalid, wantMsg: "reason"},
		{name: "a project that does not exist cannot be returned", when: giveBack(office, "x"), wantErr: ErrNotFound},
	})
}
