package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/smartcity/portfolio/internal/testdb"
)

// TestBenchServesAndMeasuresBriefly runs `portfolio bench --serve` for a fraction of a second per
// run against the demo portfolio: every run has requests and no errors, the mutations wrote
// submitted projects, and the peak RSS is read.
func TestBenchServesAndMeasuresBriefly(t *testing.T) {
	db := testdb.New(t)
	t.Setenv("DATABASE_URL", db.URL)
	t.Setenv("PORTFOLIO_TOKEN_SECRET", testSecret)
	for _, args := range [][]string{{"migrate"}, {"seed"}} {
		if _, err := runCmd(t, args...); err != nil {
			t.Fatal(err)
		}
	}
	out, err := runCmd(t, "bench", "--serve", "--duration", "300ms", "--clients", "1,2", "--writers", "2", "--region", "320300")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	row := regexp.MustCompile(`(?m)^\s*(mutations \(propose, submit\)|summary, city 320300 by county|summary as of \d{4}-\d\d-\d\d)\s+(\d+)\s+(\d+)\s+(\d+)\s`)
	rows := row.FindAllStringSubmatch(out, -1)
	if len(rows) != 5 {
		t.Fatalf("want 5 runs (mutations, 2 summaries, 2 as-of summaries):\n%s", out)
	}
	for i, clients := range []string{"2", "1", "2", "1", "2"} {
		r := rows[i]
		if r[2] != clients || r[3] == "0" || r[4] != "0" {
			t.Errorf("run %q: clients %s, requests %s, errors %s; want %s clients, some requests, no errors", r[1], r[2], r[3], r[4], clients)
		}
	}
	if !regexp.MustCompile(`peak RSS \(VmHWM of pid \d+\): \d+\.\d MiB`).MatchString(out) {
		t.Errorf("no peak RSS:\n%s", out)
	}
	var submitted int
	if err := db.Pool.QueryRow(context.Background(),
		`SELECT count(*) FROM project_view WHERE code LIKE 'BENCH-%' AND status = 'UNDER_REVIEW' AND owner_org = 'bench-owner-org'`).Scan(&submitted); err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(rows[0][3]); submitted == 0 || submitted != n/2 {
		t.Errorf("%d benchmark projects submitted, the run counted %s mutations", submitted, rows[0][3])
	}
	if strings.Contains(out, "unknown") {
		t.Errorf("something unknown:\n%s", out)
	}
}

func TestBenchRefusesBadFlags(t *testing.T) {
	t.Setenv("PORTFOLIO_TOKEN_SECRET", testSecret)
	for _, args := range [][]string{
		{"bench", "--clients", "4,x"}, {"bench", "--clients", "0"}, {"bench", "--duration", "0s"},
		{"bench", "--region", "999999"}, {"bench", "--as-of", "2026-02-30"}, {"bench", "--writers", "0"}, {"bench", "extra"},
	} {
		if out, err := runCmd(t, args...); err == nil {
			t.Errorf("%v was accepted: %s", args, out)
		}
	}
}
