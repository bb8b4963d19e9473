package readmodel

import (
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/domain"
)

// projectSelect reads project_view rows; $1 is "today" for the planned percent. The two
// percents are computed from milestone_view in the same statement, so a page of projects costs
// one query. approved_budget is the budget after revisions; initial_approved_budget the one the
// approval granted.
const projectSelect = `SELECT p.id::text, p.code, p.name, p.domain, p.region_code, p.owner_org, p.description,
	p.status, p.status_reason, p.status_before_suspension,
	p.planned_investment, p.fund_fiscal, p.fund_construction, p.fund_ppp, p.fund_self_raised, p.fund_bank_loan,
	p.planned_start, p.planned_end, p.approval_document, p.approved_on, p.approved_budget,
	p.initial_approved_budget,
	p.construction_started, p.accepted_on, p.operation_started, p.evaluation_score,
	p.spent, p.reported_percent, p.reported_on, p.review_count,
	COALESCE((SELECT sum(m.weight) FROM milestone_view m WHERE m.project_id = p.id AND m.planned_date <= $1::date), 0)::int,
	COALESCE((SELECT sum(m.weight) FROM milestone_view m WHERE m.project_id = p.id AND m.achieved_date IS NOT NULL), 0)::int,
	p.version, p.proposed_at, p.updated_at
FROM project_view p`

func scanProject(row pgx.CollectableRow) (*Project, error) {
	var p Project
	var id, dom, region, status string
	var suspendedFrom *string
	var plannedStart, plannedEnd time.Time
	var approvedOn, constructionStarted, acceptedOn, operationStarted, reportedOn pgtype.Date
	var planned, fiscal, construction, ppp, selfRaised, bank, spent int64
	var approvedBudget, initialBudget *int64
	err := row.Scan(&id, &p.Code, &p.Name, &dom, &region, &p.OwnerOrganization, &p.Description,
		&status, &p.StatusReason, &suspendedFrom,
		&planned, &fiscal, &construction, &ppp, &selfRaised, &bank,
		&plannedStart, &plannedEnd, &p.ApprovalDocument, &approvedOn, &approvedBudget,
		&initialBudget,
		&constructionStarted, &acceptedOn, &operationStarted, &p.EvaluationScore,
		&spent, &p.ReportedPercent, &reportedOn, &p.ReviewCount,
		&p.PlannedPercent, &p.AchievedPercent,
		&p.Version, &p.ProposedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	p.ID, p.Domain, p.RegionCode, p.Status = domain.ProjectID(id), domain.ProjectDomain(dom), domain.RegionCode(region), domain.ProjectStatus(status)
	if suspendedFrom != nil {
		s := domain.ProjectStatus(*suspendedFrom)
		p.SuspendedFrom = &s
	}
	p.PlannedInvestment = domain.Money(planned)
	p.FundingPlan = domain.FundingPlan{
		FiscalSpecialFund: domain.Money(fiscal), ConstructionFund: domain.Money(construction),
		PPPSocialCapital: domain.Money(ppp), SelfRaised: domain.Money(selfRaised), BankLoan: domain.Money(bank),
	}
	p.PlannedStart, p.PlannedEnd = domain.DateOf(plannedStart), domain.DateOf(plannedEnd)
	p.ApprovedOn, p.ConstructionStartedOn = optDate(approvedOn), optDate(constructionStarted)
	p.AcceptedOn, p.OperationStartedOn, p.ReportedOn = optDate(acceptedOn), optDate(operationStarted), optDate(reportedOn)
	if approvedBudget != nil {
		m := domain.Money(*approvedBudget)
		p.ApprovedBudget = &m
	}
	if initialBudget != nil {
		m := domain.Money(*initialBudget)
		p.InitialBudget = &m
	}
	p.Spent = domain.Money(spent)
	p.ProposedAt, p.UpdatedAt = p.ProposedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

// optDate is a nullable DATE column as a *domain.Date.
func optDate(d pgtype.Date) *domain.Date {
	if !d.Valid {
		return nil
	}
	v := domain.DateOf(d.Time)
	return &v
}
