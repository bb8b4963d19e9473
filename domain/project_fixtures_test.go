package domain

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Who acts in the project tests.
var (
	owner      = Actor{UserID: "u-owner", Role: RoleOwner, OrgID: "org-xz-bigdata"}
	otherOwner = Actor{UserID: "u-other", Role: RoleOwner, OrgID: "org-ha-water"}
	office     = Actor{UserID: "u-office", Role: RoleOffice, OrgID: "org-xz-smart-office"}
	expertA    = Actor{UserID: "u-expert-a", Role: RoleExpert, OrgID: "org-experts"}
	expertB    = Actor{UserID: "u-expert-b", Role: RoleExpert, OrgID: "org-experts"}
	finance    = Actor{UserID: "u-finance", Role: RoleFinance, OrgID: "org-xz-finance"}
	leadership = Actor{UserID: "u-leader", Role: RoleLeadership, OrgID: "org-leading-group"}
	admin      = Actor{UserID: "u-admin", Role: RoleAdmin}
)

// Ids in canonical form.
const (
	pid  ProjectID        = "0190f1a2-0000-7000-8000-000000000001"
	pid2 ProjectID        = "0190f1a2-0000-7000-8000-000000000002"
	ms1  MilestoneID      = "0190f1a2-0000-7000-8000-0000000000a1"
	ms2  MilestoneID      = "0190f1a2-0000-7000-8000-0000000000a2"
	ind1 IndicatorID      = "0190f1a2-0000-7000-8000-0000000000b1"
	ind2 IndicatorID      = "0190f1a2-0000-7000-8000-0000000000b2"
	rev1 BudgetRevisionID = "0190f1a2-0000-7000-8000-0000000000c1"
	rev2 BudgetRevisionID = "0190f1a2-0000-7000-8000-0000000000c2"
)

// The project's calendar in the tests.
var (
	plannedStart      = MustDate("2016-03-01")
	plannedEnd        = MustDate("2018-12-31")
	approvedOn        = MustDate("2016-06-15")
	constructionStart = MustDate("2016-07-01")
	acceptedOn        = MustDate("2018-10-20")
	operationStart    = MustDate("2018-11-01")
	today             = MustDate("2019-06-30")
)

func validDetails() ProjectDetails {
	return ProjectDetails{
		Name:              "徐州市城市大数据中心",
		Domain:            DomainBroadbandCloud,
		Region:            "320300",
		Description:       "建设全市统一的云计算与大数据中心",
		PlannedInvestment: Yuan(12_000_000),
		Funding: FundingPlan{
			FiscalSpecialFund: Yuan(5_000_000), ConstructionFund: Yuan(3_000_000), SelfRaised: Yuan(4_000_000),
		},
		PlannedStart: plannedStart,
		PlannedEnd:   plannedEnd,
	}
}

func proposedEvent() *ProjectProposed {
	d := validDetails()
	return &ProjectProposed{
		ProjectID: pid, Code: "XZ-2016-017", OwnerOrg: owner.OrgID,
		Name: d.Name, Domain: d.Domain, Region: d.Region, Description: d.Description,
		PlannedInvestment: d.PlannedInvestment, Funding: d.Funding, PlannedStart: d.PlannedStart, PlannedEnd: d.PlannedEnd,
	}
}

// lifecycle is the happy path after the proposal, one event per step.
func lifecycle() []Event {
	return []Event{
		&ProjectSubmittedForReview{ProjectID: pid, Round: 1},
		&ExpertReviewRecorded{ProjectID: pid, Round: 1, ExpertID: expertA.UserID, Score: 86, Opinion: "方案可行"},
		&ProjectApproved{ProjectID: pid, DocumentNo: "徐政复〔2016〕25号", ApprovedBudget: Yuan(10_000_000), ApprovedOn: approvedOn},
		&ConstructionStarted{ProjectID: pid, StartedOn: constructionStart},
		&AcceptanceRequested{ProjectID: pid, Summary: "建设内容全部完成"},
		&ProjectAccepted{ProjectID: pid, AcceptedOn: acceptedOn, Conclusion: "通过验收"},
		&OperationStarted{ProjectID: pid, StartedOn: operationStart},
		&ProjectEvaluated{ProjectID: pid, EvaluatedOn: today, Score: 90, Conclusion: "成效显著"},
	}
}

// history is a stream that leaves the project in status, with extra events right after the proposal.
func history(status ProjectStatus, extra ...Event) []Event {
	steps := map[ProjectStatus]int{
		StatusProposed: 0, StatusUnderReview: 2, StatusApproved: 3, StatusInConstruction: 4,
		StatusAcceptanceRequested: 5, StatusAccepted: 6, StatusInOperation: 7, StatusEvaluated: 8,
	}
	h := append([]Event{proposedEvent()}, extra...)
	switch status {
	case StatusReturned:
		return append(append(h, lifecycle()[:2]...), &ProjectReturnedForRevision{ProjectID: pid, Reason: "补充资金来源说明"})
	case StatusRejected:
		return append(append(h, lifecycle()[:2]...), &ProjectRejected{ProjectID: pid, Reason: "与已建项目重复"})
	case StatusSuspended:
		return append(append(h, lifecycle()[:4]...),
			&ProjectSuspended{ProjectID: pid, PreviousStatus: StatusInConstruction, Reason: "审计整改"})
	case StatusCancelled:
		return append(h, &ProjectCancelled{ProjectID: pid, PreviousStatus: StatusProposed, Reason: "项目合并"})
	}
	n, ok := steps[status]
	if !ok {
		panic("no history for " + status)
	}
	return append(h, lifecycle()[:n]...)
}

// with returns events followed by more, without touching events.
func with(events []Event, more ...Event) []Event { return append(slices.Clone(events), more...) }

// do turns a command method and its arguments into the "when" of a case.
func do[C any](method func(*Project, Actor, C) ([]Event, error), a Actor, c C) func(*Project) ([]Event, error) {
	return func(p *Project) ([]Event, error) { return method(p, a, c) }
}

// projectCase is one given-events / when-command / then-events-or-error case.
type projectCase struct {
	name    string
	given   []Event
	when    func(*Project) ([]Event, error)
	then    []Event                    // the exact events expected on success
	wantErr error                      // the sentinel expected on failure
	wantMsg string                     // a fragment the failure message must contain
	check   func(*testing.T, *Project) // further checks of the state after success
}

func runProjectCases(t *testing.T, cases []projectCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustReplay(t, tc.given)
			got, err := tc.when(p)
			if tc.wantErr != nil {
				checkErr(t, err, tc.wantErr, tc.wantMsg)
				if got != nil {
					t.Errorf("a refused command returned events %s", dump(got))
				}
				if unchanged := mustReplay(t, tc.given); !reflect.DeepEqual(p, unchanged) {
					t.Errorf("a refused command changed the project")
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !reflect.DeepEqual(got, tc.then) {
				t.Fatalf("events differ\n got: %s\nwant: %s", dump(got), dump(tc.then))
			}
			if want := mustReplay(t, with(tc.given, tc.then...)); !reflect.DeepEqual(p, want) {
				t.Errorf("the command left the project unlike a replay of given + then events")
			}
			if tc.check != nil {
				tc.check(t, p)
			}
		})
	}
}

func mustReplay(t *testing.T, events []Event) *Project {
	t.Helper()
	p, err := ReplayProject(events)
	if err != nil {
		t.Fatalf("replay given events: %v", err)
	}
	return p
}

// checkErr asserts the sentinel, the typed error that goes with it, and a message fragment.
func checkErr(t *testing.T, err, want error, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error wrapping %q, got none", want)
	}
	if !errors.Is(err, want) {
		t.Fatalf("want an error wrapping %q, got %T: %v", want, err, err)
	}
	var typed bool
	switch want {
	case ErrInvalid:
		typed = errors.As(err, new(*ValidationError))
	case ErrState:
		typed = errors.As(err, new(*StateError))
	case ErrForbidden:
		typed = errors.As(err, new(*ForbiddenError))
	case ErrNotFound:
		typed = errors.As(err, new(*NotFoundError))
	default:
		typed = true
	}
	if !typed {
		t.Errorf("error %T (%v) is not the typed error that goes with %q", err, err, want)
	}
	if msg != "" && !strings.Contains(err.Error(), msg) {
		t.Errorf("error %q does not mention %q", err, msg)
	}
}

func dump(events []Event) string {
	var b strings.Builder
	for _, e := range events {
		j, _ := json.Marshal(e)
		fmt.Fprintf(&b, "\n  %s %s", eventName(e), j)
	}
	return b.String()
}
