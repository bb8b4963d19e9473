package domain

import (
	"slices"
	"testing"
)

func planned(id MilestoneID, name string, on string, weight int) *MilestonePlanned {
	return &MilestonePlanned{ProjectID: pid, MilestoneID: id, Name: name, PlannedDate: MustDate(on), Weight: weight}
}

func TestPlanMilestone(t *testing.T) {
	plan := func(a Actor, id MilestoneID, name, on string, weight int) func(*Project) ([]Event, error) {
		c := PlanMilestone{MilestoneID: id, Name: name, Weight: weight}
		if on != "" {
			c.PlannedDate = MustDate(on)
		}
		return do((*Project).PlanMilestone, a, c)
	}
	withEighty := history(StatusInConstruction, planned(ms1, "机房建成", "2017-06-30", 80))
	runProjectCases(t, []projectCase{
		{
			name: "the owner plans a milestone of its proposed project", given: history(StatusProposed),
			when: plan(owner, ms1, " 机房建成 ", "2017-06-30", 30), then: []Event{planned(ms1, "机房建成", "2017-06-30", 30)},
			check: func(t *testing.T, p *Project) {
				m, ok := p.Milestone(ms1)
				if !ok || m.OriginalDate != MustDate("2017-06-30") || m.Achieved() || m.Weight != 30 {
					t.Errorf("milestone %+v, found %v", m, ok)
				}
			},
		},
		{name: "weights may reach exactly 100%", given: withEighty, when: plan(owner, ms2, "平台上线", "2018-06-30", 20), then: []Event{planned(ms2, "平台上线", "2018-06-30", 20)}},
		{
			name: "weights may not total more than 100%", given: withEighty,
			when: plan(owner, ms2, "平台上线", "2018-06-30", 30), wantErr: ErrInvalid,
			wantMsg: "weights would total 110% (planned 80% + 30%), at most 100% allowed",
		},
		{name: "a milestone may be planned while acceptance is requested", given: history(StatusAcceptanceRequested), when: plan(owner, ms1, "x", "2018-06-30", 10), then: []Event{planned(ms1, "x", "2018-06-30", 10)}},
		{name: "an accepted project plans no more milestones", given: history(StatusAccepted), when: plan(owner, ms1, "x", "2018-06-30", 10), wantErr: ErrState},
		{name: "a suspended project plans no milestones", given: history(StatusSuspended), when: plan(owner, ms1, "x", "2018-06-30", 10), wantErr: ErrState},
		{name: "another organisation may not plan milestones", given: history(StatusProposed), when: plan(otherOwner, ms1, "x", "2018-06-30", 10), wantErr: ErrForbidden},
		{name: "the office may not plan milestones", given: history(StatusProposed), when: plan(office, ms1, "x", "2018-06-30", 10), wantErr: ErrForbidden},
		{name: "a milestone id must be a UUID", given: history(StatusProposed), when: plan(owner, "m1", "x", "2018-06-30", 10), wantErr: ErrInvalid, wantMsg: "milestoneId"},
		{name: "a milestone id may not be reused", given: withEighty, when: plan(owner, ms1, "x", "2018-06-30", 10), wantErr: ErrInvalid, wantMsg: "already exists"},
		{name: "a milestone needs a name", given: history(StatusProposed), when: plan(owner, ms1, "", "2018-06-30", 10), wantErr: ErrInvalid, wantMsg: "name"},
		{name: "a milestone needs a planned date", given: history(StatusProposed), when: plan(owner, ms1, "x", "", 10), wantErr: ErrInvalid, wantMsg: "plannedDate"},
		{
			name: "a milestone before the project's planned start is refused", given: history(StatusProposed),
			when: plan(owner, ms1, "x", "2016-02-29", 10), wantErr: ErrInvalid, wantMsg: "before the project's planned start 2016-03-01",
		},
		{name: "a milestone after 2099 is refused", given: history(StatusProposed), when: plan(owner, ms1, "x", "2100-01-01", 10), wantErr: ErrInvalid, wantMsg: "supported range"},
		{name: "a weight of 0 is refused", given: history(StatusProposed), when: plan(owner, ms1, "x", "2018-06-30", 0), wantErr: ErrInvalid, wantMsg: "0 is outside 1..100"},
		{name: "a weight above 100 is refused", given: history(StatusProposed), when: plan(owner, ms1, "x", "2018-06-30", 101), wantErr: ErrInvalid, wantMsg: "weight"},
	})
}

func TestRescheduleMilestone(t *testing.T) {
	reschedule := func(a Actor, id MilestoneID, on, reason string) func(*Project) ([]Event, error) {
		return do((*Project).RescheduleMilestone, a, RescheduleMilestone{MilestoneID: id, NewDate: MustDate(on), Reason: reason})
	}
	given := history(StatusInConstruction, planned(ms1, "机房建成", "2017-06-30", 40))
	achieved := with(given, &MilestoneAchieved{ProjectID: pid, MilestoneID: ms1, AchievedOn: MustDate("2017-06-20"), Evidence: "验收报告"})
	runProjectCases(t, []projectCase{
		{
			name: "the owner moves a milestone with a reason", given: given,
			when: reschedule(owner, ms1, "2017-09-30", "设备到货延迟"),
			then: []Event{&MilestoneRescheduled{ProjectID: pid, MilestoneID: ms1, PreviousDate: MustDate("2017-06-30"), NewDate: MustDate("2017-09-30"), Reason: "设备到货延迟"}},
			check: func(t *testing.T, p *Project) {
				m, _ := p.Milestone(ms1)
				if m.PlannedDate != MustDate("2017-09-30") || m.OriginalDate != MustDate("2017-06-30") || m.Reschedules != 1 {
					t.Errorf("milestone %+v", m)
				}
			},
		},
		{name: "a milestone of an operating project may still be moved", given: history(StatusInOperation, planned(ms1, "x", "2017-06-30", 40)), when: reschedule(owner, ms1, "2019-09-30", "r"),
			then: []Event{&MilestoneRescheduled{ProjectID: pid, MilestoneID: ms1, PreviousDate: MustDate("2017-06-30"), NewDate: MustDate("2019-09-30"), Reason: "r"}}},
		{name: "moving to the same date is refused", given: given, when: reschedule(owner, ms1, "2017-06-30", "r"), wantErr: ErrInvalid, wantMsg: "already the planned date"},
		{name: "a reschedule needs a reason", given: given, when: reschedule(owner, ms1, "2017-09-30", " "), wantErr: ErrInvalid, wantMsg: "reason"},
		{name: "an achieved milestone cannot be moved", given: achieved, when: reschedule(owner, ms1, "2017-09-30", "r"), wantErr: ErrState, wantMsg: "already achieved on 2017-06-20"},
		{name: "an unknown milestone is not found", given: given, when: reschedule(owner, ms2, "2017-09-30", "r"), wantErr: ErrNotFound, wantMsg: string(ms2)},
		{name: "a new date before the planned start is refused", given: given, when: reschedule(owner, ms1, "2015-09-30", "r"), wantErr: ErrInvalid, wantMsg: "before the project's planned start"},
		{name: "another organisation may not move it", given: given, when: reschedule(otherOwner, ms1, "2017-09-30", "r"), wantErr: ErrForbidden},
		{name: "a suspended project's milestones stay put", given: history(StatusSuspended, planned(ms1, "x", "2017-06-30", 40)), when: reschedule(owner, ms1, "2017-09-30", "r"), wantErr: ErrState},
	})
}

func TestAchieveMilestone(t *testing.T) {
	achieve := func(a Actor, id MilestoneID, on, evidence string) func(*Project) ([]Event, error) {
		return do((*Project).AchieveMilestone, a, AchieveMilestone{MilestoneID: id, AchievedOn: MustDate(on), Evidence: evidence, Today: today})
	}
	given := history(StatusInConstruction, planned(ms1, "机房建成", "2017-06-30", 40))
	achieved := &MilestoneAchieved{ProjectID: pid, MilestoneID: ms1, AchievedOn: MustDate("2017-07-05"), Evidence: "机房验收报告"}
	runProjectCases(t, []projectCase{
		{
			name: "the owner reports a milestone achieved with evidence", given: given,
			when: achieve(owner, ms1, "2017-07-05", "机房验收报告"), then: []Event{achieved},
			check: func(t *testing.T, p *Project) {
				m, _ := p.Milestone(ms1)
				if !m.Achieved() || m.AchievedOn != MustDate("2017-07-05") || m.Evidence != "机房验收报告" {
					t.Errorf("milestone %+v", m)
				}
			},
		},
		{name: "a milestone is achieved only once", given: with(given, achieved), when: achieve(owner, ms1, "2017-07-06", "again"), wantErr: ErrState, wantMsg: "already achieved"},
		{name: "an approved project not yet built achieves nothing", given: history(StatusApproved, planned(ms1, "x", "2017-06-30", 40)), when: achieve(owner, ms1, "2017-07-05", "e"), wantErr: ErrState},
		{name: "an evaluated project achieves nothing", given: history(StatusEvaluated, planned(ms1, "x", "2017-06-30", 40)), when: achieve(owner, ms1, "2017-07-05", "e"), wantErr: ErrState},
		{name: "an achievement after today is refused", given: given, when: achieve(owner, ms1, "2019-07-01", "e"), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "an achievement before construction started is refused", given: given, when: achieve(owner, ms1, "2016-06-30", "e"), wantErr: ErrInvalid, wantMsg: "before the construction start 2016-07-01"},
		{name: "an achievement needs evidence", given: given, when: achieve(owner, ms1, "2017-07-05", ""), wantErr: ErrInvalid, wantMsg: "evidence"},
		{name: "an unknown milestone is not found", given: given, when: achieve(owner, ms2, "2017-07-05", "e"), wantErr: ErrNotFound},
		{name: "the office may not report achievements", given: given, when: achieve(office, ms1, "2017-07-05", "e"), wantErr: ErrForbidden},
	})
}

func TestPlannedAndAchievedPercent(t *testing.T) {
	p := mustReplay(t, history(StatusInConstruction,
		planned(ms1, "机房建成", "2017-06-30", 30),
		planned(ms2, "平台上线", "2018-06-30", 50),
		&MilestoneRescheduled{ProjectID: pid, MilestoneID: ms2, PreviousDate: MustDate("2018-06-30"), NewDate: MustDate("2018-09-30"), Reason: "r"},
		&MilestoneAchieved{ProjectID: pid, MilestoneID: ms1, AchievedOn: MustDate("2017-07-05"), Evidence: "e"},
	))
	for _, tc := range []struct {
		asOf             string
		planned, reached int
		overdue          []MilestoneID
	}{
		{"2017-06-29", 0, 0, nil},
		{"2017-06-30", 30, 0, nil},
		{"2017-07-04", 30, 0, []MilestoneID{ms1}},
		{"2017-07-05", 30, 30, nil},
		{"2018-07-01", 30, 30, nil}, // ms2 was moved to 2018-09-30
		{"2018-09-30", 80, 30, nil},
		{"2018-10-01", 80, 30, []MilestoneID{ms2}},
	} {
		asOf := MustDate(tc.asOf)
		var overdue []MilestoneID
		for _, m := range p.OverdueMilestones(asOf) {
			overdue = append(overdue, m.ID)
		}
		if got := p.PlannedPercent(asOf); got != tc.planned {
			t.Errorf("planned percent as of %s is %d, want %d", asOf, got, tc.planned)
		}
		if got := p.AchievedPercentAsOf(asOf); got != tc.reached {
			t.Errorf("achieved percent as of %s is %d, want %d", asOf, got, tc.reached)
		}
		if !slices.Equal(overdue, tc.overdue) {
			t.Errorf("overdue as of %s: %v, want %v", asOf, overdue, tc.overdue)
		}
	}
	if got := p.AchievedPercent(); got != 30 {
		t.Errorf("achieved percent is %d, want 30", got)
	}
}
