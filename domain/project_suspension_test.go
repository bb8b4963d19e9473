package domain

import "testing"

func TestSuspendAndResume(t *testing.T) {
	suspend := func(a Actor, reason string) func(*Project) ([]Event, error) {
		return do((*Project).Suspend, a, SuspendProject{Reason: reason})
	}
	resume := func(a Actor, note string) func(*Project) ([]Event, error) {
		return do((*Project).Resume, a, ResumeProject{Note: note})
	}
	suspendedFromOperation := with(history(StatusInOperation),
		&ProjectSuspended{ProjectID: pid, PreviousStatus: StatusInOperation, Reason: "安全整改"})
	runProjectCases(t, []projectCase{
		{
			name: "the office suspends a project in construction and remembers where it was", given: history(StatusInConstruction),
			when: suspend(office, "审计整改"),
			then: []Event{&ProjectSuspended{ProjectID: pid, PreviousStatus: StatusInConstruction, Reason: "审计整改"}},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusSuspended)
				if p.SuspendedFrom() != StatusInConstruction || p.StatusReason() != "审计整改" {
					t.Errorf("suspended from %s for %q", p.SuspendedFrom(), p.StatusReason())
				}
			},
		},
		{
			name: "the office suspends an approved project", given: history(StatusApproved), when: suspend(office, "资金未落实"),
			then: []Event{&ProjectSuspended{ProjectID: pid, PreviousStatus: StatusApproved, Reason: "资金未落实"}},
		},
		{name: "the owner may not suspend its project", given: history(StatusInConstruction), when: suspend(owner, "x"), wantErr: ErrForbidden},
		{name: "a proposed project cannot be suspended", given: history(StatusProposed), when: suspend(office, "x"), wantErr: ErrState},
		{name: "an accepted project cannot be suspended", given: history(StatusAccepted), when: suspend(office, "x"), wantErr: ErrState},
		{name: "a suspended project cannot be suspended again", given: history(StatusSuspended), when: suspend(office, "x"), wantErr: ErrState},
		{name: "a suspension needs a reason", given: history(StatusInConstruction), when: suspend(office, ""), wantErr: ErrInvalid, wantMsg: "reason"},
		{
			name: "the office resumes a suspended project to construction", given: history(StatusSuspended), when: resume(office, "整改完成"),
			then: []Event{&ProjectResumed{ProjectID: pid, ResumedStatus: StatusInConstruction, Note: "整改完成"}},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusInConstruction)
				if p.SuspendedFrom() != "" || p.StatusReason() != "" {
					t.Errorf("suspended from %q, reason %q after resuming", p.SuspendedFrom(), p.StatusReason())
				}
			},
		},
		{
			name: "a project suspended in operation resumes to operation", given: suspendedFromOperation, when: resume(office, ""),
			then: []Event{&ProjectResumed{ProjectID: pid, ResumedStatus: StatusInOperation}},
		},
		{name: "the owner may not resume", given: history(StatusSuspended), when: resume(owner, ""), wantErr: ErrForbidden},
		{name: "a project that is not suspended cannot be resumed", given: history(StatusInConstruction), when: resume(office, ""), wantErr: ErrState, wantMsg: "SUSPENDED"},
		{name: "a project that does not exist cannot be resumed", when: resume(office, ""), wantErr: ErrNotFound},
	})
}

func TestCancel(t *testing.T) {
	cancel := func(a Actor, reason string) func(*Project) ([]Event, error) {
		return do((*Project).Cancel, a, CancelProject{Reason: reason})
	}
	cancelled := func(from ProjectStatus) []Event {
		return []Event{&ProjectCancelled{ProjectID: pid, PreviousStatus: from, Reason: "项目合并"}}
	}
	runProjectCases(t, []projectCase{
		{
			name: "the owner cancels its own proposed project", given: history(StatusProposed),
			when: cancel(owner, "项目合并"), then: cancelled(StatusProposed),
			check: func(t *testing.T, p *Project) { expectStatus(t, p, StatusCancelled) },
		},
		{name: "the owner cancels its own project under review", given: history(StatusUnderReview), when: cancel(owner, "项目合并"), then: cancelled(StatusUnderReview)},
		{name: "the owner cancels its own returned project", given: history(StatusReturned), when: cancel(owner, "项目合并"), then: cancelled(StatusReturned)},
		{
			name: "the owner may not cancel once the project is approved", given: history(StatusApproved),
			when: cancel(owner, "x"), wantErr: ErrForbidden, wantMsg: "only before approval",
		},
		{name: "another organisation may not cancel the project", given: history(StatusProposed), when: cancel(otherOwner, "x"), wantErr: ErrForbidden},
		{name: "the office cancels a project in construction", given: history(StatusInConstruction), when: cancel(office, "项目合并"), then: cancelled(StatusInConstruction)},
		{name: "the office cancels a suspended project", given: history(StatusSuspended), when: cancel(office, "项目合并"), then: cancelled(StatusSuspended)},
		{name: "the finance bureau may not cancel", given: history(StatusProposed), when: cancel(finance, "x"), wantErr: ErrForbidden},
		{name: "a cancelled project cannot be cancelled again", given: history(StatusCancelled), when: cancel(office, "x"), wantErr: ErrState},
		{name: "an evaluated project cannot be cancelled", given: history(StatusEvaluated), when: cancel(office, "x"), wantErr: ErrState},
		{name: "a rejected project cannot be cancelled, even by its owner", given: history(StatusRejected), when: cancel(owner, "x"), wantErr: ErrState},
		{name: "a cancellation needs a reason", given: history(StatusProposed), when: cancel(office, ""), wantErr: ErrInvalid, wantMsg: "reason"},
	})
}
