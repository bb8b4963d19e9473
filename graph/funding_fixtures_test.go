package graph_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/smartcity/portfolio/domain"
)

// More people of the funding tests.
var (
	financeXZ = domain.Actor{UserID: "zhou.qi", Role: domain.RoleFinance, OrgID: "xz-finance"} // 徐州市财政局
	expert3   = domain.Actor{UserID: "he.yun", Role: domain.RoleExpert, OrgID: "cumt"}         // never assigned
	admin     = domain.Actor{UserID: "root", Role: domain.RoleAdmin}
)

// fundFields is every field of Fund the tests check, but its connections.
const fundFields = `id name kind fiscalYear managingOrganization supportModes pool available reserved disbursed recovered
	status closeReason version establishedAt updatedAt`

const trancheFields = `id milestone { id name achieved } amount status disbursedOn voucherNumber`

// applicationFields is every field of FundingApplication the tests check, but history and similarProjects.
const applicationFields = `id fund { ` + fundFields + ` } project { id code } ownerOrganization supportMode requestedAmount
	justification status statusReason round waitingSince screening { passed note reasons }
	assignedExperts { user organization scored } scores { round expert organization score opinion scoredAt }
	approvedAmount approvedOn documentNumber tranches { ` + trancheFields + ` }
	disbursedAmount recoveredAmount cancelledAmount version draftedAt updatedAt`

// fundingQuery is the document of one funding mutation with its payload.
func fundingQuery(name string) string {
	input := strings.ToUpper(name[:1]) + name[1:] + "Input"
	payload := `application { ` + applicationFields + ` }`
	if strings.HasSuffix(name, "Fund") {
		payload = `fund { ` + fundFields + ` }`
	}
	return `mutation($input: ` + input + `!) { ` + name + `(input: $input) { clientMutationId replayed ` + payload + ` } }`
}

// funding runs a funding mutation that must succeed and returns its payload.
func (e *env) funding(as domain.Actor, name string, input map[string]any) map[string]any {
	e.t.Helper()
	return e.ok(as, fundingQuery(name), vars("input", input))[name].(map[string]any)
}

// fundingFails runs a funding mutation that must fail with the code.
func (e *env) fundingFails(as domain.Actor, code, name string, input map[string]any) gqlError {
	e.t.Helper()
	return e.fails(&as, code, fundingQuery(name), vars("input", input))
}

// onApp is a command input on an existing application; extra keys add to it.
func onApp(id string, extra ...any) map[string]any {
	in := vars(extra...)
	in["applicationId"] = id
	return in
}

// establish sets up a 2024 special fund managed by the finance actor's bureau and returns its id.
func (e *env) establish(as domain.Actor, pool string, modes ...string) string {
	e.t.Helper()
	if len(modes) == 0 {
		modes = []string{"INVESTMENT_SUBSIDY", "LOAN_INTEREST_SUBSIDY"}
	}
	return str(e.funding(as, "establishFund", map[string]any{
		"name": "江苏省智慧城市建设专项资金", "kind": "SPECIAL_FUND", "fiscalYear": 2024, "pool": pool, "supportModes": modes,
	}), "fund.id")
}

// fundable takes a project of the owner into construction with two milestones (30% due
// 2024-06-30, 40% due 2024-12-31) and returns its id and the milestones' ids.
func (e *env) fundable(owner domain.Actor, input map[string]any) (string, []string) {
	e.t.Helper()
	id := e.building(owner, input)
	m1 := e.command(owner, "planMilestone", on(id, "name", "一期路口上线", "plannedDate", "2024-06-30", "weight", 30))
	m2 := e.command(owner, "planMilestone", on(id, "name", "二期全市联网", "plannedDate", "2024-12-31", "weight", 40))
	return id, []string{str(m1, "milestone.id"), str(m2, "milestone.id")}
}

// draft drafts an application of the owner's project for the amount as an investment subsidy.
func (e *env) draft(owner domain.Actor, fund, project, amount string) string {
	e.t.Helper()
	return str(e.funding(owner, "draftApplication", map[string]any{
		"projectId": project, "fundId": fund, "supportMode": "INVESTMENT_SUBSIDY",
		"requestedAmount": amount, "justification": "信号控制系统建设需财政补助",
	}), "application.id")
}

// submitted drafts and submits an application.
func (e *env) submitted(owner domain.Actor, fund, project, amount string) string {
	e.t.Helper()
	id := e.draft(owner, fund, project, amount)
	e.funding(owner, "submitApplication", onApp(id))
	return id
}

// screened drafts, submits and passes an application through screening.
func (e *env) screened(owner domain.Actor, fund, project, amount string) string {
	e.t.Helper()
	id := e.submitted(owner, fund, project, amount)
	e.funding(office, "screenApplication", onApp(id, "passed", true))
	return id
}

// expertsOf is the assignExperts input naming the actors.
func expertsOf(experts ...domain.Actor) []any {
	out := make([]any, len(experts))
	for i, x := range experts {
		out[i] = map[string]any{"user": x.UserID, "organization": x.OrgID}
	}
	return out
}

// reviewed takes an application through screening to experts assigned; scorers then score it
// (85 for the first, 78 for the second, ...).
func (e *env) reviewed(owner domain.Actor, fund, project, amount string, experts []domain.Actor, scorers ...domain.Actor) string {
	e.t.Helper()
	id := e.screened(owner, fund, project, amount)
	e.funding(office, "assignExperts", onApp(id, "experts", expertsOf(experts...)))
	for i, x := range scorers {
		e.funding(x, "scoreApplication", onApp(id, "score", 85-7*i, "opinion", "方案可行"))
	}
	return id
}

// wantFund checks a fund's money exactly: pool, available, reserved, disbursed, recovered.
func wantFund(t *testing.T, fund any, pool, available, reserved, disbursed, recovered string) {
	t.Helper()
	got := []string{str(fund, "pool"), str(fund, "available"), str(fund, "reserved"), str(fund, "disbursed"), str(fund, "recovered")}
	if w := []string{pool, available, reserved, disbursed, recovered}; strings.Join(got, " ") != strings.Join(w, " ") {
		t.Errorf("fund pool/available/reserved/disbursed/recovered = %v, want %v", got, w)
	}
}

// versions reads an application's and its fund's versions and event counts, to show that a
// refused command wrote nothing.
func (e *env) versions(app string) string {
	e.t.Helper()
	q := e.ok(leader, `query($id: ID!) { application(id: $id) { version history { totalCount }
		fund { version history { totalCount } } } }`, vars("id", app))
	return fmt.Sprintf("application v%d (%d events), fund v%d (%d events)",
		num(q, "application.version"), num(q, "application.history.totalCount"),
		num(q, "application.fund.version"), num(q, "application.fund.history.totalCount"))
}
