package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/generated"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/internal/portfolio"
)

// The portfolio summary (portfolioSummary) is internal/portfolio's Reader.Summary: the schema's
// arguments become a portfolio.Query, and its Result is bound to the schema's types as is.
//
// Who may read it: every authenticated role. Projects are open to every authenticated user, and
// the summary holds only totals over projects (it names no funding application), so an owner
// sees the whole portfolio's figures as leadership does.

// Complexity of the summary: one SQL statement over the summary tables, whatever the selection,
// far more work than a field of a read model; an asOf summary reads the history and costs about
// ten times a current one. A request may hold a couple of asOf summaries or many current ones.
const (
	summaryCost     = 200
	summaryAsOfCost = 2000
)

// summaryComplexity prices the summary: its own cost plus its selection (the groups, at most
// `first` of them, are built by the one statement, so they are not multiplied by `first`).
func summaryComplexity(c *generated.ComplexityRoot) {
	c.Query.PortfolioSummary = func(child int, _ []portfolio.Dimension, _ *model.SummaryFilter, asOf *domain.Date, _ *int) int {
		if asOf != nil {
			return summaryAsOfCost + child
		}
		return summaryCost + child
	}
}

// summaryFields names the schema's argument or input field of each of the package's error fields
// that the schema spells differently.
var summaryFields = map[string]string{"limit": "first", "ownerOrg": "ownerOrganization"}

// portfolioSummary answers the summary query.
func (r *rootResolver) portfolioSummary(ctx context.Context, groupBy []portfolio.Dimension, filter *model.SummaryFilter, asOf *domain.Date, first *int) (*portfolio.Result, error) {
	if r.summary == nil {
		return nil, errors.New("the portfolio summary is not configured")
	}
	f, err := summaryFilter(filter)
	if err != nil {
		return nil, err
	}
	q := portfolio.Query{GroupBy: groupBy, Filter: f, AsOf: asOf, Limit: portfolio.DefaultGroups}
	if first != nil {
		if *first < 1 || *first > portfolio.MaxGroups {
			return nil, &domain.ValidationError{Field: "first", Reason: fmt.Sprintf("must be between 1 and %d, got %d", portfolio.MaxGroups, *first)}
		}
		q.Limit = *first
	}
	res, err := r.summary.Summary(ctx, q)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		if f, ok := summaryFields[ve.Field]; ok {
			return nil, &domain.ValidationError{Field: f, Reason: ve.Reason}
		}
	}
	return res, err
}

// summaryFilter reads the schema's filter into the package's, which checks every value.
func summaryFilter(in *model.SummaryFilter) (portfolio.Filter, error) {
	var f portfolio.Filter
	if in == nil {
		return f, nil
	}
	text := func(s *string) string {
		if s == nil {
			return ""
		}
		return strings.TrimSpace(*s)
	}
	f.Region, f.OwnerOrg, f.FundID = text(in.Region), text(in.OwnerOrganization), text(in.FundID)
	if in.Domain != nil {
		f.Domain = string(*in.Domain)
	}
	if in.Status != nil {
		f.Status = string(*in.Status)
	}
	if in.Year != nil {
		if *in.Year == 0 { // the package reads 0 as "any", which is the omitted field here
			return f, &domain.ValidationError{Field: "year", Reason: "0 is not a year between 1990 and 2100"}
		}
		f.Year = *in.Year
	}
	if in.SupportMode != nil {
		f.SupportMode = string(*in.SupportMode)
	}
	return f, nil
}
