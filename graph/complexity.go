package graph

import (
	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/generated"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Page sizes when `first` is omitted; they match the schema's defaults.
const (
	defaultProjectsPage     = 20
	defaultHistoryPage      = 50
	defaultFundsPage        = 20
	defaultApplicationsPage = 20
	defaultWorkPage         = 20
	defaultSimilarPage      = 5
	defaultPPPPage          = 20
)

// complexity makes a connection cost its page size times its selection, so that the limit
// bounds the work of nested pages; other fields keep gqlgen's cost of 1 plus their selection.
func complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	c.Query.Projects = func(child int, first *int, _ *string, _ *model.ProjectFilter) int {
		return 1 + pageCost(first, defaultProjectsPage)*child
	}
	c.Query.ProjectHistory = func(child int, _ string, first *int, _ *string) int {
		return 1 + pageCost(first, defaultHistoryPage)*child
	}
	c.Project.History = func(child int, first *int, _ *string) int {
		return 1 + pageCost(first, defaultHistoryPage)*child
	}
	c.Project.SimilarProjects = func(child int, first *int, _ *float64) int {
		return 1 + pageCost(first, defaultSimilarPage)*child
	}
	fundingComplexity(&c)
	pppComplexity(&c)
	opendataComplexity(&c)
	summaryComplexity(&c)
	return c
}

// pageCost is the number of items a page may hold; an out-of-range `first` is refused by the
// resolver, so it counts as the largest page here.
func pageCost(first *int, def int) int {
	n, err := readmodel.PageSize(first, def)
	if err != nil {
		return readmodel.MaxPageSize
	}
	return max(n, 1)
}

// fundingComplexity prices the connections of funds, applications and the work queue.
func fundingComplexity(c *generated.ComplexityRoot) {
	c.Query.Funds = func(child int, first *int, _ *string, _ *model.FundFilter) int {
		return 1 + pageCost(first, defaultFundsPage)*child
	}
	c.Query.Applications = func(child int, first *int, _ *string, _ *model.ApplicationFilter) int {
		return 1 + pageCost(first, defaultApplicationsPage)*child
	}
	c.Query.WorkQueue = func(child int, first *int, _ *string) int {
		return 1 + pageCost(first, defaultWorkPage)*child
	}
	c.Fund.Applications = func(child int, first *int, _ *string, _ []domain.ApplicationStatus) int {
		return 1 + pageCost(first, defaultApplicationsPage)*child
	}
	c.Fund.History = func(child int, first *int, _ *string) int {
		return 1 + pageCost(first, defaultHistoryPage)*child
	}
	c.FundingApplication.History = func(child int, first *int, _ *string) int {
		return 1 + pageCost(first, defaultHistoryPage)*child
	}
	c.FundingApplication.SimilarProjects = func(child int, first *int, _ *float64) int {
		return 1 + pageCost(first, defaultSimilarPage)*child
	}
}

// pppComplexity prices the connections of PPP arrangements.
func pppComplexity(c *generated.ComplexityRoot) {
	c.Query.PppArrangements = func(child int, first *int, _ *string, _ *model.PPPArrangementFilter) int {
		return 1 + pageCost(first, defaultPPPPage)*child
	}
	c.PPPArrangement.History = func(child int, first *int, _ *string) int {
		return 1 + pageCost(first, defaultHistoryPage)*child
	}
}
