package graph

import (
	"context"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Helpers of the query resolvers: turning arguments into read-model queries.

// projectQuery turns the schema's filter into a read-model query, checking the region.
func projectQuery(f *model.ProjectFilter) (readmodel.ProjectQuery, error) {
	var q readmodel.ProjectQuery
	if f == nil {
		return q, nil
	}
	q.Statuses, q.Domains = f.Status, f.Domain
	if f.Region != nil && *f.Region != "" {
		pattern, err := readmodel.RegionPattern(*f.Region)
		if err != nil {
			return q, err
		}
		q.RegionPattern = pattern
	}
	q.Owner, q.Text = text(f.OwnerOrganization), text(f.Text)
	return q, nil
}

// history reads a page of a project's events.
func (r *rootResolver) history(ctx context.Context, id domain.ProjectID, first *int, after *string) (*readmodel.EventConnection, error) {
	n, err := readmodel.PageSize(first, defaultHistoryPage)
	if err != nil {
		return nil, err
	}
	return r.rm.History(ctx, id, n, after)
}

// aggregate is the project replayed from its events (batched and cached per request).
func (r *rootResolver) aggregate(ctx context.Context, id domain.ProjectID) (*domain.Project, error) {
	return r.stateFrom(ctx).loaders.aggregates.Load(ctx, id)
}

// orgOf is an actor's organisation, nil when it has none.
func orgOf(a *domain.Actor) *string {
	if a.OrgID == "" {
		return nil
	}
	return &a.OrgID
}

// ptrs is the form gqlgen wants lists of objects in.
func ptrs[T any](vs []T) []*T {
	out := make([]*T, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out
}
