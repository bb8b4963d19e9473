package domain

import (
	"strings"
	"testing"
)

func TestReplayRefusesStreamsThatCannotBeAProject(t *testing.T) {
	other := &ConstructionStarted{ProjectID: pid2, StartedOn: constructionStart}
	var nilEvent *ProjectApproved
	for _, tc := range []struct {
		name   string
		events []Event
		want   string
	}{
		{"a stream that does not start with the proposal", []Event{&ProjectSubmittedForReview{ProjectID: pid, Round: 1}}, "does not start with ProjectProposed"},
		{"a second proposal", []Event{proposedEvent(), proposedEvent()}, "already proposed"},
		{"an event of another project", history(StatusApproved, other), "belongs to project " + string(pid2)},
		{"an event of another aggregate", []Event{proposedEvent(), &ProjectCodeClaimed{Code: "X1", ProjectID: pid}}, "not a project event"},
		{"a nil event", []Event{proposedEvent(), nilEvent}, "nil event"},
		{"an achievement of an unknown milestone", []Event{proposedEvent(), &MilestoneAchieved{ProjectID: pid, MilestoneID: ms1}}, "unknown milestone"},
		{"a milestone planned twice", []Event{proposedEvent(), planned(ms1, "a", "2017-01-01", 1), planned(ms1, "b", "2017-01-01", 1)}, "planned twice"},
		{"a measurement of an unknown indicator", []Event{proposedEvent(), &IndicatorMeasured{ProjectID: pid, IndicatorID: ind1}}, "unknown indicator"},
		{"a decision on an unknown budget revision", []Event{proposedEvent(), &BudgetRevisionApproved{ProjectID: pid, RevisionID: rev1}}, "unknown budget revision"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReplayProject(tc.events)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want an error mentioning %q, got %v", tc.want, err)
			}
		})
	}
}

func TestAnEmptyStreamIsAProjectNotYetProposed(t *testing.T) {
	p := mustReplay(t, nil)
	if p.Exists() || p.Version() != 0 || p.Status() != "" {
		t.Errorf("exists %v, version %d, status %q", p.Exists(), p.Version(), p.Status())
	}
}

func TestTheFullLifecycleReplaysToAnEvaluatedProject(t *testing.T) {
	events := history(StatusEvaluated)
	p := mustReplay(t, events)
	expectStatus(t, p, StatusEvaluated)
	if p.Version() != len(events) || p.ID() != pid || p.Code() != "XZ-2016-017" || p.OwnerOrg() != owner.OrgID {
		t.Errorf("version %d, id %s, code %s, owner %s", p.Version(), p.ID(), p.Code(), p.OwnerOrg())
	}
	if p.Name() != "徐州市城市大数据中心" || p.Domain() != DomainBroadbandCloud || p.Region() != "320300" ||
		p.PlannedInvestment() != Yuan(12_000_000) || p.FundingPlan().Total() != Yuan(12_000_000) ||
		p.PlannedStart() != plannedStart || p.PlannedEnd() != plannedEnd || p.Description() == "" {
		t.Errorf("details not replayed")
	}
	if len(p.Reviews()) != 1 || p.ApprovedBudget() != Yuan(10_000_000) || p.ConstructionStart() != constructionStart ||
		p.AcceptedOn() != acceptedOn || p.OperationStart() != operationStart {
		t.Errorf("lifecycle dates not replayed")
	}
}

func TestAccessorsHandOutCopies(t *testing.T) {
	p := mustReplay(t, history(StatusInConstruction,
		planned(ms1, "机房建成", "2017-06-30", 40),
		&IndicatorDefined{ProjectID: pid, IndicatorID: ind1, Name: "n", Unit: "u", Target: QuantityOf(5), TargetDate: MustDate("2017-12-31")},
		&IndicatorMeasured{ProjectID: pid, IndicatorID: ind1, MeasuredOn: MustDate("2017-01-01"), Value: QuantityOf(1)},
	))
	p.Milestones()[0].Weight = 99
	p.Indicators()[0].Measurements[0].Value = QuantityOf(7)
	ind, _ := p.Indicator(ind1)
	ind.Measurements[0].Value = QuantityOf(8)
	p.Reviews()[0].Score = 1
	if m, _ := p.Milestone(ms1); m.Weight != 40 {
		t.Errorf("a caller changed a milestone's weight to %d", m.Weight)
	}
	if ind, _ := p.Indicator(ind1); ind.Measurements[0].Value != QuantityOf(1) {
		t.Errorf("a caller changed a measurement to %s", ind.Measurements[0].Value)
	}
	if p.Reviews()[0].Score != 86 {
		t.Errorf("a caller changed a review")
	}
}
