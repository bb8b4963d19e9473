// Package readmodel reads what the GraphQL API shows from PostgreSQL: the projections' tables
// (project_view, milestone_view, indicator_view, indicator_measurement_view, fund_view,
// application_view and its expert and tranche tables) and, for histories, the event store's
// events table. It only reads; the projections write.
package readmodel

import (
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
)

// Store runs the read queries on a pool.
type Store struct {
	pool *pgxpool.Pool
}

// New returns a Store reading through pool.
func New(pool *pgxpool.Pool) *Store { return &Store{pool: pool} }

// Project is one row of project_view with the progress figures computed from milestone_view.
type Project struct {
	ID                    domain.ProjectID
	Code                  string
	Name                  string
	Domain                domain.ProjectDomain
	RegionCode            domain.RegionCode
	OwnerOrganization     string
	Description           string
	Status                domain.ProjectStatus
	StatusReason          *string
	SuspendedFrom         *domain.ProjectStatus
	PlannedInvestment     domain.Money
	FundingPlan           domain.FundingPlan
	PlannedStart          domain.Date
	PlannedEnd            domain.Date
	ApprovalDocument      *string
	ApprovedOn            *domain.Date
	ApprovedBudget        *domain.Money
	InitialBudget         *domain.Money // as the approval granted it, before revisions
	ConstructionStartedOn *domain.Date
	AcceptedOn            *domain.Date
	OperationStartedOn    *domain.Date
	EvaluationScore       *int
	Spent                 domain.Money
	ReportedPercent       *int
	ReportedOn            *domain.Date
	ReviewCount           int
	PlannedPercent        int // weights of milestones planned on or before the query's "today"
	AchievedPercent       int // weights of achieved milestones
	Version               int
	ProposedAt            time.Time
	UpdatedAt             time.Time
}

// Approval is the approval of a project's initiation.
type Approval struct {
	DocumentNumber string
	ApprovedOn     domain.Date
	ApprovedBudget domain.Money
}

// DomainLabel is the domain's Chinese name.
func (p *Project) DomainLabel() string { return p.Domain.Label() }

// Region is the project's region from the catalogue; a code the catalogue no longer knows is
// shown with the code as its name rather than failing the whole project.
func (p *Project) Region() domain.Region { return RegionOf(p.RegionCode) }

// RegionOf is a region of the catalogue, or for a code the catalogue no longer knows, the code
// standing in as its name.
func RegionOf(code domain.RegionCode) domain.Region {
	if r, ok := domain.LookupRegion(code); ok {
		return r
	}
	return domain.Region{Code: code, Name: string(code), NameEN: string(code), Level: domain.RegionCounty}
}

// Approval is nil before the project is approved.
func (p *Project) Approval() *Approval {
	if p.ApprovalDocument == nil || p.ApprovedOn == nil || p.ApprovedBudget == nil {
		return nil
	}
	a := &Approval{DocumentNumber: *p.ApprovalDocument, ApprovedOn: *p.ApprovedOn, ApprovedBudget: *p.ApprovedBudget}
	if p.InitialBudget != nil {
		a.ApprovedBudget = *p.InitialBudget
	}
	return a
}

// RemainingBudget is the approved budget not yet spent; nil before approval.
func (p *Project) RemainingBudget() *domain.Money {
	if p.ApprovedBudget == nil {
		return nil
	}
	r := *p.ApprovedBudget - p.Spent
	return &r
}

// ProjectEdge is a project and its cursor.
type ProjectEdge struct {
	Cursor string
	Node   *Project
}

// ProjectConnection is a page of projects; the query is kept to count all matches on demand.
type ProjectConnection struct {
	Edges    []*ProjectEdge
	PageInfo *PageInfo
	Query    ProjectQuery
}
