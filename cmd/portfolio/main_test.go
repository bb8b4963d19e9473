package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/auth"
	"github.com/smartcity/portfolio/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const testSecret = "test-secret-test-secret-test-secret!"

func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), err
}

func TestTokenPrintsATokenTheServerAccepts(t *testing.T) {
	t.Setenv("PORTFOLIO_TOKEN_SECRET", testSecret)
	out, err := runCmd(t, "token", "--role", "owner", "--org", "xz-bigdata-bureau", "--user", "zhang")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := auth.NewAuthority(testSecret)
	actor, err := a.Parse(strings.TrimSpace(out))
	if err != nil {
		t.Fatal(err)
	}
	if actor != (domain.Actor{UserID: "zhang", Role: domain.RoleOwner, OrgID: "xz-bigdata-bureau"}) {
		t.Fatalf("token names %+v", actor)
	}
}

func TestTokenRefusesBadInput(t *testing.T) {
	t.Setenv("PORTFOLIO_TOKEN_SECRET", testSecret)
	for _, args := range [][]string{
		{"token", "--role", "mayor"},
		{"token", "--role", "owner"}, // an owner without an organisation
		{"token", "--role", "office", "--ttl", "-1h"},
	} {
		if out, err := runCmd(t, args...); err == nil {
			t.Errorf("%v printed %q, want an error", args, out)
		}
	}
	t.Setenv("PORTFOLIO_TOKEN_SECRET", "too-short")
	if _, err := runCmd(t, "token", "--role", "office"); err == nil {
		t.Error("a short secret was accepted")
	}
}

func TestUnknownCommandsAndStrayArgumentsAreRefused(t *testing.T) {
	for _, args := range [][]string{{}, {"fly"}, {"migrate", "now"}, {"serve", "extra"}} {
		if _, err := runCmd(t, args...); err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}

func TestMigrateSeedTwiceAndRebuildAgainstDATABASE_URL(t *testing.T) {
	db := testdb.New(t)
	t.Setenv("DATABASE_URL", db.URL)
	if _, err := runCmd(t, "migrate"); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "seed")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "26 projects") || !strings.Contains(out, "6 PPP arrangements") || !strings.Contains(out, "(0 already loaded)") {
		t.Fatalf("first seed said %q", out)
	}
	var events int
	if err := db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM events`).Scan(&events); err != nil {
		t.Fatal(err)
	}
	out, err = runCmd(t, "seed")
	if err != nil {
		t.Fatal(err)
	}
	var after int
	if err := db.Pool.QueryRow(context.Background(), `SELECT count(*) FROM events`).Scan(&after); err != nil {
		t.Fatal(err)
	}
	if after != events || strings.Contains(out, "(0 already loaded)") {
		t.Fatalf("second seed wrote %d events and said %q", after-events, out)
	}
	out, err = runCmd(t, "rebuild")
	if err != nil {
		t.Fatal(err)
	}
	var projects, arrangements int
	if err := db.Pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM project_view), (SELECT count(*) FROM ppp_arrangement_view)`).Scan(&projects, &arrangements); err != nil {
		t.Fatal(err)
	}
	if projects != 26 || arrangements != 6 || !strings.Contains(out, "projects.v1") || !strings.Contains(out, "ppp_ledgers.v1") {
		t.Fatalf("rebuild gave %d projects and %d PPP arrangements and said %q", projects, arrangements, out)
	}
}

func TestMaskURLHidesThePassword(t *testing.T) {
	if got := maskURL("postgres://app:s3cret@db:5432/portfolio"); strings.Contains(got, "s3cret") {
		t.Fatalf("maskURL leaked the password: %s", got)
	}
}

func TestSeedScaleLoadsASyntheticPortfolioWithPPPOnce(t *testing.T) {
	db := testdb.New(t)
	t.Setenv("DATABASE_URL", db.URL)
	if _, err := runCmd(t, "migrate"); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, "seed", "--scale", "200", "--seed", "3")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "200 projects") || !strings.Contains(out, "PPP arrangements") {
		t.Fatalf("scale seed said %q", out)
	}
	var arrangements int
	if err := db.Pool.QueryRow(context.Background(), `SELECT count(DISTINCT stream_id) FROM events WHERE stream_type = 'ppp_arrangement'`).Scan(&arrangements); err != nil {
		t.Fatal(err)
	}
	if arrangements == 0 || !strings.Contains(out, fmt.Sprintf(" %d PPP arrangements", arrangements)) {
		t.Fatalf("%d PPP arrangement streams stored; the seed said %q", arrangements, out)
	}
	if out, err := runCmd(t, "seed", "--scale", "200", "--seed", "3"); err != nil || !strings.Contains(out, "already loaded") {
		t.Fatalf("second scale seed: %q, %v", out, err)
	}
}

// serve on a database that lacks one of the binary's migrations refuses to start (its read models
// would fail every round) and says what to run; it does not migrate by itself.
func TestServeRefusesADatabaseBehindTheBinary(t *testing.T) {
	db := testdb.New(t)
	ctx := context.Background()
	var latest int64
	if err := db.Pool.QueryRow(ctx, `DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)
		RETURNING version_id`).Scan(&latest); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DATABASE_URL", db.URL)
	t.Setenv("PORTFOLIO_TOKEN_SECRET", testSecret)
	t.Setenv("PORTFOLIO_ADDR", "127.0.0.1:0")
	_, err := runCmd(t, "serve")
	if err == nil || !strings.Contains(err.Error(), "lacks 1 of this binary's migrations: run `portfolio migrate` first") {
		t.Fatalf("serve on a database without migration %d: %v", latest, err)
	}
	var n int
	if err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM goose_db_version WHERE version_id = $1`, latest).Scan(&n); err != nil || n != 0 {
		t.Fatalf("serve changed the schema's record (%d rows, %v)", n, err)
	}
}
