package seeds_test

import (
	"context"
	"testing"

	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

// digest is a fingerprint of every stored event's stream, version, type and payload.
func digest(t *testing.T, db *testdb.DB) (count int, sum string) {
	t.Helper()
	err := db.Pool.QueryRow(context.Background(), `SELECT count(*), md5(string_agg(stream_id || ':' || stream_version || ':' || event_type || ':' || payload::text, '|' ORDER BY stream_id, stream_version))
		FROM events`).Scan(&count, &sum)
	if err != nil {
		t.Fatal(err)
	}
	return count, sum
}

func TestLoadScaleWritesTheSamePortfolioForTheSameSeedAndNothingTheSecondTime(t *testing.T) {
	ctx := context.Background()
	opts := seeds.ScaleOptions{Projects: 400, Seed: 7, BatchEvents: 2000}
	a, b := testdb.New(t), testdb.New(t)
	sumA, err := seeds.LoadScale(ctx, eventstore.New(a.Pool, nil), opts)
	if err != nil {
		t.Fatal(err)
	}
	if sumA.Projects != 400 || sumA.Applications < 20 || sumA.Events < 400*8 || sumA.Transactions < 2 {
		t.Fatalf("summary %+v: too little history", sumA)
	}
	if _, err := seeds.LoadScale(ctx, eventstore.New(b.Pool, nil), opts); err != nil {
		t.Fatal(err)
	}
	nA, dA := digest(t, a)
	nB, dB := digest(t, b)
	if nA != sumA.Events || nA != nB || dA != dB {
		t.Fatalf("two loads with one seed differ: %d events (%s) vs %d (%s); summary said %d", nA, dA, nB, dB, sumA.Events)
	}
	again, err := seeds.LoadScale(ctx, eventstore.New(a.Pool, nil), opts)
	if err != nil || !again.AlreadyLoaded {
		t.Fatalf("second load: %+v, %v; want already loaded", again, err)
	}
	if n, _ := digest(t, a); n != nA {
		t.Fatalf("second load wrote %d events", n-nA)
	}

	// The read models rebuild from it, every status is represented and the funds add up.
	runner := projections.NewRunner(a.Pool, nil, nil, projections.Config{}, projections.All()...)
	if _, err := runner.RebuildAll(ctx); err != nil {
		t.Fatal(err)
	}
	var statuses, overdrawn, paid int
	if err := a.Pool.QueryRow(ctx, `SELECT (SELECT count(DISTINCT status) FROM project_view),
		(SELECT count(*) FROM fund_view WHERE available < 0 OR available + reserved + disbursed <> pool),
		(SELECT count(*) FROM application_tranche_view WHERE disbursed_on IS NOT NULL)`).Scan(&statuses, &overdrawn, &paid); err != nil {
		t.Fatal(err)
	}
	if statuses < 11 || overdrawn != 0 || paid == 0 {
		t.Fatalf("%d project statuses, %d funds not adding up, %d tranches paid", statuses, overdrawn, paid)
	}

	// PPP: a realistic share of the projects, several stages, payments made, and in no region and
	// year do the reserved obligations exceed 10% of the budget (nor differ from the live
	// arrangements' obligations).
	t.Logf("PPP: %d arrangements by stage %v, %d ledgers", sumA.PPPArrangements, sumA.PPPStages, sumA.PPPLedgers)
	if sumA.PPPArrangements < 400/20 || sumA.PPPArrangements > 400/5 || sumA.PPPLedgers == 0 {
		t.Fatalf("%d PPP arrangements and %d ledgers among 400 projects", sumA.PPPArrangements, sumA.PPPLedgers)
	}
	var stages, overCap, mismatched, pppPaid, arrangements int
	if err := a.Pool.QueryRow(ctx, `SELECT (SELECT count(DISTINCT stage) FROM ppp_arrangement_view),
		(SELECT count(*) FROM (SELECT r.region_code, r.year FROM ppp_reserved_view r JOIN ppp_budget_view b USING (region_code, year)
			GROUP BY r.region_code, r.year, b.budget HAVING sum(r.amount) * 10 > b.budget) x),
		(SELECT count(*) FROM (SELECT o.arrangement_id, o.year FROM ppp_obligation_view o JOIN ppp_arrangement_view a ON a.id = o.arrangement_id
			LEFT JOIN ppp_reserved_view r ON r.arrangement_id = o.arrangement_id AND r.year = o.year
			WHERE (a.stage IN ('PROCUREMENT', 'EXECUTION')) <> (r.amount IS NOT NULL) OR r.amount <> o.amount) y),
		(SELECT count(*) FROM ppp_payment_view WHERE paid > 0),
		(SELECT count(*) FROM ppp_arrangement_view)`).Scan(&stages, &overCap, &mismatched, &pppPaid, &arrangements); err != nil {
		t.Fatal(err)
	}
	if stages < 5 || overCap != 0 || mismatched != 0 || pppPaid == 0 || arrangements != sumA.PPPArrangements {
		t.Fatalf("PPP read models: %d stages, %d region-years above the cap, %d obligations not matching the ledger, %d payments made, %d arrangements (summary %d)",
			stages, overCap, mismatched, pppPaid, arrangements, sumA.PPPArrangements)
	}
}
