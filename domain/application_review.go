package domain

import (
	"fmt"
	"strings"
)

// maxExperts is the most experts one round may have; more is taken to be a mistake.
const maxExperts = 30

// ScreenApplication is the office's formal screening (形式审查): passed with an optional note, or
// failed with at least one reason.
type ScreenApplication struct {
	Passed  bool
	Note    string
	Reasons []string
}

// AssignApplicationExperts names the experts who score the application in this round. Each is
// given as the expert's Actor, so that their organisation can be checked for conflicts of interest.
type AssignApplicationExperts struct {
	Experts []Actor
}

// ScoreApplication is an assigned expert's score (0..100) and opinion.
type ScoreApplication struct {
	Score   int
	Opinion string
}

// RejectApplication refuses support for good.
type RejectApplication struct {
	Reason string
}

// ReturnApplicationForRevision sends the application back to the owner to revise and resubmit.
type ReturnApplicationForRevision struct {
	Reason string
}

// Screen lets the office screen a SUBMITTED application: it passes (SCREENED) or fails for the
// reasons given (SCREENING_FAILED, terminal).
func (x *FundingApplication) Screen(a Actor, c ScreenApplication) ([]Event, error) {
	const action = "screen the funding application"
	if err := x.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, AppSubmitted); err != nil {
		return nil, err
	}
	if c.Passed {
		if len(c.Reasons) > 0 {
			return nil, invalid("reasons", "are given only when screening fails; use the note for remarks")
		}
		note, err := optionalText("note", c.Note, maxTextLen)
		if err != nil {
			return nil, err
		}
		return x.record(&ApplicationScreeningPassed{ApplicationID: x.id, Round: x.round, Note: note})
	}
	if strings.TrimSpace(c.Note) != "" {
		return nil, invalid("note", "is given only when screening passes; give reasons for a failure")
	}
	if len(c.Reasons) == 0 {
		return nil, invalid("reasons", "at least one reason is required when screening fails")
	}
	reasons := make([]string, len(c.Reasons))
	for i, r := range c.Reasons {
		t, err := requireText(fmt.Sprintf("reasons[%d]", i), r, maxTextLen)
		if err != nil {
			return nil, err
		}
		reasons[i] = t
	}
	return x.record(&ApplicationScreeningFailed{ApplicationID: x.id, Round: x.round, Reasons: reasons})
}

// AssignExperts lets the office assign the experts of a SCREENED application: at least one, no
// one twice, all with the expert role and none from the owner organisation.
func (x *FundingApplication) AssignExperts(a Actor, c AssignApplicationExperts) ([]Event, error) {
	const action = "assign experts to the funding application"
	if err := x.authorize(a, action, RoleOffice); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, AppScreened); err != nil {
		return nil, err
	}
	if len(c.Experts) == 0 {
		return nil, invalid("experts", "at least one expert is required")
	}
	if len(c.Experts) > maxExperts {
		return nil, invalid("experts", "%d experts given, at most %d allowed", len(c.Experts), maxExperts)
	}
	experts := make([]AssignedExpert, 0, len(c.Experts))
	seen := map[string]bool{}
	for _, e := range c.Experts {
		user := strings.TrimSpace(e.UserID)
		switch {
		case user == "":
			return nil, invalid("experts", "an expert without a user id was given")
		case e.Role != RoleExpert:
			return nil, invalid("experts", "%s is not an expert", e)
		case e.OrgID != "" && e.OrgID == x.ownerOrg:
			return nil, invalid("experts", "expert %s belongs to the owner organisation %s (conflict of interest)", user, x.ownerOrg)
		case seen[user]:
			return nil, invalid("experts", "expert %s is listed twice", user)
		}
		seen[user] = true
		experts = append(experts, AssignedExpert{UserID: user, OrgID: e.OrgID})
	}
	return x.record(&ExpertsAssigned{ApplicationID: x.id, Round: x.round, Experts: experts})
}

// Score lets an expert assigned in the current round score the application UNDER_EXPERT_REVIEW, once.
func (x *FundingApplication) Score(a Actor, c ScoreApplication) ([]Event, error) {
	const action = "score the funding application"
	if err := x.authorize(a, action, RoleExpert); err != nil {
		return nil, err
	}
	if err := x.requireStatus(action, AppUnderExpertReview); err != nil {
		return nil, err
	}
	if a.UserID == "" || !x.IsAssigned(a.UserID) {
		return nil, &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("the expert is not assigned to the application in round %d", x.round)}
	}
	if a.OrgID != "" && a.OrgID == x.ownerOrg {
		return nil, &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("conflict of interest: the expert belongs to the owner organisation %s", x.ownerOrg)}
	}
	if x.HasScored(a.UserID) {
		return nil, &StateError{Entity: x.entity(), Action: action,
			State: fmt.Sprintf("already scored by expert %s in round %d", a.UserID, x.round)}
	}
	if err := checkRange("score", c.Score, 0, maxScore); err != nil {
		return nil, err
	}
	opinion, err := requireText("opinion", c.Opinion, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&ApplicationScored{ApplicationID: x.id, Round: x.round, ExpertID: a.UserID, Score: c.Score, Opinion: opinion})
}

// Reject lets the fund's finance bureau refuse an application once every assigned expert has scored.
func (x *FundingApplication) Reject(a Actor, c RejectApplication) ([]Event, error) {
	const action = "reject the funding application"
	if err := x.checkDecidable(a, action); err != nil {
		return nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&ApplicationRejected{ApplicationID: x.id, Reason: reason})
}

// ReturnForRevision lets the fund's finance bureau send an application back to its owner once
// every assigned expert has scored.
func (x *FundingApplication) ReturnForRevision(a Actor, c ReturnApplicationForRevision) ([]Event, error) {
	const action = "return the funding application for revision"
	if err := x.checkDecidable(a, action); err != nil {
		return nil, err
	}
	reason, err := requireText("reason", c.Reason, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&ApplicationReturnedForRevision{ApplicationID: x.id, Reason: reason})
}

// checkDecidable is the shared check of the finance decisions: the managing bureau, an application
// UNDER_EXPERT_REVIEW, and every assigned expert's score in.
func (x *FundingApplication) checkDecidable(a Actor, action string) error {
	if err := x.authorize(a, action, RoleFinance); err != nil {
		return err
	}
	if err := x.requireStatus(action, appStatusesDecidable...); err != nil {
		return err
	}
	if pending := x.PendingExperts(); len(pending) > 0 {
		return &StateError{Entity: x.entity(), Action: action,
			State: fmt.Sprintf("waiting for the scores of %s in round %d", strings.Join(pending, ", "), x.round)}
	}
	return nil
}
