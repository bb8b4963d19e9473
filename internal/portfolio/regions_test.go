package portfolio_test

import (
	"context"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/internal/app"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/portfolio"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

// A summary by region is answered from the regions' pre-aggregates (summary_region_days and
// summary_region_waits, kept by the summary projector); every figure must equal the project-by-project
// computation, on the demo portfolio and a generated one, on days before, between and after
// their milestones, target dates and the overdue thresholds. Then a rebuild of the summary read
// model gives the same answers again.
func TestRegionAnswersEqualProjectByProject(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		compareRegions(t, func(ctx context.Context, store *eventstore.Store, runner *projections.Runner) error {
			_, err := seeds.LoadDemo(ctx, app.NewService(store, runner, nil))
			return err
		})
	})
	t.Run("generated", func(t *testing.T) {
		compareRegions(t, func(ctx context.Context, store *eventstore.Store, _ *projections.Runner) error {
			_, err := seeds.LoadScale(ctx, store, seeds.ScaleOptions{Projects: 400, Seed: 7})
			return err
		})
	})
}

func compareRegions(t *testing.T, load func(context.Context, *eventstore.Store, *projections.Runner) error) {
	ctx := context.Background()
	db := testdb.New(t)
	signal := eventstore.NewSignal()
	store := eventstore.New(db.Pool, nil, eventstore.WithCommitSignal(signal))
	runner := projections.NewRunner(db.Pool, signal, slog.New(slog.DiscardHandler), projections.Config{PollInterval: 20 * time.Millisecond}, projections.All()...)
	must(t, runner.Start(ctx))
	t.Cleanup(func() { _ = runner.Close() })
	must(t, load(ctx, store, runner))
	var txid string
	var last eventstore.Position
	must(t, db.Pool.QueryRow(ctx, `SELECT transaction_id::text, "offset" FROM events ORDER BY events.transaction_id DESC, events."offset" DESC LIMIT 1`).Scan(&txid, &last.Offset))
	var err error
	last.TxID, err = strconv.ParseUint(txid, 10, 64)
	must(t, err)
	waitProjected(t, runner, last)

	questions := []portfolio.Query{
		{},
		{GroupBy: []portfolio.Dimension{portfolio.ByProvince}},
		{GroupBy: []portfolio.Dimension{portfolio.ByProvince, portfolio.ByCity, portfolio.ByCounty}},
		{Filter: portfolio.Filter{Region: "320000"}, GroupBy: []portfolio.Dimension{portfolio.ByCity}},
		{Filter: portfolio.Filter{Region: "320300"}, GroupBy: []portfolio.Dimension{portfolio.ByCounty}},
		{Filter: portfolio.Filter{Region: "320300"}, GroupBy: []portfolio.Dimension{portfolio.ByCounty, portfolio.ByCity}, Limit: 3},
		{Filter: portfolio.Filter{Region: "320312"}},
		{Filter: portfolio.Filter{Region: "421200"}, GroupBy: []portfolio.Dimension{portfolio.ByCounty}},
	}
	days := []string{"2014-01-01", "2017-06-30", "2019-12-31", "2023-01-01", "2025-06-01", "2026-11-23", "2028-03-15", "2035-01-01"}
	// And the days a rating or a count changes on, for a few projects: a first open milestone's
	// date and the thresholds after it (amber the day after, red 31 days after), a planned date
	// and the day before it, an indicator's target date and the day after it.
	rows, err := db.Pool.Query(ctx, `SELECT d::text FROM (SELECT DISTINCT d FROM summary_now,
			LATERAL unnest(ARRAY[ms_open_dates[1], ms_open_dates[1] + 1, ms_open_dates[1] + 30, ms_open_dates[1] + 31,
			                     ms_plan_dates[1] - 1, ms_plan_dates[1], ind_open_dates[1], ind_open_dates[1] + 1]) d
			WHERE d IS NOT NULL) x ORDER BY md5(d::text) LIMIT 8`)
	must(t, err)
	boundaries, err := pgx.CollectRows(rows, pgx.RowTo[string])
	must(t, err)
	if len(boundaries) < 8 {
		t.Fatalf("only %d boundary days in the portfolio", len(boundaries))
	}
	days = append(days, boundaries...)
	compare := func(when string) {
		t.Helper()
		for _, day := range days {
			clock := func() time.Time { return at(day) }
			fast := portfolio.New(db.Pool).WithClock(clock).Uncached()
			slow := portfolio.ProjectByProject(portfolio.New(db.Pool).WithClock(clock))
			for _, q := range questions {
				got, err := fast.Summary(ctx, q)
				must(t, err)
				want, err := slow.Summary(ctx, q)
				must(t, err)
				if g, w := jsonOf(t, got), jsonOf(t, want); g != w {
					t.Fatalf("%s, %s, %+v: from the regions\n%s\nproject by project\n%s", when, day, q, g, w)
				}
				if want.Totals.Projects == 0 && q.Filter.Region == "" {
					t.Fatalf("%s: the whole portfolio counted no project", day)
				}
			}
		}
	}
	compare("live")
	must(t, runner.Close())
	if _, err := runner.Rebuild(ctx, projections.Summary{}); err != nil {
		t.Fatal(err)
	}
	compare("rebuilt")
}

// waitProjected waits until every read model has passed pos.
func waitProjected(t *testing.T, runner *projections.Runner, pos eventstore.Position) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := runner.WaitFor(ctx, pos); err != nil {
		t.Fatal(err)
	}
}
