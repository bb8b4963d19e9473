package graph

import (
	"context"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
)

// loaderWait is how long a loader collects keys before it queries. The resolvers of a list's
// items start together, so a few milliseconds gather a whole page into one query; 10 ms leaves
// room for a busy scheduler without making a nested read noticeably slower.
const loaderWait = 10 * time.Millisecond

// loaders batch the reads of a project's parts, so that a page of projects with their milestones,
// indicators and measurements costs a fixed number of queries whatever its size. They live for
// one request (their cache is that request's view).
type loaders struct {
	milestones   *dataloadgen.Loader[domain.ProjectID, []*readmodel.Milestone]
	indicators   *dataloadgen.Loader[domain.ProjectID, []*readmodel.Indicator]
	measurements *dataloadgen.Loader[domain.IndicatorID, []*readmodel.Measurement]
	// aggregates are projects replayed from their events, for the parts no read model holds
	// (expert reviews, progress reports, expenditures, budget revisions).
	aggregates *dataloadgen.Loader[domain.ProjectID, *domain.Project]
	// funding batches the parts of funds and funding applications.
	funding *fundingLoaders
	// ppp batches PPP arrangements, their parts and the regions' ledgers.
	ppp *pppLoaders
}

func newLoaders(rm *readmodel.Store, svc *app.Service, today domain.Date) *loaders {
	wait := dataloadgen.WithWait(loaderWait)
	return &loaders{
		milestones:   dataloadgen.NewLoader(batch(rm.MilestonesOf), wait),
		indicators:   dataloadgen.NewLoader(batch(rm.IndicatorsOf), wait),
		measurements: dataloadgen.NewLoader(batch(rm.MeasurementsOf), wait),
		aggregates:   dataloadgen.NewLoader(eachConcurrently(svc.Project), wait),
		funding:      newFundingLoaders(rm, today),
		ppp:          newPPPLoaders(rm, svc),
	}
}

// forget drops what the loaders hold about a project, after a mutation changed it: a document
// may run several mutations and read the project after each.
func (l *loaders) forget(id domain.ProjectID) {
	l.milestones.Clear(id)
	l.indicators.Clear(id)
	l.aggregates.Clear(id)
	l.measurements.ClearAll()
	l.funding.forgetProject(id)
}

// batch adapts a read-model query over many keys to a loader's fetch function: one error fails
// every key of the batch.
func batch[K comparable, V any](read func(context.Context, []K) ([]V, error)) func(context.Context, []K) ([]V, []error) {
	return func(ctx context.Context, keys []K) ([]V, []error) {
		vs, err := read(ctx, keys)
		if err != nil {
			return nil, []error{err}
		}
		return vs, nil
	}
}
