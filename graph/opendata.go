package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/generated"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/internal/oc4ids"
)

// The OC4IDS exports in GraphQL (Project.oc4ids, oc4idsPortfolio) are the downloads' documents,
// built by the same exporter (internal/oc4ids) with the same authorisation and errors. Unlike the
// downloads they are held in memory, so their size and cost are bounded here.

// DefaultExportMaxProjects is how many projects oc4idsPortfolio may hold; a filter selecting more
// is BAD_USER_INPUT, pointing to the download, which streams.
const DefaultExportMaxProjects = 500

// Complexity of the exports: each folds event streams (a project's, its applications' and its
// arrangements'), far more work than a field read from a read model. A portfolio export costs
// more than half of DefaultComplexityLimit, so a request holds at most one; a project's export
// costs as much as 50 plain fields, so a page of about 90 projects with their exports fits.
const (
	oc4idsProjectCost   = 50
	oc4idsPortfolioCost = 3000
)

// exportPortfolioPath is the download of a portfolio (internal/server serves it), named in the
// error that refuses a portfolio too large for GraphQL.
const exportPortfolioPath = "/export/oc4ids/portfolio"

// opendataComplexity prices the exports.
func opendataComplexity(c *generated.ComplexityRoot) {
	c.Project.Oc4ids = func(int, *domain.Date) int { return oc4idsProjectCost }
	c.Query.Oc4idsPortfolio = func(int, *model.OC4IDSPortfolioFilter, *domain.Date) int { return oc4idsPortfolioCost }
}

// exporter is the OC4IDS exporter, or an error when the handler was built without one.
func (r *rootResolver) exporter() (*oc4ids.Exporter, error) {
	if r.export == nil {
		return nil, errors.New("the OC4IDS export is not configured")
	}
	return r.export, nil
}

// oc4idsProject is the OC4IDS project of a project as the actor may export it.
func (r *rootResolver) oc4idsProject(ctx context.Context, id domain.ProjectID, asOf *domain.Date) (json.RawMessage, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	x, err := r.exporter()
	if err != nil {
		return nil, err
	}
	return x.ProjectJSON(ctx, a, id, asOf)
}

// oc4idsPortfolio is the OC4IDS project package of the projects the filter selects.
func (r *rootResolver) oc4idsPortfolio(ctx context.Context, filter *model.OC4IDSPortfolioFilter, asOf *domain.Date) (json.RawMessage, error) {
	a, err := actorFrom(ctx)
	if err != nil {
		return nil, err
	}
	x, err := r.exporter()
	if err != nil {
		return nil, err
	}
	f, err := exportFilter(filter)
	if err != nil {
		return nil, err
	}
	f.AsOf = asOf
	out, err := x.PortfolioJSONAtMost(ctx, a, f, r.exportMax)
	var ve *domain.ValidationError
	if errors.As(err, &ve) && ve.Field == "filter" {
		return nil, &domain.ValidationError{Field: "filter",
			Reason: fmt.Sprintf("%s; narrow the filter or download the portfolio from %s", ve.Reason, exportPortfolioPath)}
	}
	return out, err
}

// exportFilter reads the schema's filter into the exporter's; the package's uri stays the URN
// that names the filter.
func exportFilter(in *model.OC4IDSPortfolioFilter) (oc4ids.Filter, error) {
	var f oc4ids.Filter
	if in == nil {
		return f, nil
	}
	if in.Region != nil && *in.Region != "" {
		reg, err := domain.ParseRegion(*in.Region)
		if err != nil {
			return f, err
		}
		f.Region = reg.Code
	}
	f.Domains, f.Statuses = in.Domain, in.Status
	if in.OwnerOrganization != nil {
		f.Owner = strings.TrimSpace(*in.OwnerOrganization)
	}
	return f, nil
}
