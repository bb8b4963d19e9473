package domain

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// eventSamples holds one sample of every registered event type, every field set, grouped by
// aggregate. An aggregate that registers events adds its samples here.
func eventSamples() [][]Event {
	return [][]Event{projectEventSamples(), fundEventSamples(), applicationEventSamples(), pppEventSamples(), pppLedgerEventSamples()}
}

func projectEventSamples() []Event {
	d, q := MustDate("2017-06-30"), MustQuantity("-12.000345")
	return []Event{
		&ProjectProposed{ProjectID: pid, Code: "XZ-2016-017", OwnerOrg: "org", Name: "n", Domain: DomainWater,
			Region: "320382", Description: "d", PlannedInvestment: Yuan(15), Funding: FundingPlan{1, 2, 3, 4, Yuan(15) - 10},
			PlannedStart: d, PlannedEnd: d},
		&ProjectRevised{ProjectID: pid, Name: "n", Domain: DomainHealth, Region: "421202", Description: "d",
			PlannedInvestment: Yuan(15), Funding: FundingPlan{1, 2, 3, 4, Yuan(15) - 10}, PlannedStart: d, PlannedEnd: d},
		&ProjectSubmittedForReview{ProjectID: pid, Round: 2},
		&ExpertReviewRecorded{ProjectID: pid, Round: 2, ExpertID: "u-e", Score: 77, Opinion: "o"},
		&ProjectApproved{ProjectID: pid, DocumentNo: "苏经信〔2016〕12号", ApprovedBudget: 123456789, ApprovedOn: d},
		&ProjectRejected{ProjectID: pid, Reason: "r"},
		&ProjectReturnedForRevision{ProjectID: pid, Reason: "r"},
		&ConstructionStarted{ProjectID: pid, StartedOn: d},
		&AcceptanceRequested{ProjectID: pid, Summary: "s"},
		&ProjectAccepted{ProjectID: pid, AcceptedOn: d, Conclusion: "c"},
		&AcceptanceRejected{ProjectID: pid, Reason: "r"},
		&OperationStarted{ProjectID: pid, StartedOn: d},
		&ProjectEvaluated{ProjectID: pid, EvaluatedOn: d, Score: 91, Conclusion: "c"},
		&ProjectSuspended{ProjectID: pid, PreviousStatus: StatusInOperation, Reason: "r"},
		&ProjectResumed{ProjectID: pid, ResumedStatus: StatusInOperation, Note: "n"},
		&ProjectCancelled{ProjectID: pid, PreviousStatus: StatusApproved, Reason: "r"},
		&MilestonePlanned{ProjectID: pid, MilestoneID: ms1, Name: "n", PlannedDate: d, Weight: 25},
		&MilestoneRescheduled{ProjectID: pid, MilestoneID: ms1, PreviousDate: d, NewDate: MustDate("2017-09-30"), Reason: "r"},
		&MilestoneAchieved{ProjectID: pid, MilestoneID: ms1, AchievedOn: d, Evidence: "e"},
		&ProgressReported{ProjectID: pid, AsOf: d, Percent: 45, Narrative: "n", Note: "x"},
		&ExpenditureRecorded{ProjectID: pid, SpentOn: d, Amount: 99, Category: ExpenditureServices, Description: "d"},
		&IndicatorDefined{ProjectID: pid, IndicatorID: ind1, Name: "n", Unit: "户", Baseline: q, Target: QuantityOf(480000), TargetDate: d},
		&IndicatorMeasured{ProjectID: pid, IndicatorID: ind1, MeasuredOn: d, Value: MustQuantity("0.000001"), Note: "n"},
		&BudgetRevisionProposed{ProjectID: pid, RevisionID: rev1, PreviousBudget: 1, NewBudget: 2, Reason: "r"},
		&BudgetRevisionApproved{ProjectID: pid, RevisionID: rev1, NewBudget: 2, Note: "n"},
		&BudgetRevisionRejected{ProjectID: pid, RevisionID: rev1, Reason: "r"},
		&ProjectCodeClaimed{Code: "XZ-2016-017", ProjectID: pid},
	}
}

func TestEveryRegisteredEventSurvivesAMarshalAndDecodeRoundTrip(t *testing.T) {
	covered := map[string]bool{}
	for _, group := range eventSamples() {
		for _, e := range group {
			name := e.EventType()
			if covered[name] {
				t.Errorf("two samples of %s", name)
			}
			covered[name] = true
			requireAllFieldsSet(t, name, reflect.ValueOf(e).Elem())
			payload, err := json.Marshal(e)
			if err != nil {
				t.Fatalf("marshal %s: %v", name, err)
			}
			back, err := DecodeEvent(name, payload)
			if err != nil {
				t.Fatalf("decode %s: %v", name, err)
			}
			if !reflect.DeepEqual(back, e) {
				t.Errorf("%s changed in the round trip\n sent %+v\n  got %+v\n json %s", name, e, back, payload)
			}
		}
	}
	registered := EventTypes()
	slices.Sort(registered)
	for _, name := range registered {
		if !covered[name] {
			t.Errorf("registered event %s has no round-trip sample", name)
		}
	}
	if len(covered) != len(registered) {
		t.Errorf("%d samples for %d registered event types", len(covered), len(registered))
	}
}

// requireAllFieldsSet makes a sample prove that each field is stored: a zero field would pass a
// round trip even when it has no JSON tag or is dropped by omitempty.
func requireAllFieldsSet(t *testing.T, name string, v reflect.Value) {
	t.Helper()
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.Tag.Get("json") == "" {
			t.Errorf("%s.%s has no json tag", name, f.Name)
		}
		if v.Field(i).IsZero() {
			t.Errorf("the sample of %s leaves %s unset", name, f.Name)
		}
		// Nested records with their own JSON shape (FundingPlan) are checked field by field too.
		if f.Type.Kind() == reflect.Struct && f.Type.NumField() > 0 && f.Type.Field(0).Tag.Get("json") != "" {
			requireAllFieldsSet(t, name+"."+f.Name, v.Field(i))
		}
	}
}

func TestDecodeEventRefusesUnknownTypesAndBadPayloads(t *testing.T) {
	if _, err := DecodeEvent("NoSuchEvent.v1", []byte(`{}`)); err == nil {
		t.Error("an unknown event type was decoded")
	}
	if _, err := DecodeEvent("ExpenditureRecorded.v1", []byte(`{"amount": 12.5}`)); err == nil {
		t.Error("money given as a JSON number was accepted")
	}
	if _, err := DecodeEvent("IndicatorMeasured.v1", []byte(`{"value": "1e3"}`)); err == nil {
		t.Error("a quantity in exponent notation was accepted")
	}
}
