package graph

import (
	"context"

	"github.com/vikstrous/dataloadgen"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// fundingLoaders batch the reads nested under funds, applications and work items: a page of
// applications with their fund, project, experts, tranches and the tranches' milestones costs a
// fixed number of queries whatever its size.
type fundingLoaders struct {
	funds        *dataloadgen.Loader[domain.FundID, *readmodel.Fund]
	applications *dataloadgen.Loader[domain.ApplicationID, *readmodel.Application] // already scoped by the caller
	projects     *dataloadgen.Loader[domain.ProjectID, *readmodel.Project]
	milestones   *dataloadgen.Loader[domain.MilestoneID, *readmodel.Milestone]
	experts      *dataloadgen.Loader[domain.ApplicationID, []*readmodel.ApplicationExpert]
	tranches     *dataloadgen.Loader[domain.ApplicationID, []*readmodel.Tranche]
	similar      *dataloadgen.Loader[similarKey, []*readmodel.SimilarProject]
}

// similarKey is one similarProjects field: the project and the field's arguments.
type similarKey struct {
	project  domain.ProjectID
	first    int
	minScore float64
}

func newFundingLoaders(rm *readmodel.Store, today domain.Date) *fundingLoaders {
	wait := dataloadgen.WithWait(loaderWait)
	return &fundingLoaders{
		funds:        dataloadgen.NewLoader(batch(rm.FundsByID), wait),
		applications: dataloadgen.NewLoader(batch(rm.ApplicationsByID), wait),
		projects: dataloadgen.NewLoader(batch(func(ctx context.Context, ids []domain.ProjectID) ([]*readmodel.Project, error) {
			return rm.ProjectsByID(ctx, ids, today)
		}), wait),
		milestones: dataloadgen.NewLoader(batch(rm.MilestonesByID), wait),
		experts:    dataloadgen.NewLoader(batch(rm.ExpertsOf), wait),
		tranches:   dataloadgen.NewLoader(batch(rm.TranchesOf), wait),
		similar:    dataloadgen.NewLoader(similarAll(rm), wait),
	}
}

// similarAll runs one query per distinct pair of arguments in the batch (in practice one: a
// list's items share their field's arguments).
func similarAll(rm *readmodel.Store) func(context.Context, []similarKey) ([][]*readmodel.SimilarProject, []error) {
	return func(ctx context.Context, keys []similarKey) ([][]*readmodel.SimilarProject, []error) {
		type args struct {
			first    int
			minScore float64
		}
		groups := map[args][]int{}
		for i, k := range keys {
			a := args{k.first, k.minScore}
			groups[a] = append(groups[a], i)
		}
		out := make([][]*readmodel.SimilarProject, len(keys))
		for a, idx := range groups {
			ids := make([]domain.ProjectID, len(idx))
			for j, i := range idx {
				ids[j] = keys[i].project
			}
			lists, err := rm.SimilarProjectsOf(ctx, ids, a.first, a.minScore)
			if err != nil {
				return nil, []error{err}
			}
			for j, i := range idx {
				out[i] = lists[j]
			}
		}
		return out, nil
	}
}

// forget drops what the loaders hold about an application and its fund after a command changed them.
func (l *fundingLoaders) forget(app domain.ApplicationID, fund domain.FundID) {
	l.funds.Clear(fund)
	if app != "" {
		l.applications.Clear(app)
		l.experts.Clear(app)
		l.tranches.Clear(app)
	}
}

// forgetProject drops a project, every milestone and every similarity after a project
// command: a milestone achieved may make a tranche payable, a new or revised project may
// resemble any other.
func (l *fundingLoaders) forgetProject(id domain.ProjectID) {
	l.projects.Clear(id)
	l.milestones.ClearAll()
	l.similar.ClearAll()
}
