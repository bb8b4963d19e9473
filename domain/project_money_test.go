package domain

import "testing"

func TestRecordExpenditure(t *testing.T) {
	spend := func(a Actor, amount Money, category ExpenditureCategory) func(*Project) ([]Event, error) {
		return do((*Project).RecordExpenditure, a, RecordExpenditure{
			SpentOn: MustDate("2017-01-10"), Amount: amount, Category: category, Description: "服务器采购", Today: today,
		})
	}
	spent := func(amount Money) *ExpenditureRecorded {
		return &ExpenditureRecorded{ProjectID: pid, SpentOn: MustDate("2017-01-10"), Amount: amount, Category: ExpenditureEquipment, Description: "服务器采购"}
	}
	// An approved budget of 1100.00 yuan with 1080.00 already spent.
	small := history(StatusInConstruction)
	small[3] = &ProjectApproved{ProjectID: pid, DocumentNo: "徐政复〔2016〕25号", ApprovedBudget: Yuan(1100), ApprovedOn: approvedOn}
	small = with(small, spent(Yuan(1080)))
	runProjectCases(t, []projectCase{
		{
			name: "the owner records spending on its project in construction", given: history(StatusInConstruction),
			when: spend(owner, Yuan(250_000), ExpenditureEquipment), then: []Event{spent(Yuan(250_000))},
			check: func(t *testing.T, p *Project) {
				if p.Spent() != Yuan(250_000) || p.RemainingBudget() != Yuan(9_750_000) || len(p.Expenditures()) != 1 {
					t.Errorf("spent %s, remaining %s", p.Spent(), p.RemainingBudget())
				}
			},
		},
		{name: "spending may start once approved", given: history(StatusApproved), when: spend(owner, 1, ExpenditureEquipment), then: []Event{spent(1)}},
		{name: "spending may reach the approved budget exactly", given: small, when: spend(owner, Yuan(20), ExpenditureEquipment), then: []Event{spent(Yuan(20))}},
		{
			name: "spending beyond the approved budget is refused", given: small, when: spend(owner, Yuan(120), ExpenditureEquipment),
			wantErr: ErrInvalid, wantMsg: "expenditure of 120.00 yuan would bring spending to 1200.00, above the approved budget 1100.00",
		},
		{name: "a project under review spends nothing", given: history(StatusUnderReview), when: spend(owner, 1, ExpenditureEquipment), wantErr: ErrState},
		{name: "an evaluated project spends nothing", given: history(StatusEvaluated), when: spend(owner, 1, ExpenditureEquipment), wantErr: ErrState},
		{name: "a suspended project spends nothing", given: history(StatusSuspended), when: spend(owner, 1, ExpenditureEquipment), wantErr: ErrState},
		{name: "a zero amount is refused", given: history(StatusInConstruction), when: spend(owner, 0, ExpenditureEquipment), wantErr: ErrInvalid, wantMsg: "amount"},
		{name: "a negative amount is refused", given: history(StatusInConstruction), when: spend(owner, -100, ExpenditureEquipment), wantErr: ErrInvalid, wantMsg: "-1.00"},
		{name: "an unknown category is refused", given: history(StatusInConstruction), when: spend(owner, 100, "TRAVEL"), wantErr: ErrInvalid, wantMsg: `"TRAVEL"`},
		{
			name: "spending dated after today is refused", given: history(StatusInConstruction),
			when: do((*Project).RecordExpenditure, owner, RecordExpenditure{
				SpentOn: MustDate("2019-07-01"), Amount: 100, Category: ExpenditureSoftware, Description: "d", Today: today,
			}),
			wantErr: ErrInvalid, wantMsg: "after today",
		},
		{
			name: "spending needs a description", given: history(StatusInConstruction),
			when: do((*Project).RecordExpenditure, owner, RecordExpenditure{
				SpentOn: MustDate("2017-01-10"), Amount: 100, Category: ExpenditureSoftware, Today: today,
			}),
			wantErr: ErrInvalid, wantMsg: "description",
		},
		{name: "another organisation may not record spending", given: history(StatusInConstruction), when: spend(otherOwner, 100, ExpenditureEquipment), wantErr: ErrForbidden},
		{name: "the finance bureau does not record project spending", given: history(StatusInConstruction), when: spend(finance, 100, ExpenditureEquipment), wantErr: ErrForbidden},
	})
}

func TestBudgetRevisions(t *testing.T) {
	propose := func(a Actor, id BudgetRevisionID, budget Money) func(*Project) ([]Event, error) {
		return do((*Project).ProposeBudgetRevision, a, ProposeBudgetRevision{RevisionID: id, NewBudget: budget, Reason: "增加视频监控点位"})
	}
	approve := func(a Actor, id BudgetRevisionID) func(*Project) ([]Event, error) {
		return do((*Project).ApproveBudgetRevision, a, ApproveBudgetRevision{RevisionID: id, Note: "同意"})
	}
	reject := func(a Actor, id BudgetRevisionID, reason string) func(*Project) ([]Event, error) {
		return do((*Project).RejectBudgetRevision, a, RejectBudgetRevision{RevisionID: id, Reason: reason})
	}
	proposed := &BudgetRevisionProposed{ProjectID: pid, RevisionID: rev1, PreviousBudget: Yuan(10_000_000), NewBudget: Yuan(12_000_000), Reason: "增加视频监控点位"}
	shrink := &BudgetRevisionProposed{ProjectID: pid, RevisionID: rev1, PreviousBudget: Yuan(10_000_000), NewBudget: Yuan(8_000_000), Reason: "缩减"}
	building := history(StatusInConstruction)
	pending := with(building, proposed)
	spentNine := with(building, &ExpenditureRecorded{ProjectID: pid, SpentOn: MustDate("2017-01-10"), Amount: Yuan(9_000_000), Category: ExpenditureConstruction, Description: "土建"})
	decided := with(pending, &BudgetRevisionRejected{ProjectID: pid, RevisionID: rev1, Reason: "资金不足"})
	runProjectCases(t, []projectCase{
		{
			name: "the owner proposes a larger budget", given: building, when: propose(owner, rev1, Yuan(12_000_000)), then: []Event{proposed},
			check: func(t *testing.T, p *Project) {
				r, ok := p.PendingBudgetRevision()
				if !ok || r.ID != rev1 || p.ApprovedBudget() != Yuan(10_000_000) {
					t.Errorf("pending %+v %v, budget %s", r, ok, p.ApprovedBudget())
				}
			},
		},
		{name: "only one revision may be pending", given: pending, when: propose(owner, rev2, Yuan(13_000_000)), wantErr: ErrState, wantMsg: string(rev1)},
		{name: "a revision id may not be reused", given: decided, when: propose(owner, rev1, Yuan(13_000_000)), wantErr: ErrInvalid, wantMsg: "already exists"},
		{name: "a new budget below what is spent is refused", given: spentNine, when: propose(owner, rev1, Yuan(8_000_000)), wantErr: ErrInvalid, wantMsg: "8000000.00 yuan is below the 9000000.00 yuan already spent"},
		{name: "an unchanged budget is refused", given: building, when: propose(owner, rev1, Yuan(10_000_000)), wantErr: ErrInvalid, wantMsg: "already the approved budget"},
		{name: "a zero budget is refused", given: building, when: propose(owner, rev1, 0), wantErr: ErrInvalid, wantMsg: "newBudget"},
		{name: "a revision id must be a UUID", given: building, when: propose(owner, "r1", Yuan(12_000_000)), wantErr: ErrInvalid, wantMsg: "revisionId"},
		{
			name: "a revision needs a reason", given: building,
			when: do((*Project).ProposeBudgetRevision, owner, ProposeBudgetRevision{RevisionID: rev1, NewBudget: Yuan(12_000_000)}), wantErr: ErrInvalid, wantMsg: "reason",
		},
		{name: "a project under review has no budget to revise", given: history(StatusUnderReview), when: propose(owner, rev1, Yuan(12_000_000)), wantErr: ErrState},
		{name: "another organisation may not propose a revision", given: building, when: propose(otherOwner, rev1, Yuan(12_000_000)), wantErr: ErrForbidden},
		{
			name: "the office approves the pending revision and the budget changes", given: pending, when: approve(office, rev1),
			then: []Event{&BudgetRevisionApproved{ProjectID: pid, RevisionID: rev1, NewBudget: Yuan(12_000_000), Note: "同意"}},
			check: func(t *testing.T, p *Project) {
				if _, ok := p.PendingBudgetRevision(); ok || p.ApprovedBudget() != Yuan(12_000_000) || p.InitialApprovedBudget() != Yuan(10_000_000) {
					t.Errorf("budget %s, initial %s, revisions %+v", p.ApprovedBudget(), p.InitialApprovedBudget(), p.BudgetRevisions())
				}
			},
		},
		{
			name: "a shrinking revision is refused at approval when spending has overtaken it", given: with(spentNine, shrink),
			when: approve(office, rev1), wantErr: ErrState, wantMsg: "already spending 9000000.00 yuan, above the revised budget 8000000.00",
		},
		{name: "the owner may not approve its own revision", given: pending, when: approve(owner, rev1), wantErr: ErrForbidden},
		{name: "an unknown revision is not found", given: pending, when: approve(office, rev2), wantErr: ErrNotFound},
		{name: "a decided revision cannot be approved", given: decided, when: approve(office, rev1), wantErr: ErrState, wantMsg: "REJECTED"},
		{
			name: "the office rejects the pending revision and the budget stays", given: pending, when: reject(office, rev1, "资金不足"),
			then: []Event{&BudgetRevisionRejected{ProjectID: pid, RevisionID: rev1, Reason: "资金不足"}},
			check: func(t *testing.T, p *Project) {
				r := p.BudgetRevisions()[0]
				if r.Status != RevisionRejected || r.DecisionNote != "资金不足" || p.ApprovedBudget() != Yuan(10_000_000) {
					t.Errorf("revision %+v, budget %s", r, p.ApprovedBudget())
				}
			},
		},
		{name: "a rejection needs a reason", given: pending, when: reject(office, rev1, ""), wantErr: ErrInvalid, wantMsg: "reason"},
		{name: "the finance bureau may not reject a revision", given: pending, when: reject(finance, rev1, "x"), wantErr: ErrForbidden},
		{name: "a decided revision cannot be rejected", given: decided, when: reject(office, rev1, "x"), wantErr: ErrState},
		{name: "a suspended project's revision waits", given: with(history(StatusSuspended), proposed), when: approve(office, rev1), wantErr: ErrState},
	})
}
