package portfolio_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/portfolio"
)

// EnvScaleURL names a database loaded with `portfolio seed --scale N`, migrated and with the
// summary read model built (`portfolio rebuild summary.v1`). The benchmarks need it.
const EnvScaleURL = "PORTFOLIO_SCALE_DATABASE_URL"

func scaleReader(b *testing.B) (*portfolio.Reader, domain.Date) {
	b.Helper()
	url := os.Getenv(EnvScaleURL)
	if url == "" {
		b.Skipf("set %s to a database loaded with `portfolio seed --scale 100000` and rebuilt (`portfolio rebuild summary.v1`)", EnvScaleURL)
	}
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	var n int
	var last time.Time
	if err := pool.QueryRow(context.Background(), `SELECT count(*), max(valid_from) FROM summary_projects WHERE valid_to IS NULL`).Scan(&n, &last); err != nil {
		b.Fatal(err)
	}
	if n == 0 {
		b.Skip("the summary read model is empty: run `portfolio rebuild summary.v1`")
	}
	b.ReportMetric(float64(n), "projects")
	// As of the day of the latest version: every version recorded by then is read from the history.
	return portfolio.New(pool), domain.DateOf(last.In(time.FixedZone("CST", 8*60*60)))
}

func benchSummary(b *testing.B, q portfolio.Query) {
	r, asOf := scaleReader(b)
	if q.AsOf != nil {
		q.AsOf = &asOf
	}
	ctx := context.Background()
	res, err := r.Summary(ctx, q) // warm
	if err != nil {
		b.Fatal(err)
	}
	if res.Totals.Projects == 0 {
		b.Fatal("the summary counted no project")
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.Summary(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

var xuzhou = portfolio.Filter{Region: "320300"}

// A city's portfolio drilled down to its counties, from the current versions.
func BenchmarkCitySummaryCurrent(b *testing.B) {
	benchSummary(b, portfolio.Query{Filter: xuzhou, GroupBy: []portfolio.Dimension{portfolio.ByCounty}})
}

// The same question as of a date, from the history.
func BenchmarkCitySummaryAsOf(b *testing.B) {
	benchSummary(b, portfolio.Query{Filter: xuzhou, GroupBy: []portfolio.Dimension{portfolio.ByCounty}, AsOf: &domain.Date{}})
}

// The whole portfolio by city and status, current and as of a date.
func BenchmarkPortfolioByCityCurrent(b *testing.B) {
	benchSummary(b, portfolio.Query{GroupBy: []portfolio.Dimension{portfolio.ByCity, portfolio.ByStatus}})
}

func BenchmarkPortfolioByCityAsOf(b *testing.B) {
	benchSummary(b, portfolio.Query{GroupBy: []portfolio.Dimension{portfolio.ByCity, portfolio.ByStatus}, AsOf: &domain.Date{}})
}
