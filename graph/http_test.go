package graph_test

import (
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// request sends a raw HTTP request to the server.
func (e *env) request(method, path, contentType, body string, headers ...string) response {
	e.t.Helper()
	req, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return e.send(req)
}

// TestQueriesWorkOverGETButMutationsDoNot checks the GET transport.
func TestQueriesWorkOverGETButMutationsDoNot(t *testing.T) {
	e := newEnv(t)
	auth := "Bearer " + e.token(ownerXZ)

	res := e.request(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ viewer { userId role } }`), "", "", "Authorization", auth)
	if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET query: HTTP %d %q %s", res.Status, res.Header.Get("Content-Type"), res.Body)
	}
	want(t, res.Data, "viewer", map[string]any{"userId": "li.wei", "role": "OWNER"})

	mutation := `mutation($input: ProposeProjectInput!) { proposeProject(input: $input) { project { id } } }`
	variables := `{"input":{"code":"XZ-GET","name":"x","domain":"TRANSPORT","region":"320300","plannedInvestment":"1","fundingPlan":{"selfRaised":"1"},"plannedStart":"2024-01-01","plannedEnd":"2024-12-31"}}`
	res = e.request(http.MethodGet, "/graphql?query="+url.QueryEscape(mutation)+"&variables="+url.QueryEscape(variables), "", "", "Authorization", auth)
	if res.Status != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "POST" || len(res.Errors) == 0 {
		t.Fatalf("GET mutation: HTTP %d Allow %q %s", res.Status, res.Header.Get("Allow"), res.Body)
	}
	want(t, e.ok(leader, `{ projects { totalCount } }`, nil), "projects.totalCount", 0)

	res = e.request(http.MethodGet, "/graphql", "", "", "Authorization", auth)
	if res.Status != http.StatusBadRequest {
		t.Errorf("GET without query: HTTP %d %s", res.Status, res.Body)
	}
}

// TestIntrospectionNeedsNoToken checks that tools can read the schema anonymously.
func TestIntrospectionNeedsNoToken(t *testing.T) {
	e := newEnv(t)
	res := e.postRaw(`{ __schema { queryType { fields { name } } mutationType { fields { name } } }
		__type(name: "Money") { kind description } }`, nil)
	if res.Status != http.StatusOK || len(res.Errors) > 0 {
		t.Fatalf("introspection: HTTP %d %s", res.Status, res.Body)
	}
	names := func(path string) string {
		var out []string
		for _, f := range list(res.Data, path) {
			out = append(out, str(f, "name"))
		}
		return strings.Join(out, " ")
	}
	if got := names("__schema.queryType.fields"); sorted(got) != "application applications fund funds oc4idsPortfolio portfolioSummary pppArrangement pppArrangements pppHeadroom pppLedger project projectHistory projects regions viewer workQueue" {
		t.Errorf("queries: %s", got)
	}
	wantMutations := "proposeProject reviseProject submitProjectForReview recordExpertReview approveProject rejectProject " +
		"returnProjectForRevision startConstruction requestAcceptance acceptProject rejectAcceptance startOperation " +
		"evaluateProject suspendProject resumeProject cancelProject planMilestone rescheduleMilestone achieveMilestone " +
		"reportProgress recordExpenditure defineIndicator recordMeasurement proposeBudgetRevision approveBudgetRevision rejectBudgetRevision " +
		"establishFund topUpFund closeFund draftApplication reviseApplication submitApplication resubmitApplication withdrawApplication " +
		"screenApplication assignExperts scoreApplication rejectApplication returnApplicationForRevision " +
		"approveApplication disburseTranche recoverMoney cancelRemainder " +
		"identifyPPP revisePPPIdentification approvePPPIdentification recordPPPValueForMoney approvePPPPreparation " +
		"launchPPPTender recordPPPBid selectPPPPartner signPPPContract setUpPPPProjectCompany approvePPPProcurement " +
		"schedulePPPPayment recordPPPPayment recordPPPPerformanceAssessment approvePPPTransferStart handOverPPPAssets " +
		"closePPPArrangement cancelPPPArrangement openPPPLedger recordPPPBudget setPPPAffordabilityRule"
	if got := names("__schema.mutationType.fields"); sorted(got) != sorted(wantMutations) {
		t.Errorf("mutations: %s", got)
	}
	want(t, res.Data, "__type.kind", "SCALAR")
	if !strings.Contains(str(res.Data, "__type.description"), "decimal string") {
		t.Errorf("Money is not described: %q", str(res.Data, "__type.description"))
	}
	get := e.request(http.MethodGet, "/graphql?query="+url.QueryEscape(`{ __type(name: "Project") { name } }`), "", "")
	want(t, get.Data, "__type.name", "Project")
}

// sorted sorts space-separated words.
func sorted(s string) string {
	f := strings.Fields(s)
	slices.Sort(f)
	return strings.Join(f, " ")
}

// TestMalformedRequestsGetTheRightStatusCodes checks GraphQL-over-HTTP status codes.
func TestMalformedRequestsGetTheRightStatusCodes(t *testing.T) {
	e := newEnv(t)
	auth := "Bearer " + e.token(office)
	const gqlJSON = "application/graphql-response+json"
	cases := []struct {
		name, method, contentType, body, accept string
		status                                  int
		code, responseType                      string
	}{
		{"text body", "POST", "text/plain", `{ viewer { userId } }`, "", 415, "BAD_REQUEST", "application/json"},
		{"no content type", "POST", "", `{"query":"{ viewer { userId } }"}`, "", 415, "BAD_REQUEST", "application/json"},
		{"broken JSON", "POST", "application/json", `{"query":`, "", 400, "BAD_REQUEST", "application/json"},
		{"JSON list", "POST", "application/json", `[{"query":"{ viewer { userId } }"}]`, "", 400, "BAD_REQUEST", "application/json"},
		{"no query", "POST", "application/json", `{"variables":{}}`, "", 400, "BAD_REQUEST", "application/json"},
		{"query not a string", "POST", "application/json", `{"query":42}`, "", 400, "BAD_REQUEST", "application/json"},
		{"variables not an object", "POST", "application/json", `{"query":"{ viewer { userId } }","variables":[1]}`, "", 400, "BAD_REQUEST", "application/json"},
		{"PUT", "PUT", "application/json", `{"query":"{ viewer { userId } }"}`, "", 405, "BAD_REQUEST", "application/json"},
		{"parse error as JSON", "POST", "application/json", `{"query":"{ viewer { "}`, "", 200, "GRAPHQL_PARSE_FAILED", "application/json"},
		{"parse error as graphql-response", "POST", "application/json", `{"query":"{ viewer { "}`, gqlJSON, 400, "GRAPHQL_PARSE_FAILED", gqlJSON},
		{"unknown field as JSON", "POST", "application/json", `{"query":"{ nothing }"}`, "", 200, "GRAPHQL_VALIDATION_FAILED", "application/json"},
		{"unknown field as graphql-response", "POST", "application/json", `{"query":"{ nothing }"}`, gqlJSON, 400, "GRAPHQL_VALIDATION_FAILED", gqlJSON},
		{"success as graphql-response", "POST", "application/json; charset=utf-8", `{"query":"{ viewer { userId } }"}`, gqlJSON, 200, "", gqlJSON},
		{"too large", "POST", "application/json", `{"query":"{ viewer { userId } }","x":"` + strings.Repeat("x", 1<<20) + `"}`, "", 413, "BAD_REQUEST", "application/json"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := e.request(c.method, "/graphql", c.contentType, c.body, "Authorization", auth, "Accept", c.accept)
			if res.Status != c.status || res.Header.Get("Content-Type") != c.responseType {
				t.Fatalf("HTTP %d %q, want %d %q: %s", res.Status, res.Header.Get("Content-Type"), c.status, c.responseType, res.Body)
			}
			if c.code == "" {
				if len(res.Errors) > 0 || str(res.Data, "viewer.userId") != "wang.fang" {
					t.Errorf("body %s", res.Body)
				}
			} else if len(res.Errors) == 0 || res.Errors[0].Extensions["code"] != c.code {
				t.Errorf("want code %s: %s", c.code, res.Body)
			}
		})
	}
	if res := e.request("PUT", "/graphql", "application/json", `{}`); res.Header.Get("Allow") != "GET, POST" {
		t.Errorf("PUT: Allow %q", res.Header.Get("Allow"))
	}
}

// TestGraphiQLAndHealthAreServed checks the other endpoints and the request id header.
func TestGraphiQLAndHealthAreServed(t *testing.T) {
	e := newEnv(t)
	res, err := http.Get(e.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(page), "/graphql") {
		t.Errorf("GraphiQL: HTTP %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	h := e.request(http.MethodGet, "/healthz", "", "")
	if h.Status != 200 || h.Body != "ok\n" {
		t.Errorf("healthz: HTTP %d %q", h.Status, h.Body)
	}
	if nf := e.request(http.MethodGet, "/nothing", "", ""); nf.Status != 404 {
		t.Errorf("/nothing: HTTP %d", nf.Status)
	}
	r := e.post(&leader, `{ viewer { userId } }`, nil, "X-Request-ID", "has spaces in it")
	if id := r.Header.Get("X-Request-ID"); len(id) != 36 {
		t.Errorf("an unusable request id was kept: %q", id)
	}
}
