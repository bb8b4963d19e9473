package domain

import (
	"fmt"
	"slices"
)

// IdentifyPPP identifies a project as a PPP arrangement; the id is minted by the caller
// (NewPPPArrangementID).
type IdentifyPPP struct {
	ID    PPPArrangementID
	Terms PPPTerms
}

// RevisePPPIdentification replaces all of the terms before the identification gate.
type RevisePPPIdentification struct {
	Terms PPPTerms
}

// ApprovePPPIdentification passes the identification gate.
type ApprovePPPIdentification struct {
	ApprovedOn Date
	Note       string // optional
	Today      Date
}

// projectStatusesPPP are the project statuses a project may be identified as a PPP in: any but
// rejected and cancelled.
var projectStatusesPPP = slices.DeleteFunc(ProjectStatuses(), func(s ProjectStatus) bool {
	return s == StatusRejected || s == StatusCancelled
})

// Identify creates the arrangement on a zero PPPArrangement, for a project the caller loads and
// passes: the project exists and is not REJECTED or CANCELLED, and an owner acts for the project's
// organisation. The arrangement's region and owner organisation are the project's.
func (x *PPPArrangement) Identify(a Actor, project *Project, c IdentifyPPP) ([]Event, error) {
	const action = "identify a PPP arrangement"
	if err := a.require(action, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	if x.Exists() {
		return nil, &StateError{Entity: x.entity(), Action: action, State: "already identified"}
	}
	if err := checkID("id", string(c.ID)); err != nil {
		return nil, err
	}
	if project == nil || !project.Exists() {
		return nil, &NotFoundError{Entity: "project", ID: "(not given)"}
	}
	if a.Role == RoleOwner && (a.OrgID == "" || a.OrgID != project.OwnerOrg()) {
		return nil, &ForbiddenError{Actor: a, Action: action,
			Reason: fmt.Sprintf("project %s belongs to organisation %s", project.Code(), project.OwnerOrg())}
	}
	if err := requireProjectStatus(project, action, projectStatusesPPP); err != nil {
		return nil, err
	}
	t, err := c.Terms.normalized()
	if err != nil {
		return nil, err
	}
	return x.record(&PPPArrangementIdentified{
		ArrangementID: c.ID, ProjectID: project.ID(), ProjectCode: project.Code(), OwnerOrg: project.OwnerOrg(),
		Region: project.Region(), Terms: t,
	})
}

// ReviseIdentification lets the owner or the office replace the terms while IDENTIFICATION.
func (x *PPPArrangement) ReviseIdentification(a Actor, c RevisePPPIdentification) ([]Event, error) {
	const action = "revise the PPP identification"
	if err := x.act(a, action, PPPIdentification, RoleOwner, RoleOffice); err != nil {
		return nil, err
	}
	t, err := c.Terms.normalized()
	if err != nil {
		return nil, err
	}
	if t.equal(x.terms) {
		return nil, invalid("terms", "the revision changes nothing")
	}
	return x.record(&PPPIdentificationRevised{ArrangementID: x.id, Terms: t})
}

// ApproveIdentification lets a finance bureau pass the identification gate; the bureau approves
// every later gate. The arrangement moves to PREPARATION.
func (x *PPPArrangement) ApproveIdentification(a Actor, c ApprovePPPIdentification) ([]Event, error) {
	const action = "approve the PPP identification"
	if err := x.act(a, action, PPPIdentification, RoleFinance); err != nil {
		return nil, err
	}
	if err := checkPastDate("approvedOn", c.ApprovedOn, c.Today); err != nil {
		return nil, err
	}
	note, err := optionalText("note", c.Note, maxTextLen)
	if err != nil {
		return nil, err
	}
	return x.record(&PPPIdentificationApproved{ArrangementID: x.id, FinanceOrg: a.OrgID, ApprovedOn: c.ApprovedOn, Note: note})
}

// normalized validates the terms and returns them with the obligations in year order and the
// zero years left out.
func (t PPPTerms) normalized() (PPPTerms, error) {
	var err error
	if t.OperationMode, err = ParsePPPOperationMode(string(t.OperationMode)); err != nil {
		return t, err
	}
	if t.ReturnMechanism, err = ParsePPPReturnMechanism(string(t.ReturnMechanism)); err != nil {
		return t, err
	}
	if err = checkRange("termYears", t.TermYears, pppMinTermYears, pppMaxTermYears); err != nil {
		return t, err
	}
	if err = checkRange("startYear", t.StartYear, minFiscalYear, maxFiscalYear); err != nil {
		return t, err
	}
	if t.endYear() > maxFiscalYear {
		return t, invalid("termYears", "a term of %d years from %d ends in %d, after %d", t.TermYears, t.StartYear, t.endYear(), maxFiscalYear)
	}
	if err = checkAmount("totalInvestment", t.TotalInvestment); err != nil {
		return t, err
	}
	if t.GovernmentEquityBP < 0 {
		return t, invalid("governmentEquityBp", "%d is negative", t.GovernmentEquityBP)
	}
	if t.GovernmentEquityBP > pppMaxGovEquityBP {
		return t, invalid("governmentEquityBp", "%s would give the government a controlling stake: at most %s is allowed",
			formatBP(t.GovernmentEquityBP), formatBP(pppMaxGovEquityBP))
	}
	if t.Obligations, err = t.normalizedObligations(); err != nil {
		return t, err
	}
	switch {
	case t.ReturnMechanism == PPPUserPays && len(t.Obligations) > 0:
		return t, invalid("obligations", "a USER_PAYS arrangement has no government payments, but %d has %s yuan",
			t.Obligations[0].Year, t.Obligations[0].Amount)
	case t.ReturnMechanism == PPPGovernmentPays && len(t.Obligations) == 0:
		return t, invalid("obligations", "a GOVERNMENT_PAYS arrangement needs a government payment in at least one year")
	}
	return t, nil
}

// normalizedObligations checks each year against the term, refuses a year given twice and an
// amount negative or beyond MaxMoney, and returns the positive years in order (nil for none).
func (t PPPTerms) normalizedObligations() ([]PPPYearAmount, error) {
	var out []PPPYearAmount
	seen := map[int]bool{}
	for _, y := range t.Obligations {
		if y.Year < t.StartYear || y.Year > t.endYear() {
			return nil, invalid("obligations", "year %d is outside the term %d–%d", y.Year, t.StartYear, t.endYear())
		}
		if seen[y.Year] {
			return nil, invalid("obligations", "year %d is listed twice", y.Year)
		}
		seen[y.Year] = true
		if y.Amount < 0 {
			return nil, invalid("obligations", "the %d amount is negative: %s yuan", y.Year, y.Amount)
		}
		if y.Amount > MaxMoney {
			return nil, invalid("obligations", "the %d amount of %s yuan exceeds the maximum of %s yuan", y.Year, y.Amount, MaxMoney)
		}
		if y.Amount > 0 {
			out = append(out, y)
		}
	}
	slices.SortFunc(out, func(a, b PPPYearAmount) int { return a.Year - b.Year })
	return out, nil
}

// equal reports whether two normalized terms are the same.
func (t PPPTerms) equal(o PPPTerms) bool {
	return t.OperationMode == o.OperationMode && t.ReturnMechanism == o.ReturnMechanism &&
		t.TermYears == o.TermYears && t.StartYear == o.StartYear && t.TotalInvestment == o.TotalInvestment &&
		t.GovernmentEquityBP == o.GovernmentEquityBP && slices.Equal(t.Obligations, o.Obligations)
}
