package graph_test

import (
	"maps"
	"strings"

	"github.com/smartcity/portfolio/domain"
)

// projectFields is every scalar-ish field of Project the tests check.
const projectFields = `id code name domain domainLabel region { code name nameEn level fullName }
	ownerOrganization description status statusReason suspendedFrom
	plannedInvestment fundingPlan { fiscalSpecialFund constructionFund pppSocialCapital selfRaised bankLoan total }
	plannedStart plannedEnd approval { documentNumber approvedOn approvedBudget } approvedBudget spent remainingBudget
	constructionStartedOn acceptedOn operationStartedOn evaluationScore reviewCount
	plannedPercent achievedPercent reportedPercent reportedOn version proposedAt updatedAt`

const milestoneFields = `id name weight plannedDate originalDate rescheduleCount lastRescheduleReason achieved achievedOn evidence overdue`

const indicatorFields = `id name unit baseline target targetDate latestValue latestMeasuredOn measurementCount
	measurements { measuredOn value note recordedAt }`

const revisionFields = `id previousBudget newBudget reason status decisionNote`

// payloadFields is the selection every command's payload is read with.
const payloadFields = `clientMutationId replayed project { ` + projectFields + ` }
	milestone { ` + milestoneFields + ` } indicator { ` + indicatorFields + ` } budgetRevision { ` + revisionFields + ` }`

// commandQuery is the document of one mutation, e.g. "approveProject" with ApproveProjectInput.
func commandQuery(name string) string {
	input := strings.ToUpper(name[:1]) + name[1:] + "Input"
	return `mutation($input: ` + input + `!) { ` + name + `(input: $input) { ` + payloadFields + ` } }`
}

// command runs a mutation that must succeed and returns its payload.
func (e *env) command(as domain.Actor, name string, input map[string]any) map[string]any {
	e.t.Helper()
	return e.ok(as, commandQuery(name), vars("input", input))[name].(map[string]any)
}

// commandFails runs a mutation that must fail with the code.
func (e *env) commandFails(as domain.Actor, code, name string, input map[string]any) gqlError {
	e.t.Helper()
	return e.fails(&as, code, commandQuery(name), vars("input", input))
}

// proposal is a valid proposal: a Xuzhou traffic-signal project of 1.2 million yuan, 0.8 million
// from the fiscal special fund and 0.4 million self-raised; extra keys override.
func proposal(code string, extra ...any) map[string]any {
	in := map[string]any{
		"code":              code,
		"name":              "徐州市智慧交通信号控制系统",
		"domain":            "TRANSPORT",
		"region":            "320300",
		"description":       "Adaptive traffic signals on 120 junctions of the main city area",
		"plannedInvestment": "1200000.00",
		"fundingPlan":       map[string]any{"fiscalSpecialFund": "800000.00", "selfRaised": "400000"},
		"plannedStart":      "2024-01-01",
		"plannedEnd":        "2025-12-31",
	}
	maps.Copy(in, vars(extra...))
	return in
}

// on is a command input on an existing project; extra keys add to it.
func on(id string, extra ...any) map[string]any {
	in := vars(extra...)
	in["projectId"] = id
	return in
}

// propose proposes a project as the owner and returns its id.
func (e *env) propose(owner domain.Actor, input map[string]any) string {
	e.t.Helper()
	return str(e.command(owner, "proposeProject", input), "project.id")
}

// underReview proposes a project and submits it; it returns the id.
func (e *env) underReview(owner domain.Actor, input map[string]any) string {
	e.t.Helper()
	id := e.propose(owner, input)
	e.command(owner, "submitProjectForReview", on(id))
	return id
}

// approved takes a project through review to approval (budget 1,200,000 on 2024-03-01).
func (e *env) approved(owner domain.Actor, input map[string]any) string {
	e.t.Helper()
	id := e.underReview(owner, input)
	e.command(expert1, "recordExpertReview", on(id, "score", 88, "opinion", "技术方案可行"))
	e.command(office, "approveProject", on(id, "documentNumber", "苏经信〔2024〕12号",
		"approvedBudget", "1200000.00", "approvedOn", "2024-03-01"))
	return id
}

// building takes a project to IN_CONSTRUCTION (started 2024-04-01).
func (e *env) building(owner domain.Actor, input map[string]any) string {
	e.t.Helper()
	id := e.approved(owner, input)
	e.command(owner, "startConstruction", on(id, "startedOn", "2024-04-01"))
	return id
}
