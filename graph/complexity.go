package graph

import (
	"github.com/smartcity/portfolio/graph/generated"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
)

// Page sizes when `first` is omitted; they match the schema's defaults.
const (
	defaultProjectsPage = 20
	defaultHistoryPage  = 50
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
