package domain

import "testing"

func TestDefineIndicator(t *testing.T) {
	define := func(a Actor, id IndicatorID, name, unit string) func(*Project) ([]Event, error) {
		return do((*Project).DefineIndicator, a, DefineIndicator{
			IndicatorID: id, Name: name, Unit: unit,
			Baseline: MustQuantity("120000"), Target: MustQuantity("480000"), TargetDate: MustDate("2017-12-31"),
		})
	}
	defined := &IndicatorDefined{
		ProjectID: pid, IndicatorID: ind1, Name: "FTTH用户数", Unit: "户",
		Baseline: MustQuantity("120000"), Target: MustQuantity("480000"), TargetDate: MustDate("2017-12-31"),
	}
	runProjectCases(t, []projectCase{
		{name: "the owner defines an indicator of its proposed project", given: history(StatusProposed), when: define(owner, ind1, "FTTH用户数", "户"), then: []Event{defined}},
		{name: "an operating project may define indicators", given: history(StatusInOperation), when: define(owner, ind1, "FTTH用户数", "户"), then: []Event{defined}},
		{name: "an indicator id may not be reused", given: history(StatusProposed, defined), when: define(owner, ind1, "x", "户"), wantErr: ErrInvalid, wantMsg: "already exists"},
		{name: "an indicator id must be a UUID", given: history(StatusProposed), when: define(owner, "i-1", "x", "户"), wantErr: ErrInvalid, wantMsg: "indicatorId"},
		{name: "an indicator needs a name", given: history(StatusProposed), when: define(owner, ind1, "", "户"), wantErr: ErrInvalid, wantMsg: "name"},
		{name: "an indicator needs a unit", given: history(StatusProposed), when: define(owner, ind1, "x", ""), wantErr: ErrInvalid, wantMsg: "unit"},
		{
			name: "an indicator needs a target date", given: history(StatusProposed),
			when: do((*Project).DefineIndicator, owner, DefineIndicator{IndicatorID: ind1, Name: "x", Unit: "户", Target: QuantityOf(1)}), wantErr: ErrInvalid, wantMsg: "targetDate",
		},
		{name: "an evaluated project defines no indicators", given: history(StatusEvaluated), when: define(owner, ind1, "x", "户"), wantErr: ErrState},
		{name: "a suspended project defines no indicators", given: history(StatusSuspended), when: define(owner, ind1, "x", "户"), wantErr: ErrState},
		{name: "another organisation may not define indicators", given: history(StatusProposed), when: define(otherOwner, ind1, "x", "户"), wantErr: ErrForbidden},
		{name: "an expert may not define indicators", given: history(StatusProposed), when: define(expertA, ind1, "x", "户"), wantErr: ErrForbidden},
	})
}

func TestRecordMeasurement(t *testing.T) {
	measure := func(a Actor, id IndicatorID, on, value, note string) func(*Project) ([]Event, error) {
		return do((*Project).RecordMeasurement, a, RecordMeasurement{
			IndicatorID: id, MeasuredOn: MustDate(on), Value: MustQuantity(value), Note: note, Today: today,
		})
	}
	defined := &IndicatorDefined{
		ProjectID: pid, IndicatorID: ind1, Name: "电子商务交易额", Unit: "亿元",
		Baseline: MustQuantity("42.5"), Target: MustQuantity("150"), TargetDate: MustDate("2017-12-31"),
	}
	given := history(StatusInConstruction, defined)
	measured := func(on, value, note string) *IndicatorMeasured {
		return &IndicatorMeasured{ProjectID: pid, IndicatorID: ind1, MeasuredOn: MustDate(on), Value: MustQuantity(value), Note: note}
	}
	runProjectCases(t, []projectCase{
		{
			name: "the owner measures an indicator", given: given, when: measure(owner, ind1, "2017-06-30", "88.25", "半年统计"),
			then: []Event{measured("2017-06-30", "88.25", "半年统计")},
		},
		{
			name: "the latest measurement is the one with the latest date", given: with(given, measured("2017-12-31", "151.3", "")),
			when: measure(owner, ind1, "2017-06-30", "88.25", "补录"), then: []Event{measured("2017-06-30", "88.25", "补录")},
			check: func(t *testing.T, p *Project) {
				ind, _ := p.Indicator(ind1)
				latest, ok := ind.Latest()
				if !ok || latest.Value != MustQuantity("151.3") {
					t.Errorf("latest %+v", latest)
				}
				mid, _ := ind.LatestAsOf(MustDate("2017-07-01"))
				if mid.Value != MustQuantity("88.25") {
					t.Errorf("latest as of 2017-07-01: %+v", mid)
				}
				if _, ok := ind.LatestAsOf(MustDate("2017-06-29")); ok {
					t.Errorf("a measurement before any was taken")
				}
			},
		},
		{name: "a measurement's note is optional", given: given, when: measure(owner, ind1, "2017-06-30", "0", ""), then: []Event{measured("2017-06-30", "0", "")}},
		{name: "an unknown indicator is not found", given: given, when: measure(owner, ind2, "2017-06-30", "1", ""), wantErr: ErrNotFound, wantMsg: string(ind2)},
		{name: "a measurement after today is refused", given: given, when: measure(owner, ind1, "2019-07-01", "1", ""), wantErr: ErrInvalid, wantMsg: "after today"},
		{name: "a cancelled project records no measurements", given: with(history(StatusCancelled), defined), when: measure(owner, ind1, "2017-06-30", "1", ""), wantErr: ErrState},
		{name: "another organisation may not measure", given: given, when: measure(otherOwner, ind1, "2017-06-30", "1", ""), wantErr: ErrForbidden},
		{name: "the office may not measure", given: given, when: measure(office, ind1, "2017-06-30", "1", ""), wantErr: ErrForbidden},
	})
}
