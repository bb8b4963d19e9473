package domain

import (
	"errors"
	"slices"
	"testing"
)

// commandRow is one project command, valid in every status it allows, for the matrices below.
type commandRow struct {
	name    string
	roles   []Role          // the roles that may give the command
	allowed []ProjectStatus // the statuses that allow it
	prepare []Event         // events the command needs, placed right after the proposal
	run     func(*Project, Actor) ([]Event, error)
}

func as[C any](method func(*Project, Actor, C) ([]Event, error), c C) func(*Project, Actor) ([]Event, error) {
	return func(p *Project, a Actor) ([]Event, error) { return method(p, a, c) }
}

func commandRows() []commandRow {
	own, off := []Role{RoleOwner}, []Role{RoleOffice}
	m := planned(ms1, "机房建成", "2017-06-30", 40)
	ind := &IndicatorDefined{ProjectID: pid, IndicatorID: ind1, Name: "n", Unit: "u", Target: QuantityOf(1), TargetDate: MustDate("2017-12-31")}
	rev := &BudgetRevisionProposed{ProjectID: pid, RevisionID: rev1, PreviousBudget: Yuan(10_000_000), NewBudget: Yuan(11_000_000), Reason: "r"}
	revised := validDetails()
	revised.Name = "改名"
	return []commandRow{
		{"Revise", own, statusesEditable, nil, as((*Project).Revise, ReviseProject{ProjectDetails: revised})},
		{"SubmitForReview", own, statusesEditable, nil, as((*Project).SubmitForReview, SubmitProjectForReview{})},
		{"RecordExpertReview", []Role{RoleExpert}, []ProjectStatus{StatusUnderReview}, nil, as((*Project).RecordExpertReview, RecordExpertReview{Score: 80, Opinion: "o"})},
		{"Approve", off, []ProjectStatus{StatusUnderReview}, nil, as((*Project).Approve, ApproveProject{DocumentNo: "d", ApprovedBudget: 1, ApprovedOn: today, Today: today})},
		{"Reject", off, []ProjectStatus{StatusUnderReview}, nil, as((*Project).Reject, RejectProject{Reason: "r"})},
		{"ReturnForRevision", off, []ProjectStatus{StatusUnderReview}, nil, as((*Project).ReturnForRevision, ReturnProjectForRevision{Reason: "r"})},
		{"StartConstruction", own, []ProjectStatus{StatusApproved}, nil, as((*Project).StartConstruction, StartConstruction{StartedOn: today, Today: today})},
		{"RequestAcceptance", own, []ProjectStatus{StatusInConstruction}, nil, as((*Project).RequestAcceptance, RequestAcceptance{})},
		{"Accept", off, []ProjectStatus{StatusAcceptanceRequested}, nil, as((*Project).Accept, AcceptProject{AcceptedOn: today, Conclusion: "c", Today: today})},
		{"RejectAcceptance", off, []ProjectStatus{StatusAcceptanceRequested}, nil, as((*Project).RejectAcceptance, RejectAcceptance{Reason: "r"})},
		{"StartOperation", own, []ProjectStatus{StatusAccepted}, nil, as((*Project).StartOperation, StartOperation{StartedOn: today, Today: today})},
		{"Evaluate", off, []ProjectStatus{StatusInOperation}, nil, as((*Project).Evaluate, EvaluateProject{EvaluatedOn: today, Score: 1, Conclusion: "c", Today: today})},
		{"Suspend", off, statusesSuspendable, nil, as((*Project).Suspend, SuspendProject{Reason: "r"})},
		{"Resume", off, []ProjectStatus{StatusSuspended}, nil, as((*Project).Resume, ResumeProject{})},
		{"Cancel", []Role{RoleOffice, RoleOwner}, slices.Concat(statusesLive, []ProjectStatus{StatusSuspended}), nil, as((*Project).Cancel, CancelProject{Reason: "r"})},
		{"PlanMilestone", own, statusesPlanning, nil, as((*Project).PlanMilestone, PlanMilestone{MilestoneID: ms2, Name: "n", PlannedDate: today, Weight: 10})},
		{"RescheduleMilestone", own, statusesLive, []Event{m}, as((*Project).RescheduleMilestone, RescheduleMilestone{MilestoneID: ms1, NewDate: today, Reason: "r"})},
		{"AchieveMilestone", own, statusesBuilding, []Event{m}, as((*Project).AchieveMilestone, AchieveMilestone{MilestoneID: ms1, AchievedOn: today, Evidence: "e", Today: today})},
		{"ReportProgress", own, statusesBuilding, nil, as((*Project).ReportProgress, ReportProgress{AsOf: today, Percent: 10, Narrative: "n", Today: today})},
		{"RecordExpenditure", own, statusesApprovedToOperation, nil, as((*Project).RecordExpenditure, RecordExpenditure{SpentOn: today, Amount: 1, Category: ExpenditureOther, Description: "d", Today: today})},
		{"DefineIndicator", own, statusesLive, nil, as((*Project).DefineIndicator, DefineIndicator{IndicatorID: ind2, Name: "n", Unit: "u", TargetDate: today})},
		{"RecordMeasurement", own, statusesLive, []Event{ind}, as((*Project).RecordMeasurement, RecordMeasurement{IndicatorID: ind1, MeasuredOn: today, Today: today})},
		{"ProposeBudgetRevision", own, statusesApprovedToOperation, nil, as((*Project).ProposeBudgetRevision, ProposeBudgetRevision{RevisionID: rev2, NewBudget: Yuan(20_000_000), Reason: "r"})},
		{"ApproveBudgetRevision", off, statusesApprovedToOperation, []Event{rev}, as((*Project).ApproveBudgetRevision, ApproveBudgetRevision{RevisionID: rev1})},
		{"RejectBudgetRevision", off, statusesApprovedToOperation, []Event{rev}, as((*Project).RejectBudgetRevision, RejectBudgetRevision{RevisionID: rev1, Reason: "r"})},
	}
}

func actorFor(r Role) Actor {
	return map[Role]Actor{RoleOwner: owner, RoleOffice: office, RoleExpert: expertB, RoleFinance: finance, RoleLeadership: leadership, RoleAdmin: admin}[r]
}

func TestEveryCommandSucceedsInEveryStatusItAllowsAndIsRefusedInAllOthers(t *testing.T) {
	for _, row := range commandRows() {
		for _, status := range ProjectStatuses() {
			t.Run(row.name+" when "+string(status), func(t *testing.T) {
				p := mustReplay(t, history(status, row.prepare...))
				events, err := row.run(p, actorFor(row.roles[0]))
				if slices.Contains(row.allowed, status) {
					if err != nil || len(events) != 1 {
						t.Fatalf("want one event, got %d and error %v", len(events), err)
					}
					return
				}
				checkErr(t, err, ErrState, string(status))
			})
		}
	}
}

func TestEveryCommandRefusesEveryOtherRoleAndOtherOrganisations(t *testing.T) {
	for _, row := range commandRows() {
		given := history(row.allowed[0], row.prepare...)
		for _, role := range Roles {
			if slices.Contains(row.roles, role) {
				continue
			}
			t.Run(row.name+" by "+string(role), func(t *testing.T) {
				_, err := row.run(mustReplay(t, given), actorFor(role))
				checkErr(t, err, ErrForbidden, "")
			})
		}
		if slices.Contains(row.roles, RoleOwner) {
			t.Run(row.name+" by an owner of another organisation", func(t *testing.T) {
				_, err := row.run(mustReplay(t, given), otherOwner)
				checkErr(t, err, ErrForbidden, "org-xz-bigdata")
			})
		}
		t.Run(row.name+" on a project never proposed", func(t *testing.T) {
			_, err := row.run(&Project{}, actorFor(row.roles[0]))
			checkErr(t, err, ErrNotFound, "")
		})
	}
}

func TestLeadershipChangesNothing(t *testing.T) {
	p := mustReplay(t, history(StatusInConstruction))
	if _, err := p.Propose(leadership, proposal()); !errors.Is(err, ErrForbidden) {
		t.Errorf("leadership proposed: %v", err)
	}
	for _, row := range commandRows() {
		if _, err := row.run(p, leadership); !errors.Is(err, ErrForbidden) {
			t.Errorf("%s by leadership: %v", row.name, err)
		}
	}
	if p.Version() != len(history(StatusInConstruction)) {
		t.Errorf("version moved to %d", p.Version())
	}
}
