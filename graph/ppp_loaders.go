package graph

import (
	"context"
	"sync"

	"github.com/vikstrous/dataloadgen"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
)

// pppLoaders batch the reads of PPP arrangements and ledgers: a page of arrangements with their
// parts, projects and ledgers costs a fixed number of queries whatever its size.
type pppLoaders struct {
	arrangements *dataloadgen.Loader[domain.PPPArrangementID, *readmodel.PPPArrangement] // unscoped: callers scope
	ofProject    *dataloadgen.Loader[domain.ProjectID, []*readmodel.PPPArrangement]      // unscoped: callers scope
	aggregates   *dataloadgen.Loader[domain.PPPArrangementID, *domain.PPPArrangement]    // replayed from events
	ledgers      *dataloadgen.Loader[domain.RegionCode, *domain.PPPLedger]               // replayed from events
}

func newPPPLoaders(rm *readmodel.Store, svc *app.Service) *pppLoaders {
	wait := dataloadgen.WithWait(loaderWait)
	return &pppLoaders{
		arrangements: dataloadgen.NewLoader(batch(rm.PPPArrangementsByID), wait),
		ofProject:    dataloadgen.NewLoader(batch(rm.PPPArrangementsOf), wait),
		aggregates:   dataloadgen.NewLoader(eachConcurrently(svc.PPPArrangement), wait),
		ledgers:      dataloadgen.NewLoader(eachConcurrently(svc.PPPLedger), wait),
	}
}

// forget drops what the loaders hold about an arrangement, its project and its region's ledger
// after a command changed them.
func (l *pppLoaders) forget(id domain.PPPArrangementID, project domain.ProjectID, region domain.RegionCode) {
	if id != "" {
		l.arrangements.Clear(id)
		l.aggregates.Clear(id)
	}
	if project != "" {
		l.ofProject.Clear(project)
	}
	if region != "" {
		l.ledgers.Clear(region)
	}
}

// eachConcurrently loads each key of a batch on its own, concurrently: for aggregates replayed
// from their streams, one stream each.
func eachConcurrently[K comparable, V any](load func(context.Context, K) (V, error)) func(context.Context, []K) ([]V, []error) {
	return func(ctx context.Context, keys []K) ([]V, []error) {
		out := make([]V, len(keys))
		errs := make([]error, len(keys))
		var wg sync.WaitGroup
		for i, k := range keys {
			wg.Go(func() { out[i], errs[i] = load(ctx, k) })
		}
		wg.Wait()
		return out, errs
	}
}
