package oc4ids_test

import (
	"context"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/oc4ids"
	"github.com/smartcity/portfolio/internal/testdb"
	"github.com/smartcity/portfolio/projections"
	"github.com/smartcity/portfolio/seeds"
)

// countingWriter counts the bytes of an export.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(b []byte) (int, error) { w.n += int64(len(b)); return len(b), nil }

// benchPortfolio exports the whole portfolio (and the same as of a day) b.N times and reports
// the projects per export and the package's size.
func benchPortfolio(b *testing.B, x *oc4ids.Exporter, asOf *domain.Date) {
	ctx := context.Background()
	var w countingWriter
	if err := x.WritePortfolio(ctx, &w, leader, oc4ids.Filter{AsOf: asOf}); err != nil {
		b.Fatal(err)
	}
	size := w.n
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		if err := x.WritePortfolio(ctx, io.Discard, leader, oc4ids.Filter{AsOf: asOf}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/1024, "KiB/package")
}

// BenchmarkPortfolioExport measures a whole-portfolio OC4IDS package over the demo seed (24
// projects with their applications and tranches) and over a generated portfolio of 2,000
// projects, current and as of a day. Run with:
//
//	go test -run '^$' -bench PortfolioExport -benchtime 20x ./internal/oc4ids
func BenchmarkPortfolioExport(b *testing.B) {
	b.Run("demo", func(b *testing.B) {
		e := newEnv(b)
		b.Run("current", func(b *testing.B) { benchPortfolio(b, e.x, nil) })
		b.Run("asOf", func(b *testing.B) { benchPortfolio(b, e.x, ptr(day(e.clock.now()))) })
	})
	for _, n := range []int{2000} {
		b.Run("scale-"+strconv.Itoa(n), func(b *testing.B) {
			ctx := context.Background()
			db := testdb.New(b)
			if _, err := seeds.LoadScale(ctx, eventstore.New(db.Pool, nil), seeds.ScaleOptions{Projects: n, Seed: 1, BatchEvents: 5000}); err != nil {
				b.Fatal(err)
			}
			if _, err := projections.NewRunner(db.Pool, nil, nil, projections.Config{}, projections.All()...).RebuildAll(ctx); err != nil {
				b.Fatal(err)
			}
			x := oc4ids.New(db.Pool, oc4ids.Config{Now: func() time.Time { return exportNow }})
			b.Run("current", func(b *testing.B) { benchPortfolio(b, x, nil) })
			b.Run("asOf", func(b *testing.B) { benchPortfolio(b, x, ptr(day(time.Now()))) })
		})
	}
}
