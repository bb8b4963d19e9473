package readmodel

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
)

func TestScreeningAndStatusReasonFollowTheApplicationsRound(t *testing.T) {
	empty, note, reason := "", "材料齐全", "请补充"
	cases := []struct {
		name      string
		app       Application
		screening *Screening
		reason    *string
	}{
		{"before screening", Application{Status: domain.AppSubmitted}, nil, nil},
		{"passed without a note", Application{Status: domain.AppScreened, ScreeningNote: &empty}, &Screening{Passed: true, Reasons: []string{}}, nil},
		{"passed with a note", Application{Status: domain.AppScreened, ScreeningNote: &note}, &Screening{Passed: true, Note: &note, Reasons: []string{}}, nil},
		{"failed", Application{Status: domain.AppScreeningFailed, ScreeningReasons: []string{"a", "b"}},
			&Screening{Reasons: []string{"a", "b"}}, ptrTo("a; b")},
		{"returned", Application{Status: domain.AppReturned, ScreeningNote: &empty, DecisionReason: &reason},
			&Screening{Passed: true, Reasons: []string{}}, &reason},
		{"withdrawn without a reason", Application{Status: domain.AppWithdrawn, DecisionReason: &empty}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got, want := asJSON(c.app.Screening()), asJSON(c.screening); got != want {
				t.Errorf("Screening() = %s, want %s", got, want)
			}
			if got, want := asJSON(c.app.StatusReason()), asJSON(c.reason); got != want {
				t.Errorf("StatusReason() = %s, want %s", got, want)
			}
		})
	}
}

func TestOnlyTheFinalStatusesCountAsDecided(t *testing.T) {
	decided := map[domain.ApplicationStatus]bool{domain.AppApproved: true, domain.AppRejected: true, domain.AppClosed: true, domain.AppWithdrawn: true}
	for _, s := range domain.ApplicationStatuses() {
		if got := (&Application{Status: s}).Decided(); got != decided[s] {
			t.Errorf("%s decided = %v", s, got)
		}
	}
}

func TestExpertsAreSplitIntoTheCurrentRoundAndTheScoresGiven(t *testing.T) {
	at := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	score, opinion, org := 80, "可行", "nju"
	rows := []*ApplicationExpert{
		{Round: 1, User: "a", Organization: &org, Score: &score, Opinion: &opinion, ScoredAt: &at},
		{Round: 2, User: "a", Organization: &org, Score: &score, Opinion: &opinion, ScoredAt: &at},
		{Round: 2, User: "b"},
	}
	if got := asJSON(CurrentExperts(rows, 2)); got != `[{"User":"a","Organization":"nju","Scored":true},{"User":"b","Organization":null,"Scored":false}]` {
		t.Errorf("CurrentExperts = %s", got)
	}
	if got := CurrentExperts(rows, 3); got == nil || len(got) != 0 {
		t.Errorf("a round without experts = %v, want an empty list", got)
	}
	if got := Scores(rows); len(got) != 2 || got[0].Round != 1 || got[1].Round != 2 || got[1].Expert != "a" {
		t.Errorf("Scores = %s", asJSON(got))
	}
}

func TestAScopeShowsNothingUnlessItSaysWhat(t *testing.T) {
	var args []any
	arg := argAppender(&args)
	for _, c := range []struct {
		scope Scope
		want  string
	}{
		{Scope{}, "FALSE"},
		{Scope{All: true}, "TRUE"},
		{Scope{OwnerOrg: "xz"}, "a.owner_org = $1"},
		{Scope{ExpertUser: "chen"}, "EXISTS (SELECT 1 FROM application_expert_view sx WHERE sx.application_id = a.id AND sx.expert_user = $2)"},
	} {
		if got := c.scope.where(arg); got != c.want {
			t.Errorf("%+v: %s, want %s", c.scope, got, c.want)
		}
	}
	if asJSON(args) != `["xz","chen"]` {
		t.Errorf("args %v", args)
	}
}

func ptrTo(s string) *string { return &s }

func asJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
