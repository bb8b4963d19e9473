package portfolio_test

import (
	"context"
	"os"
	"runtime"
	"slices"
	"sync"
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
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		b.Fatal(err)
	}
	cfg.MaxConns = clients // one connection per concurrent client
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
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

// benchSummary asks q over and over; the reader computes every answer (Uncached): what the
// first asker after any change waits for.
func benchSummary(b *testing.B, q portfolio.Query) {
	r, asOf := scaleReader(b)
	r = r.Uncached()
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

// clients is how many ask at once in the parallel benchmarks.
const clients = 16

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

// The city summary asked by 16 clients at once, each asking again as soon as it has its answer:
// the median and 99th percentile of the answers' latency. Cached: the server's reader, which
// computes an answer once per read-model position (nothing is written during the run);
// Uncached: every answer computed.
func BenchmarkCitySummaryCurrent16Clients(b *testing.B) {
	for _, cached := range []bool{true, false} {
		name := map[bool]string{true: "Cached", false: "Uncached"}[cached]
		b.Run(name, func(b *testing.B) {
			r, _ := scaleReader(b)
			if !cached {
				r = r.Uncached()
			}
			parallelSummary(b, r, portfolio.Query{Filter: xuzhou, GroupBy: []portfolio.Dimension{portfolio.ByCounty}})
		})
	}
}

func parallelSummary(b *testing.B, r *portfolio.Reader, q portfolio.Query) {
	ctx := context.Background()
	if _, err := r.Summary(ctx, q); err != nil { // warm
		b.Fatal(err)
	}
	var mu sync.Mutex
	var took []time.Duration
	b.SetParallelism((clients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			start := time.Now()
			if _, err := r.Summary(ctx, q); err != nil {
				b.Error(err)
				return
			}
			d := time.Since(start)
			mu.Lock()
			took = append(took, d)
			mu.Unlock()
		}
	})
	b.StopTimer()
	slices.Sort(took)
	pct := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / 1e6 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
