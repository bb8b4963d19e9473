package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/internal/server"
	"github.com/smartcity/portfolio/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const tokenSecret = "a-test-secret-of-at-least-32-bytes!!"

var (
	xzOwner = domain.Actor{UserID: "u-xz", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}
	haOwner = domain.Actor{UserID: "u-ha", Role: domain.RoleOwner, OrgID: "ha-city-gov"}
	leader  = domain.Actor{UserID: "u-leader", Role: domain.RoleLeadership}
)

type env struct {
	t   *testing.T
	srv *server.Server
	url string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	db := testdb.New(t)
	srv, err := server.Open(context.Background(), server.Config{
		DatabaseURL: db.URL, TokenSecret: tokenSecret, PollInterval: 20 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatalf("open server: %v", err)
	}
	t.Cleanup(srv.Close)
	hs := httptest.NewServer(srv.Handler)
	t.Cleanup(hs.Close)
	return &env{t: t, srv: srv, url: hs.URL}
}

// propose proposes a project through the service as the owner and returns its id.
func (e *env) propose(owner domain.Actor, code, region string) domain.ProjectID {
	e.t.Helper()
	d := domain.ProjectDetails{
		Name: "智慧交通信号控制系统 " + code, Domain: domain.DomainTransport, Region: domain.RegionCode(region),
		Description: "Adaptive traffic signals", PlannedInvestment: domain.Yuan(1_200_000),
		Funding:      domain.FundingPlan{FiscalSpecialFund: domain.Yuan(800_000), SelfRaised: domain.Yuan(400_000)},
		PlannedStart: domain.MustDate("2024-01-01"), PlannedEnd: domain.MustDate("2025-12-31"),
	}
	out, err := e.srv.Service.ProposeProject(context.Background(), app.Request{Actor: owner}, code, d, domain.ProjectCode(code))
	if err != nil {
		e.t.Fatal(err)
	}
	return out.Ref.ProjectID
}

type reply struct {
	status int
	header http.Header
	body   string
	code   string // extensions.code of the first error
}

// get sends GET path with a bearer token for the actor (none when nil).
func (e *env) get(a *domain.Actor, path string) reply {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.url+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if a != nil {
		tok, err := e.srv.Authority.Issue(*a, time.Hour)
		if err != nil {
			e.t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	r := reply{status: resp.StatusCode, header: resp.Header, body: string(b)}
	var errs struct {
		Errors []struct {
			Extensions struct {
				Code string `json:"code"`
			} `json:"extensions"`
		} `json:"errors"`
	}
	if json.Unmarshal(b, &errs) == nil && len(errs.Errors) > 0 {
		r.code = errs.Errors[0].Extensions.Code
	}
	return r
}

func TestExportEndpoints(t *testing.T) {
	e := newEnv(t)
	xz := e.propose(xzOwner, "XZ-T-001", "320312")
	e.propose(haOwner, "HA-T-001", "320800")
	// Days from the recorded events and two days ahead, so that a run across midnight holds.
	var first time.Time
	if err := e.srv.Pool.QueryRow(context.Background(), `SELECT min(recorded_at) FROM events`).Scan(&first); err != nil {
		t.Fatal(err)
	}
	today := domain.DateOf(first.In(time.FixedZone("CST", 8*60*60)))
	future := domain.DateOf(today.Time().AddDate(0, 0, 2))
	yesterday := domain.DateOf(today.Time().AddDate(0, 0, -1))
	project := "/export/oc4ids/projects/" + string(xz)

	t.Run("a project downloads as an OC4IDS project", func(t *testing.T) {
		for _, a := range []domain.Actor{xzOwner, leader} {
			r := e.get(&a, project+"?asOf="+today.String())
			if r.status != http.StatusOK {
				t.Fatalf("%s: %d %s", a.Role, r.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
			if cd := r.header.Get("Content-Disposition"); cd != `attachment; filename="oc4ids-project-`+string(xz)+`-`+today.String()+`.json"` {
				t.Errorf("Content-Disposition %q", cd)
			}
			var p oc4ids.Project
			if err := json.Unmarshal([]byte(r.body), &p); err != nil || p.ID != oc4ids.IDPrefix+string(xz) || p.Status != "identification" {
				t.Errorf("body %s (%v)", r.body, err)
			}
		}
	})

	t.Run("a portfolio downloads as a package, an owner's holding only its own projects", func(t *testing.T) {
		for _, c := range []struct {
			actor domain.Actor
			query string
			want  int
		}{
			{leader, "", 2}, {leader, "?region=320000", 2}, {leader, "?region=320300&domain=TRANSPORT&status=PROPOSED", 1},
			{leader, "?region=320300&status=APPROVED", 0}, {xzOwner, "", 1}, {haOwner, "?asOf=" + today.String(), 1},
		} {
			r := e.get(&c.actor, "/export/oc4ids/portfolio"+c.query)
			var pkg struct {
				Version  string           `json:"version"`
				URI      string           `json:"uri"`
				Projects []oc4ids.Project `json:"projects"`
			}
			if r.status != http.StatusOK || json.Unmarshal([]byte(r.body), &pkg) != nil {
				t.Fatalf("%s%s: %d %s", c.actor.Role, c.query, r.status, r.body)
			}
			if len(pkg.Projects) != c.want || pkg.Version != "0.9" || !strings.HasSuffix(pkg.URI, "/export/oc4ids/portfolio"+c.query) {
				t.Errorf("%s%s: %d projects, version %q, uri %q; want %d", c.actor.Role, c.query, len(pkg.Projects), pkg.Version, pkg.URI, c.want)
			}
			for _, p := range pkg.Projects {
				if c.actor.Role == domain.RoleOwner && p.PublicAuthority.ID != c.actor.OrgID {
					t.Errorf("owner %s got project of %s", c.actor.OrgID, p.PublicAuthority.ID)
				}
			}
			if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="oc4ids-portfolio`) {
				t.Errorf("Content-Disposition %q", cd)
			}
		}
	})

	t.Run("errors: 401, 403, 404, 400", func(t *testing.T) {
		bad := domain.Actor{UserID: "x", Role: domain.RoleOwner, OrgID: "other-org"}
		for _, c := range []struct {
			actor  *domain.Actor
			path   string
			status int
			code   string
		}{
			{nil, project, 401, "UNAUTHENTICATED"},
			{nil, "/export/oc4ids/portfolio", 401, "UNAUTHENTICATED"},
			{&haOwner, project, 403, "FORBIDDEN"},
			{&haOwner, "/export/oc4ids/portfolio?owner=xz-bigdata-bureau", 403, "FORBIDDEN"},
			{&leader, "/export/oc4ids/projects/" + string(domain.NewProjectID()), 404, "NOT_FOUND"},
			{&leader, "/export/oc4ids/projects/not-a-uuid", 400, "BAD_USER_INPUT"},
			{&leader, project + "?asOf=" + future.String(), 400, "BAD_USER_INPUT"},
			{&leader, project + "?asOf=" + yesterday.String(), 400, "BAD_USER_INPUT"},
			{&leader, project + "?asOf=2026-02-30", 400, "BAD_USER_INPUT"},
			{&leader, project + "?as_of=" + today.String(), 400, "BAD_USER_INPUT"},
			{&leader, "/export/oc4ids/portfolio?region=990000", 400, "BAD_USER_INPUT"},
			{&leader, "/export/oc4ids/portfolio?domain=ROADS", 400, "BAD_USER_INPUT"},
			{&leader, "/export/oc4ids/portfolio?status=DONE", 400, "BAD_USER_INPUT"},
			{&leader, "/export/oc4ids/portfolio?asOf=" + future.String(), 400, "BAD_USER_INPUT"},
			{&bad, "/export/oc4ids/portfolio?regoin=32", 400, "BAD_USER_INPUT"},
		} {
			r := e.get(c.actor, c.path)
			if r.status != c.status || r.code != c.code || r.header.Get("Content-Disposition") != "" {
				t.Errorf("GET %s: %d %s %q, want %d %s", c.path, r.status, r.code, r.header.Get("Content-Disposition"), c.status, c.code)
			}
		}
		req, _ := http.NewRequest(http.MethodPost, e.url+"/export/oc4ids/portfolio", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST: %d, want 405", resp.StatusCode)
		}
	})
}
