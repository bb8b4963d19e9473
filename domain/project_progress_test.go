package domain

import "testing"

func TestReportProgress(t *testing.T) {
	report := func(a Actor, asOf string, percent int, note string) func(*Project) ([]Event, error) {
		return do((*Project).ReportProgress, a, ReportProgress{
			AsOf: MustDate(asOf), Percent: percent, Narrative: "机房土建完成", Note: note, Today: today,
		})
	}
	progressed := func(asOf string, percent int, note string) *ProgressReported {
		return &ProgressReported{ProjectID: pid, AsOf: MustDate(asOf), Percent: percent, Narrative: "机房土建完成", Note: note}
	}
	atForty := with(history(StatusInConstruction), progressed("2017-03-31", 40, ""))
	runProjectCases(t, []projectCase{
		{
			name: "the owner reports progress of a project in construction", given: history(StatusInConstruction),
			when: report(owner, "2017-03-31", 40, ""), then: []Event{progressed("2017-03-31", 40, "")},
			check: func(t *testing.T, p *Project) {
				if r, ok := p.LatestProgress(); !ok || r.Percent != 40 {
					t.Errorf("latest progress %+v %v", r, ok)
				}
			},
		},
		{name: "progress may rise", given: atForty, when: report(owner, "2017-06-30", 55, ""), then: []Event{progressed("2017-06-30", 55, "")}},
		{name: "progress may stay level", given: atForty, when: report(owner, "2017-06-30", 40, ""), then: []Event{progressed("2017-06-30", 40, "")}},
		{
			name: "progress may drop when a note explains", given: atForty,
			when: report(owner, "2017-06-30", 35, "重新评估工作量"), then: []Event{progressed("2017-06-30", 35, "重新评估工作量")},
		},
		{
			name: "a drop without a note is refused", given: atForty, when: report(owner, "2017-06-30", 35, ""),
			wantErr: ErrInvalid, wantMsg: "35% is below the previous report's 40% (as of 2017-03-31)",
		},
		{name: "a report dated before the previous one is refused", given: atForty, when: report(owner, "2017-03-30", 45, ""), wantErr: ErrInvalid, wantMsg: "previous report's date"},
		{name: "an operating project still reports progress", given: history(StatusInOperation), when: report(owner, "2019-01-31", 100, ""), then: []Event{progressed("2019-01-31", 100, "")}},
		{name: "an approved project not yet built reports no progress", given: history(StatusApproved), when: report(owner, "2016-06-30", 0, ""), wantErr: ErrState},
		{name: "a suspended project reports no progress", given: history(StatusSuspended), when: report(owner, "2017-03-31", 40, ""), wantErr: ErrState},
		{name: "a percent above 100 is refused", given: history(StatusInConstruction), when: report(owner, "2017-03-31", 101, ""), wantErr: ErrInvalid, wantMsg: "percent"},
		{name: "a negative percent is refused", given: history(StatusInConstruction), when: report(owner, "2017-03-31", -5, ""), wantErr: ErrInvalid, wantMsg: "percent"},
		{name: "a report after today is refused", given: history(StatusInConstruction), when: report(owner, "2019-07-01", 40, ""), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "a report before construction is refused", given: history(StatusInConstruction), when: report(owner, "2016-06-01", 0, ""), wantErr: ErrInvalid, wantMsg: "construction start"},
		{
			name: "a report needs a narrative", given: history(StatusInConstruction),
			when:    do((*Project).ReportProgress, owner, ReportProgress{AsOf: MustDate("2017-03-31"), Percent: 40, Today: today}),
			wantErr: ErrInvalid, wantMsg: "narrative",
		},
		{name: "another organisation may not report", given: history(StatusInConstruction), when: report(otherOwner, "2017-03-31", 40, ""), wantErr: ErrForbidden},
		{name: "leadership may not report", given: history(StatusInConstruction), when: report(leadership, "2017-03-31", 40, ""), wantErr: ErrForbidden},
	})
}
