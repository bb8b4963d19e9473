package graph_test

import (
	"strings"
	"testing"
)

// TestInvalidInputIsBadUserInputNamingTheField checks that values the client got wrong come back
// as BAD_USER_INPUT with the offending field, and that nothing is recorded.
func TestInvalidInputIsBadUserInputNamingTheField(t *testing.T) {
	e := newEnv(t)
	id := e.propose(ownerXZ, proposal("XZ-2024-010"))
	e.command(ownerXZ, "planMilestone", on(id, "name", "一期", "plannedDate", "2024-06-30", "weight", 80))

	cases := []struct {
		name, mutation string
		input          map[string]any
		field, message string
	}{
		{"negative money", "proposeProject", proposal("XZ-NEG", "plannedInvestment", "-5.00"), "plannedInvestment", "must be positive"},
		{"negative funding source", "proposeProject", proposal("XZ-NEG2", "fundingPlan", map[string]any{"fiscalSpecialFund": "1300000", "selfRaised": "-100000"}), "funding", "must not be negative"},
		{"money with three decimals", "proposeProject", proposal("XZ-DEC", "plannedInvestment", "1.234"), "plannedInvestment", "at most two decimals"},
		{"money as a JSON number", "proposeProject", proposal("XZ-NUM", "plannedInvestment", 1200000), "plannedInvestment", "decimal string"},
		{"funding that does not add up", "proposeProject", proposal("XZ-SUM", "fundingPlan", map[string]any{"fiscalSpecialFund": "1"}), "funding", "sources total 1.00 yuan"},
		{"end before start", "proposeProject", proposal("XZ-END", "plannedEnd", "2023-12-31"), "plannedEnd", "before the planned start"},
		{"impossible date", "proposeProject", proposal("XZ-DAT", "plannedStart", "2024-02-30"), "plannedStart", "want YYYY-MM-DD"},
		{"unknown region", "proposeProject", proposal("XZ-REG", "region", "990000"), "region", "not a region in the catalogue"},
		{"lower-case code", "proposeProject", proposal("xz-low"), "code", "upper-case"},
		{"duplicate code", "proposeProject", proposal("XZ-2024-010"), "", "already used by another project"},
		{"weights over 100%", "planMilestone", on(id, "name", "二期", "plannedDate", "2024-12-31", "weight", 30), "weight", "weights would total 110%"},
		{"wrong state", "approveProject", on(id, "documentNumber", "苏经信〔2024〕1号", "approvedBudget", "1.00"), "", "cannot approve the project: project XZ-2024-010 is PROPOSED"},
		{"malformed project id", "submitProjectForReview", on("not-a-uuid"), "projectId", "not a UUID"},
		{"malformed milestone id", "achieveMilestone", on(id, "milestoneId", "42", "evidence", "x"), "milestoneId", "not a UUID"},
		{"score out of range", "recordExpertReview", on(id, "score", 101, "opinion", "x"), "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			as := ownerXZ
			if c.mutation == "approveProject" {
				as = office
			}
			if c.mutation == "recordExpertReview" {
				as = expert1
			}
			err := e.commandFails(as, "BAD_USER_INPUT", c.mutation, c.input)
			if c.field != "" && err.Extensions["field"] != c.field {
				t.Errorf("field = %v, want %s (%s)", err.Extensions["field"], c.field, err.Message)
			}
			if !strings.Contains(err.Message, c.message) {
				t.Errorf("message %q does not say %q", err.Message, c.message)
			}
		})
	}

	// An unknown enum value in a variable is the caller's mistake too.
	res := e.post(&ownerXZ, commandQuery("proposeProject"), vars("input", proposal("XZ-ENUM", "domain", "SPACE_PROGRAM")))
	if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || res.Errors[0].Extensions["field"] != "domain" || res.Status != 200 {
		t.Errorf("unknown enum: HTTP %d %s", res.Status, res.Body)
	}

	// Nothing of the refused commands was recorded.
	q := e.ok(office, `{ projects { totalCount } }`, nil)
	want(t, q, "projects.totalCount", 1)
	h := e.ok(office, `query($id: ID!) { projectHistory(id: $id) { totalCount } }`, vars("id", id))
	want(t, h, "projectHistory.totalCount", 2)
}

// TestUnknownThingsAreNotFound checks NOT_FOUND for projects, milestones, indicators and budget
// revisions that do not exist, and that project(id) answers null without an error.
func TestUnknownThingsAreNotFound(t *testing.T) {
	e := newEnv(t)
	const ghost = "0190a5c4-0000-7000-8000-000000000001"
	e.commandFails(ownerXZ, "NOT_FOUND", "submitProjectForReview", on(ghost))
	e.fails(&office, "NOT_FOUND", `query($id: ID!) { projectHistory(id: $id) { totalCount } }`, vars("id", ghost))

	q := e.post(&office, `query($id: ID!) { project(id: $id) { id } }`, vars("id", ghost))
	if len(q.Errors) != 0 || q.Data["project"] != nil {
		t.Errorf("project(unknown id) = %s, want null without errors", q.Body)
	}

	id := e.building(ownerXZ, proposal("XZ-2024-011"))
	e.commandFails(ownerXZ, "NOT_FOUND", "achieveMilestone", on(id, "milestoneId", ghost, "evidence", "x"))
	e.commandFails(ownerXZ, "NOT_FOUND", "recordMeasurement", on(id, "indicatorId", ghost, "value", "1"))
	e.commandFails(office, "NOT_FOUND", "approveBudgetRevision", on(id, "revisionId", ghost))
}

// TestStaleExpectedVersionIsConflictAndWritesNothing checks optimistic concurrency through the API.
func TestStaleExpectedVersionIsConflictAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	id := e.propose(ownerXZ, proposal("XZ-2024-012"))
	e.command(ownerXZ, "planMilestone", on(id, "name", "一期", "plannedDate", "2024-06-30", "weight", 50, "expectedVersion", 1))

	err := e.commandFails(ownerXZ, "CONFLICT", "submitProjectForReview", on(id, "expectedVersion", 1))
	if !strings.Contains(err.Message, "expected it at version 1") {
		t.Errorf("message %q", err.Message)
	}
	q := e.ok(ownerXZ, `query($id: ID!) { project(id: $id) { status version } projectHistory(id: $id) { totalCount } }`, vars("id", id))
	want(t, q, "project", map[string]any{"status": "PROPOSED", "version": 2})
	want(t, q, "projectHistory.totalCount", 2)

	ok := e.command(ownerXZ, "submitProjectForReview", on(id, "expectedVersion", 2))
	want(t, ok, "project.version", 3)
}

// TestActorsMayOnlyDoWhatTheirRoleAllows checks FORBIDDEN for writes by the wrong organisation or role.
func TestActorsMayOnlyDoWhatTheirRoleAllows(t *testing.T) {
	e := newEnv(t)
	id := e.underReview(ownerXZ, proposal("XZ-2024-013"))
	approve := on(id, "documentNumber", "苏经信〔2024〕9号", "approvedBudget", "1000000.00", "approvedOn", "2024-03-01")

	err := e.commandFails(ownerHA, "FORBIDDEN", "planMilestone", on(id, "name", "x", "plannedDate", "2024-06-30", "weight", 10))
	if !strings.Contains(err.Message, "belongs to organisation xz-bigdata") {
		t.Errorf("message %q", err.Message)
	}
	e.commandFails(leader, "FORBIDDEN", "proposeProject", proposal("LD-2024-001"))
	e.commandFails(leader, "FORBIDDEN", "approveProject", approve)
	e.commandFails(expert1, "FORBIDDEN", "approveProject", approve)
	e.commandFails(ownerXZ, "FORBIDDEN", "approveProject", approve)
	e.commandFails(financer, "FORBIDDEN", "recordExpertReview", on(id, "score", 90, "opinion", "x"))

	// Leadership reads everything all the same.
	q := e.ok(leader, `query($id: ID!) { project(id: $id) { status } projects { totalCount } }`, vars("id", id))
	want(t, q, "project.status", "UNDER_REVIEW")
	want(t, q, "projects.totalCount", 1)
}
