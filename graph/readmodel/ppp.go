package readmodel

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// PPPArrangement is one row of ppp_arrangement_view: a PPP arrangement's stage and terms. Its
// parts (gates, assessments, procurement, payments) are read from the arrangement's events.
type PPPArrangement struct {
	ID                  domain.PPPArrangementID
	ProjectID           domain.ProjectID
	ProjectCode         string
	OwnerOrganization   string
	RegionCode          domain.RegionCode
	FinanceOrganization *string
	Stage               domain.PPPStage
	StageEnteredAt      time.Time // ppp_arrangement_view.stage_since: when the stage's event was recorded
	OperationMode       domain.PPPOperationMode
	ReturnMechanism     domain.PPPReturnMechanism
	TermYears           int
	StartYear           int
	TotalInvestment     domain.Money
	GovernmentEquityBP  int
	TotalObligations    domain.Money
	ScheduledTotal      domain.Money
	PaidTotal           domain.Money
	Version             int
	IdentifiedAt        time.Time
	UpdatedAt           time.Time
}

// Region is the arrangement's region from the catalogue.
func (x *PPPArrangement) Region() domain.Region { return RegionOf(x.RegionCode) }

// EndYear is the last year of the term.
func (x *PPPArrangement) EndYear() int { return x.StartYear + x.TermYears - 1 }

// PPPQuery selects arrangements; zero fields do not restrict, except Scope, whose zero value
// shows nothing. Scope's owner condition applies to the owner organisation of the arrangement.
type PPPQuery struct {
	Scope         Scope
	Stages        []domain.PPPStage
	RegionPattern string // a LIKE pattern on region_code, from RegionPattern
	Mode          domain.PPPOperationMode
	Mechanism     domain.PPPReturnMechanism
	Project       domain.ProjectID
	Owner         string
}

// PPPArrangementEdge is an arrangement and its cursor.
type PPPArrangementEdge struct {
	Cursor string
	Node   *PPPArrangement
}

// PPPArrangementConnection is a page of arrangements; the query is kept to count all matches on demand.
type PPPArrangementConnection struct {
	Edges    []*PPPArrangementEdge
	PageInfo *PageInfo
	Query    PPPQuery
}

// The view is aliased a, as application_view is, so that Scope's condition reads the same.
const pppSelect = `SELECT a.id::text, a.project_id::text, a.project_code, a.owner_org, a.region_code, a.finance_org,
	a.stage, a.stage_since, a.operation_mode, a.return_mechanism, a.term_years, a.start_year, a.total_investment,
	a.government_equity_bp, a.total_obligations, a.scheduled_total, a.paid_total, a.version, a.identified_at, a.updated_at
	FROM ppp_arrangement_view a`

func (q PPPQuery) where(args *[]any) string {
	arg := argAppender(args)
	conds := []string{q.Scope.where(arg)}
	if len(q.Stages) > 0 {
		conds = append(conds, "a.stage = ANY("+arg(enumStrings(q.Stages))+"::text[])")
	}
	if q.RegionPattern != "" {
		conds = append(conds, "a.region_code LIKE "+arg(q.RegionPattern))
	}
	if q.Mode != "" {
		conds = append(conds, "a.operation_mode = "+arg(string(q.Mode)))
	}
	if q.Mechanism != "" {
		conds = append(conds, "a.return_mechanism = "+arg(string(q.Mechanism)))
	}
	if q.Project != "" {
		conds = append(conds, "a.project_id = "+arg(string(q.Project))+"::uuid")
	}
	if q.Owner != "" {
		conds = append(conds, "a.owner_org = "+arg(q.Owner))
	}
	return strings.Join(conds, " AND ")
}

// PPPArrangement reads one arrangement the scope shows; nil when there is none or it is hidden.
func (s *Store) PPPArrangement(ctx context.Context, id domain.PPPArrangementID, scope Scope) (*PPPArrangement, error) {
	args := []any{string(id)}
	rows, err := s.pool.Query(ctx, pppSelect+` WHERE a.id = $1::uuid AND `+scope.where(argAppender(&args)), args...)
	if err != nil {
		return nil, fmt.Errorf("read PPP arrangement %s: %w", id, err)
	}
	xs, err := pgx.CollectRows(rows, scanPPPArrangement)
	if err != nil || len(xs) == 0 {
		return nil, err
	}
	return xs[0], nil
}

// PPPArrangementsByID reads several arrangements in one query, in the order of ids (nil where
// there is none), whoever may see them: callers scope them.
func (s *Store) PPPArrangementsByID(ctx context.Context, ids []domain.PPPArrangementID) ([]*PPPArrangement, error) {
	return byIDs(ctx, s, "PPP arrangements", pppSelect, "a.id", ids, scanPPPArrangement,
		func(x *PPPArrangement) domain.PPPArrangementID { return x.ID })
}

// PPPArrangementsOf reads the arrangements of several projects in one query, each project's in
// id order, whoever may see them: callers scope them.
func (s *Store) PPPArrangementsOf(ctx context.Context, projects []domain.ProjectID) ([][]*PPPArrangement, error) {
	rows, err := s.pool.Query(ctx, pppSelect+` WHERE a.project_id = ANY($1::uuid[]) ORDER BY a.id`, enumStrings(projects))
	if err != nil {
		return nil, fmt.Errorf("read PPP arrangements of projects: %w", err)
	}
	xs, err := pgx.CollectRows(rows, scanPPPArrangement)
	if err != nil {
		return nil, fmt.Errorf("read PPP arrangements of projects: %w", err)
	}
	byProject := make(map[domain.ProjectID][]*PPPArrangement, len(projects))
	for _, x := range xs {
		byProject[x.ProjectID] = append(byProject[x.ProjectID], x)
	}
	out := make([][]*PPPArrangement, len(projects))
	for i, p := range projects {
		out[i] = append([]*PPPArrangement{}, byProject[p]...)
	}
	return out, nil
}

// PPPArrangements reads a page of arrangements in id order (UUIDv7: identification order) after the cursor.
func (s *Store) PPPArrangements(ctx context.Context, q PPPQuery, first int, after *string) (*PPPArrangementConnection, error) {
	var args []any
	xs, cursors, pi, err := idPage(ctx, s, "pppArrangement", pppSelect, "a.id", q.where(&args), args, first, after,
		scanPPPArrangement, func(x *PPPArrangement) string { return string(x.ID) })
	if err != nil {
		return nil, err
	}
	conn := &PPPArrangementConnection{Edges: make([]*PPPArrangementEdge, len(xs)), PageInfo: pi, Query: q}
	for i, x := range xs {
		conn.Edges[i] = &PPPArrangementEdge{Cursor: cursors[i], Node: x}
	}
	return conn, nil
}

// CountPPPArrangements counts the arrangements q selects.
func (s *Store) CountPPPArrangements(ctx context.Context, q PPPQuery) (int, error) {
	var args []any
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM ppp_arrangement_view a WHERE "+q.where(&args), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count PPP arrangements: %w", err)
	}
	return n, nil
}

// PPPArrangementHistory reads a page of an arrangement's events; one without events is NotFound.
func (s *Store) PPPArrangementHistory(ctx context.Context, id domain.PPPArrangementID, first int, after *string) (*EventConnection, error) {
	return s.StreamHistory(ctx, domain.PPPArrangementStreamID(id), "PPP arrangement", string(id), first, after)
}

func scanPPPArrangement(row pgx.CollectableRow) (*PPPArrangement, error) {
	var x PPPArrangement
	var id, project, region, stage, mode, mechanism string
	var investment, obligations, scheduled, paid int64
	if err := row.Scan(&id, &project, &x.ProjectCode, &x.OwnerOrganization, &region, &x.FinanceOrganization,
		&stage, &x.StageEnteredAt, &mode, &mechanism, &x.TermYears, &x.StartYear, &investment,
		&x.GovernmentEquityBP, &obligations, &scheduled, &paid, &x.Version, &x.IdentifiedAt, &x.UpdatedAt); err != nil {
		return nil, err
	}
	x.ID, x.ProjectID, x.RegionCode = domain.PPPArrangementID(id), domain.ProjectID(project), domain.RegionCode(region)
	x.Stage, x.OperationMode, x.ReturnMechanism = domain.PPPStage(stage), domain.PPPOperationMode(mode), domain.PPPReturnMechanism(mechanism)
	x.TotalInvestment, x.TotalObligations = domain.Money(investment), domain.Money(obligations)
	x.ScheduledTotal, x.PaidTotal = domain.Money(scheduled), domain.Money(paid)
	x.StageEnteredAt, x.IdentifiedAt, x.UpdatedAt = x.StageEnteredAt.UTC(), x.IdentifiedAt.UTC(), x.UpdatedAt.UTC()
	return &x, nil
}
