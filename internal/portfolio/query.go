// Package portfolio answers leadership's questions about the whole portfolio in one query: counts,
// money, progress, earned value, red/amber/green ratings, overdue milestones, waiting funding
// applications, indicator attainment and PPP headroom, grouped and filtered, now or as of any past
// date. Every figure is computed by PostgreSQL from the summary history tables that the
// projections.Summary read model maintains; money stays integer fen, ratios are exact decimal text.
package portfolio

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
)

// Dimension is what the summary groups by (and filters on).
type Dimension string

// The dimensions of the summary.
const (
	ByProvince    Dimension = "PROVINCE"     // the project's province
	ByCity        Dimension = "CITY"         // its city; empty for a province-level project
	ByCounty      Dimension = "COUNTY"       // its county or district; empty above county level
	ByDomain      Dimension = "DOMAIN"       // its domain (ProjectDomain)
	ByStatus      Dimension = "STATUS"       // its lifecycle status (ProjectStatus)
	ByYear        Dimension = "YEAR"         // the year of its planned start
	ByOwnerOrg    Dimension = "OWNER_ORG"    // its owner organisation
	ByFund        Dimension = "FUND"         // a fund it applied to: a project is in the group of each fund it has an application with
	BySupportMode Dimension = "SUPPORT_MODE" // the support mode of an application of the project, likewise
)

// Dimensions lists every dimension.
func Dimensions() []Dimension {
	return []Dimension{ByProvince, ByCity, ByCounty, ByDomain, ByStatus, ByYear, ByOwnerOrg, ByFund, BySupportMode}
}

// application reports whether the dimension is an attribute of funding applications rather than
// of projects.
func (d Dimension) application() bool { return d == ByFund || d == BySupportMode }

// Limits of a query.
const (
	// MaxGroupBy is the most dimensions one summary groups by.
	MaxGroupBy = 3
	// DefaultGroups is how many groups a summary returns when Query.Limit is 0.
	DefaultGroups = 100
	// MaxGroups is the largest Query.Limit.
	MaxGroups = 1000
	// MaxOverdueListed is how many overdue milestones each group lists (the most overdue first).
	MaxOverdueListed = 5
)

// Filter narrows the portfolio; empty fields do not filter. Every field is checked: an unknown
// value is an error, not an empty answer.
type Filter struct {
	// Region keeps the projects of this region and the regions below it (a GB/T 2260 code of the catalogue).
	Region string
	// Domain keeps the projects of one domain (a ProjectDomain name).
	Domain string
	// Status keeps the projects in one lifecycle status (a ProjectStatus name).
	Status string
	// Year keeps the projects planned to start in that year (0: any).
	Year int
	// OwnerOrg keeps the projects of one owner organisation.
	OwnerOrg string
	// FundID keeps the projects with an application to that fund, and counts only those applications' money.
	FundID string
	// SupportMode keeps the projects with an application in that support mode, and counts only those applications' money.
	SupportMode string
}

// Query is one summary question.
type Query struct {
	// GroupBy lists up to MaxGroupBy dimensions; none gives the totals alone.
	GroupBy []Dimension
	// Filter narrows the portfolio.
	Filter Filter
	// AsOf answers with what had been recorded by the end of that day (China Standard Time), from the
	// history; nil answers with the current read model and today's date. It may not be after today
	// nor before the day of the first recorded event.
	AsOf *domain.Date
	// Limit is the most groups returned (DefaultGroups when 0, at most MaxGroups), in key order.
	Limit int
}

// Reader answers summary queries from the summary read model.
type Reader struct {
	pool    *pgxpool.Pool
	now     func() time.Time
	answers *answers // nil: every answer computed afresh
	// projectByProject: no answer from the regions' pre-aggregates (tests compare the two).
	projectByProject bool
}

// New returns a reader over the database of pool. It keeps the latest answer to each question
// (MaxCachedAnswers of them) with the position it was computed at, and answers the same question
// from it while the position has not moved; askers of a question being computed wait for it.
func New(pool *pgxpool.Pool) *Reader {
	return &Reader{pool: pool, now: time.Now, answers: newAnswers()}
}

// Uncached returns a reader that computes every answer (benchmarks of the computation).
func (r *Reader) Uncached() *Reader {
	c := *r
	c.answers = nil
	return &c
}

// WithClock sets the clock that decides "now" and "today" (tests).
func (r *Reader) WithClock(now func() time.Time) *Reader {
	c := *r
	c.now = now
	return &c
}

// invalid is the error of a bad query, wrapping domain.ErrInvalid (BAD_USER_INPUT at the API).
func invalid(field, format string, args ...any) error {
	return &domain.ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// check validates the query's shape and values that need no database.
func (q *Query) check() error {
	if len(q.GroupBy) > MaxGroupBy {
		return invalid("groupBy", "at most %d dimensions, got %d", MaxGroupBy, len(q.GroupBy))
	}
	for i, d := range q.GroupBy {
		if !slices.Contains(Dimensions(), d) {
			return invalid("groupBy", "%q is not a dimension (one of %v)", d, Dimensions())
		}
		if slices.Contains(q.GroupBy[:i], d) {
			return invalid("groupBy", "%s is named twice", d)
		}
	}
	if q.Limit < 0 || q.Limit > MaxGroups {
		return invalid("limit", "must be between 1 and %d, got %d", MaxGroups, q.Limit)
	}
	f := q.Filter
	if f.Region != "" {
		if _, err := domain.ParseRegion(f.Region); err != nil {
			return err
		}
	}
	if f.Domain != "" {
		if _, err := domain.ParseProjectDomain(f.Domain); err != nil {
			return err
		}
	}
	if f.Status != "" {
		if _, err := domain.ParseProjectStatus(f.Status); err != nil {
			return err
		}
	}
	if f.Year != 0 && (f.Year < 1990 || f.Year > 2100) {
		return invalid("year", "%d is not a year between 1990 and 2100", f.Year)
	}
	if f.FundID != "" {
		if _, err := domain.ParseFundID(f.FundID); err != nil {
			return err
		}
	}
	if f.SupportMode != "" {
		if _, err := domain.ParseSupportMode(f.SupportMode); err != nil {
			return err
		}
	}
	return nil
}

// checkKnown refuses filter values that name nothing the portfolio has ever held.
func (r *Reader) checkKnown(ctx context.Context, f Filter) error {
	if f.OwnerOrg != "" {
		var ok bool
		if err := r.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM project_view WHERE owner_org = $1)`, f.OwnerOrg).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return invalid("ownerOrg", "%q owns no project", f.OwnerOrg)
		}
	}
	if f.FundID != "" {
		var ok bool
		if err := r.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM fund_view WHERE id = $1::uuid)`, f.FundID).Scan(&ok); err != nil {
			return err
		}
		if !ok {
			return invalid("fundId", "%s is not a fund", f.FundID)
		}
	}
	return nil
}
