package domain

import "testing"

func TestStartConstruction(t *testing.T) {
	start := func(a Actor, on, today Date) func(*Project) ([]Event, error) {
		return do((*Project).StartConstruction, a, StartConstruction{StartedOn: on, Today: today})
	}
	runProjectCases(t, []projectCase{
		{
			name: "the owner starts construction of its approved project", given: history(StatusApproved),
			when: start(owner, constructionStart, today), then: []Event{lifecycle()[3]},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusInConstruction)
				if p.ConstructionStart() != constructionStart {
					t.Errorf("start %s", p.ConstructionStart())
				}
			},
		},
		{
			name: "construction may start on the approval date itself", given: history(StatusApproved),
			when: start(owner, approvedOn, approvedOn), then: []Event{&ConstructionStarted{ProjectID: pid, StartedOn: approvedOn}},
		},
		{name: "another organisation may not start it", given: history(StatusApproved), when: start(otherOwner, constructionStart, today), wantErr: ErrForbidden},
		{name: "the office may not start it", given: history(StatusApproved), when: start(office, constructionStart, today), wantErr: ErrForbidden},
		{name: "a project under review cannot start", given: history(StatusUnderReview), when: start(owner, constructionStart, today), wantErr: ErrState},
		{
			name: "a start after today is refused", given: history(StatusApproved),
			when: start(owner, MustDate("2016-07-02"), constructionStart), wantErr: ErrInvalid, wantMsg: "after today",
		},
		{
			name: "a start before approval is refused", given: history(StatusApproved),
			when: start(owner, MustDate("2016-06-14"), today), wantErr: ErrInvalid, wantMsg: "before the approval date 2016-06-15",
		},
		{name: "the start date is required", given: history(StatusApproved), when: start(owner, Date{}, today), wantErr: ErrInvalid, wantMsg: "startedOn"},
	})
}

func TestRequestAcceptance(t *testing.T) {
	request := func(a Actor, summary string) func(*Project) ([]Event, error) {
		return do((*Project).RequestAcceptance, a, RequestAcceptance{Summary: summary})
	}
	runProjectCases(t, []projectCase{
		{
			name: "the owner requests acceptance of a project in construction", given: history(StatusInConstruction),
			when: request(owner, "建设内容全部完成"), then: []Event{lifecycle()[4]},
			check: func(t *testing.T, p *Project) { expectStatus(t, p, StatusAcceptanceRequested) },
		},
		{
			name: "the summary is optional", given: history(StatusInConstruction),
			when: request(owner, ""), then: []Event{&AcceptanceRequested{ProjectID: pid}},
		},
		{name: "another organisation may not request it", given: history(StatusInConstruction), when: request(otherOwner, ""), wantErr: ErrForbidden},
		{name: "an approved project not yet built cannot request it", given: history(StatusApproved), when: request(owner, ""), wantErr: ErrState},
		{name: "a project that does not exist cannot request it", when: request(owner, ""), wantErr: ErrNotFound},
	})
}

func TestAcceptAndRejectAcceptance(t *testing.T) {
	accept := func(a Actor, on Date, conclusion string) func(*Project) ([]Event, error) {
		return do((*Project).Accept, a, AcceptProject{AcceptedOn: on, Conclusion: conclusion, Today: today})
	}
	refuse := func(a Actor, reason string) func(*Project) ([]Event, error) {
		return do((*Project).RejectAcceptance, a, RejectAcceptance{Reason: reason})
	}
	runProjectCases(t, []projectCase{
		{
			name: "the office accepts a project whose acceptance was requested", given: history(StatusAcceptanceRequested),
			when: accept(office, acceptedOn, "通过验收"), then: []Event{lifecycle()[5]},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusAccepted)
				if p.AcceptedOn() != acceptedOn || p.AcceptanceConclusion() != "通过验收" {
					t.Errorf("acceptance %s %q", p.AcceptedOn(), p.AcceptanceConclusion())
				}
			},
		},
		{name: "the owner may not accept its own project", given: history(StatusAcceptanceRequested), when: accept(owner, acceptedOn, "ok"), wantErr: ErrForbidden},
		{name: "a project in construction cannot be accepted", given: history(StatusInConstruction), when: accept(office, acceptedOn, "ok"), wantErr: ErrState},
		{
			name: "an acceptance before the construction start is refused", given: history(StatusAcceptanceRequested),
			when: accept(office, MustDate("2016-06-30"), "ok"), wantErr: ErrInvalid, wantMsg: "before the construction start 2016-07-01",
		},
		{
			name: "an acceptance after today is refused", given: history(StatusAcceptanceRequested),
			when: accept(office, MustDate("2019-07-01"), "ok"), wantErr: ErrInvalid, wantMsg: "after today",
		},
		{name: "an acceptance needs a conclusion", given: history(StatusAcceptanceRequested), when: accept(office, acceptedOn, ""), wantErr: ErrInvalid, wantMsg: "conclusion"},
		{
			name: "the office rejects acceptance and the project is back in construction", given: history(StatusAcceptanceRequested),
			when: refuse(office, "文档不全"), then: []Event{&AcceptanceRejected{ProjectID: pid, Reason: "文档不全"}},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusInConstruction)
				if p.StatusReason() != "文档不全" || p.ConstructionStart() != constructionStart {
					t.Errorf("reason %q, construction start %s", p.StatusReason(), p.ConstructionStart())
				}
			},
		},
		{name: "leadership may not reject acceptance", given: history(StatusAcceptanceRequested), when: refuse(leadership, "x"), wantErr: ErrForbidden},
		{name: "an accepted project cannot have its acceptance rejected", given: history(StatusAccepted), when: refuse(office, "x"), wantErr: ErrState},
		{name: "a rejection of acceptance needs a reason", given: history(StatusAcceptanceRequested), when: refuse(office, ""), wantErr: ErrInvalid, wantMsg: "reason"},
	})
}

func TestStartOperation(t *testing.T) {
	operate := func(a Actor, on Date) func(*Project) ([]Event, error) {
		return do((*Project).StartOperation, a, StartOperation{StartedOn: on, Today: today})
	}
	runProjectCases(t, []projectCase{
		{
			name: "the owner puts its accepted project into operation", given: history(StatusAccepted),
			when: operate(owner, operationStart), then: []Event{lifecycle()[6]},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusInOperation)
				if p.OperationStart() != operationStart {
					t.Errorf("operation start %s", p.OperationStart())
				}
			},
		},
		{name: "the office may not start operation", given: history(StatusAccepted), when: operate(office, operationStart), wantErr: ErrForbidden},
		{name: "a project not yet accepted cannot operate", given: history(StatusAcceptanceRequested), when: operate(owner, operationStart), wantErr: ErrState},
		{
			name: "operation cannot start before acceptance", given: history(StatusAccepted),
			when: operate(owner, MustDate("2018-10-19")), wantErr: ErrInvalid, wantMsg: "before the acceptance date 2018-10-20",
		},
		{name: "operation cannot start after today", given: history(StatusAccepted), when: operate(owner, MustDate("2019-07-01")), wantErr: ErrInvalid, wantMsg: "after today"},
	})
}

func TestEvaluate(t *testing.T) {
	evaluate := func(a Actor, on Date, score int, conclusion string) func(*Project) ([]Event, error) {
		return do((*Project).Evaluate, a, EvaluateProject{EvaluatedOn: on, Score: score, Conclusion: conclusion, Today: today})
	}
	runProjectCases(t, []projectCase{
		{
			name: "the office evaluates a project in operation", given: history(StatusInOperation),
			when: evaluate(office, today, 90, "成效显著"), then: []Event{lifecycle()[7]},
			check: func(t *testing.T, p *Project) {
				expectStatus(t, p, StatusEvaluated)
				on, score, conclusion, ok := p.Evaluation()
				if !ok || on != today || score != 90 || conclusion != "成效显著" {
					t.Errorf("evaluation %s %d %q %v", on, score, conclusion, ok)
				}
			},
		},
		{name: "the owner may not evaluate", given: history(StatusInOperation), when: evaluate(owner, today, 90, "ok"), wantErr: ErrForbidden},
		{name: "an accepted project not yet operating cannot be evaluated", given: history(StatusAccepted), when: evaluate(office, today, 90, "ok"), wantErr: ErrState},
		{name: "an evaluated project cannot be evaluated again", given: history(StatusEvaluated), when: evaluate(office, today, 90, "ok"), wantErr: ErrState},
		{name: "a score above 100 is refused", given: history(StatusInOperation), when: evaluate(office, today, 120, "ok"), wantErr: ErrInvalid, wantMsg: "120"},
		{name: "an evaluation needs a conclusion", given: history(StatusInOperation), when: evaluate(office, today, 90, ""), wantErr: ErrInvalid, wantMsg: "conclusion"},
		{
			name: "an evaluation before operation started is refused", given: history(StatusInOperation),
			when: evaluate(office, MustDate("2018-10-31"), 90, "ok"), wantErr: ErrInvalid, wantMsg: "before the operation start",
		},
		{name: "an evaluation after today is refused", given: history(StatusInOperation), when: evaluate(office, MustDate("2019-07-01"), 90, "ok"), wantErr: ErrInvalid, wantMsg: "after today"},
	})
}
