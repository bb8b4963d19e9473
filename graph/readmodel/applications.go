package readmodel

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/domain"
)

// Application is one row of application_view: a funding application with its review and money.
type Application struct {
	ID                domain.ApplicationID
	FundID            domain.FundID
	ProjectID         domain.ProjectID
	OwnerOrganization string
	ManagingOrg       string
	SupportMode       domain.SupportMode
	RequestedAmount   domain.Money
	Justification     string
	Status            domain.ApplicationStatus
	Round             int
	ScreeningNote     *string  // set (possibly empty) once the current round's screening passed
	ScreeningReasons  []string // set once the current round's screening failed
	DecisionReason    *string  // of a return, rejection, withdrawal or cancellation
	ApprovedAmount    *domain.Money
	ApprovedOn        *domain.Date
	DocumentNo        *string
	DisbursedAmount   domain.Money
	RecoveredAmount   domain.Money
	CancelledAmount   domain.Money
	DraftedAt         time.Time
	WaitingSince      time.Time // application_view.status_since
	UpdatedAt         time.Time
	Version           int
}

// Screening is the office's screening of an application's current round.
type Screening struct {
	Passed  bool
	Note    *string
	Reasons []string
}

// Screening is nil before the current round is screened.
func (a *Application) Screening() *Screening {
	switch {
	case a.ScreeningReasons != nil:
		return &Screening{Passed: false, Reasons: a.ScreeningReasons}
	case a.ScreeningNote != nil:
		return &Screening{Passed: true, Note: nonEmpty(a.ScreeningNote), Reasons: []string{}}
	}
	return nil
}

// StatusReason is the failed screening's reasons, or the reason of the latest return, rejection,
// withdrawal or cancellation; nil when there is none.
func (a *Application) StatusReason() *string {
	if a.Status == domain.AppScreeningFailed && len(a.ScreeningReasons) > 0 {
		r := strings.Join(a.ScreeningReasons, "; ")
		return &r
	}
	return nonEmpty(a.DecisionReason)
}

// DocumentNumber is the funding decision document; nil when none was given.
func (a *Application) DocumentNumber() *string { return nonEmpty(a.DocumentNo) }

// Decided reports whether the finance bureau's decision (or the owner's withdrawal) has closed
// the review for good: from then on every reader may see every expert's score.
func (a *Application) Decided() bool {
	switch a.Status {
	case domain.AppApproved, domain.AppRejected, domain.AppClosed, domain.AppWithdrawn:
		return true
	}
	return false
}

// ApplicationQuery selects applications; zero fields do not restrict, except Scope, whose zero
// value shows nothing.
type ApplicationQuery struct {
	Scope       Scope
	Statuses    []domain.ApplicationStatus
	Fund        domain.FundID
	Project     domain.ProjectID
	Owner       string
	SupportMode domain.SupportMode
}

// ApplicationEdge is an application and its cursor.
type ApplicationEdge struct {
	Cursor string
	Node   *Application
}

// ApplicationConnection is a page of applications; the query is kept to count all matches on demand.
type ApplicationConnection struct {
	Edges    []*ApplicationEdge
	PageInfo *PageInfo
	Query    ApplicationQuery
}

const applicationSelect = `SELECT a.id::text, a.fund_id::text, a.project_id::text, a.owner_org, a.managing_org,
	a.support_mode, a.requested, a.justification, a.status, a.round, a.screening_note, a.screening_reasons,
	a.decision_reason, a.approved, a.approved_on, a.document_no, a.disbursed, a.recovered, a.cancelled,
	a.drafted_at, a.status_since, a.updated_at, a.version FROM application_view a`

func (q ApplicationQuery) where(args *[]any) string {
	arg := argAppender(args)
	conds := []string{q.Scope.where(arg)}
	if len(q.Statuses) > 0 {
		conds = append(conds, "a.status = ANY("+arg(enumStrings(q.Statuses))+"::text[])")
	}
	if q.Fund != "" {
		conds = append(conds, "a.fund_id = "+arg(string(q.Fund))+"::uuid")
	}
	if q.Project != "" {
		conds = append(conds, "a.project_id = "+arg(string(q.Project))+"::uuid")
	}
	if q.Owner != "" {
		conds = append(conds, "a.owner_org = "+arg(q.Owner))
	}
	if q.SupportMode != "" {
		conds = append(conds, "a.support_mode = "+arg(string(q.SupportMode)))
	}
	return strings.Join(conds, " AND ")
}

// Application reads one application the scope shows; nil when there is none or it is hidden.
func (s *Store) Application(ctx context.Context, id domain.ApplicationID, scope Scope) (*Application, error) {
	args := []any{string(id)}
	rows, err := s.pool.Query(ctx, applicationSelect+` WHERE a.id = $1::uuid AND `+scope.where(argAppender(&args)), args...)
	if err != nil {
		return nil, fmt.Errorf("read application %s: %w", id, err)
	}
	apps, err := pgx.CollectRows(rows, scanApplication)
	if err != nil || len(apps) == 0 {
		return nil, err
	}
	return apps[0], nil
}

// ApplicationsByID reads several applications in one query, in the order of ids (nil where
// there is none), whoever may see them: callers have scoped the ids already.
func (s *Store) ApplicationsByID(ctx context.Context, ids []domain.ApplicationID) ([]*Application, error) {
	return byIDs(ctx, s, "applications", applicationSelect, "a.id", ids, scanApplication,
		func(a *Application) domain.ApplicationID { return a.ID })
}

// Applications reads a page of applications in id order (UUIDv7: drafting order) after the cursor.
func (s *Store) Applications(ctx context.Context, q ApplicationQuery, first int, after *string) (*ApplicationConnection, error) {
	var args []any
	apps, cursors, pi, err := idPage(ctx, s, "application", applicationSelect, "a.id", q.where(&args), args, first, after,
		scanApplication, func(a *Application) string { return string(a.ID) })
	if err != nil {
		return nil, err
	}
	conn := &ApplicationConnection{Edges: make([]*ApplicationEdge, len(apps)), PageInfo: pi, Query: q}
	for i, a := range apps {
		conn.Edges[i] = &ApplicationEdge{Cursor: cursors[i], Node: a}
	}
	return conn, nil
}

// CountApplications counts the applications q selects.
func (s *Store) CountApplications(ctx context.Context, q ApplicationQuery) (int, error) {
	var args []any
	var n int
	if err := s.pool.QueryRow(ctx, "SELECT count(*) FROM application_view a WHERE "+q.where(&args), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count applications: %w", err)
	}
	return n, nil
}

func scanApplication(row pgx.CollectableRow) (*Application, error) {
	var a Application
	var id, fund, project, mode, status string
	var requested, disbursed, recovered, cancelled int64
	var approved *int64
	var approvedOn pgtype.Date
	if err := row.Scan(&id, &fund, &project, &a.OwnerOrganization, &a.ManagingOrg,
		&mode, &requested, &a.Justification, &status, &a.Round, &a.ScreeningNote, &a.ScreeningReasons,
		&a.DecisionReason, &approved, &approvedOn, &a.DocumentNo, &disbursed, &recovered, &cancelled,
		&a.DraftedAt, &a.WaitingSince, &a.UpdatedAt, &a.Version); err != nil {
		return nil, err
	}
	a.ID, a.FundID, a.ProjectID = domain.ApplicationID(id), domain.FundID(fund), domain.ProjectID(project)
	a.SupportMode, a.Status = domain.SupportMode(mode), domain.ApplicationStatus(status)
	a.RequestedAmount, a.DisbursedAmount = domain.Money(requested), domain.Money(disbursed)
	a.RecoveredAmount, a.CancelledAmount = domain.Money(recovered), domain.Money(cancelled)
	if approved != nil {
		m := domain.Money(*approved)
		a.ApprovedAmount = &m
	}
	a.ApprovedOn = optDate(approvedOn)
	a.DraftedAt, a.WaitingSince, a.UpdatedAt = a.DraftedAt.UTC(), a.WaitingSince.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

// nonEmpty is nil for a nil or empty string.
func nonEmpty(s *string) *string {
	if s == nil || *s == "" {
		return nil
	}
	return s
}
