package graph

import (
	"context"
	"fmt"
	"math"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Helpers of the funding query resolvers: turning arguments into read-model queries.

// fundQuery turns the schema's fund filter into a read-model query.
func fundQuery(f *model.FundFilter) readmodel.FundQuery {
	var q readmodel.FundQuery
	if f == nil {
		return q
	}
	q.FiscalYear = f.FiscalYear
	if f.Kind != nil {
		q.Kind = *f.Kind
	}
	if f.Status != nil {
		q.Status = *f.Status
	}
	return q
}

// applicationQuery turns the schema's application filter into a read-model query within scope,
// checking the ids.
func applicationQuery(scope readmodel.Scope, f *model.ApplicationFilter) (readmodel.ApplicationQuery, error) {
	q := readmodel.ApplicationQuery{Scope: scope}
	if f == nil {
		return q, nil
	}
	q.Statuses, q.Owner = f.Status, text(f.OwnerOrganization)
	if f.SupportMode != nil {
		q.SupportMode = *f.SupportMode
	}
	var err error
	if f.Fund != nil {
		if q.Fund, err = parseIDAs("fund", *f.Fund, domain.ParseFundID); err != nil {
			return q, err
		}
	}
	if f.Project != nil {
		if q.Project, err = parseIDAs("project", *f.Project, domain.ParseProjectID); err != nil {
			return q, err
		}
	}
	return q, nil
}

// defaultMinSimilarity is the lowest similarity similarProjects shows when minScore is omitted;
// it matches the schema's default.
const defaultMinSimilarity = 0.3

// similarArgs checks the arguments of similarProjects.
func similarArgs(first *int, minScore *float64) (int, float64, error) {
	n, err := readmodel.PageSize(first, defaultSimilarPage)
	if err != nil {
		return 0, 0, err
	}
	if minScore == nil {
		return n, defaultMinSimilarity, nil
	}
	if s := *minScore; math.IsNaN(s) || s < 0 || s > 1 {
		return 0, 0, &domain.ValidationError{Field: "minScore", Reason: fmt.Sprintf("%g is outside 0..1", s)}
	}
	return n, *minScore, nil
}

// project is a project by id (batched per request); it must be in the read model.
func (r *rootResolver) project(ctx context.Context, id domain.ProjectID) (*readmodel.Project, error) {
	p, err := r.stateFrom(ctx).loaders.funding.projects.Load(ctx, id)
	if err == nil && p == nil {
		err = fmt.Errorf("project %s is not in the read model", id)
	}
	return p, err
}

// similarProjects is the duplicate-construction check on a project.
func (r *rootResolver) similarProjects(ctx context.Context, id domain.ProjectID, first *int, minScore *float64) ([]*readmodel.SimilarProject, error) {
	n, min, err := similarArgs(first, minScore)
	if err != nil {
		return nil, err
	}
	return r.stateFrom(ctx).loaders.funding.similar.Load(ctx, similarKey{project: id, first: n, minScore: min})
}
