package projections

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Projects is the read model of projects as the portfolio lists and filters them: one row per
// project in project_view with its status, budget, spending and latest reported progress.
type Projects struct{}

// Name implements Projector.
func (Projects) Name() string { return "projects.v1" }

// Tables implements Projector.
func (Projects) Tables() []string { return []string{"project_view"} }

// Handles implements Projector.
func (Projects) Handles(streamType, _ string) bool { return streamType == domain.ProjectStreamType }

// Apply implements Projector: one event is a batch of one.
func (p Projects) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	return applyBatcher(ctx, tx, p, []Applied{{Rec: rec, Event: ev}})
}

// projectViewColumns are project_view's columns, in the order of projectViewRow.values.
var projectViewColumns = []string{"id", "code", "name", "domain", "region_code", "owner_org", "description", "status",
	"status_before_suspension", "planned_investment", "fund_fiscal", "fund_construction", "fund_ppp", "fund_self_raised",
	"fund_bank_loan", "planned_start", "planned_end", "approval_document", "approved_on", "approved_budget",
	"initial_approved_budget", "construction_started", "accepted_on", "operation_started", "evaluation_score",
	"status_reason", "spent", "reported_percent", "reported_on", "review_count", "pending_revision_id", "proposed_at",
	"updated_at", "version"}

// projectViewRow is a row of project_view.
type projectViewRow struct {
	id, code, name, domain, regionCode, ownerOrg, description, status string
	statusBeforeSuspension                                            *string
	plannedInvestment, fundFiscal, fundConstruction, fundPPP          int64
	fundSelfRaised, fundBankLoan                                      int64
	plannedStart, plannedEnd                                          time.Time
	approvalDocument                                                  *string
	approvedOn                                                        *time.Time
	approvedBudget, initialApprovedBudget                             *int64
	constructionStarted, acceptedOn, operationStarted                 *time.Time
	evaluationScore                                                   *int32
	statusReason                                                      *string
	spent                                                             int64
	reportedPercent                                                   *int32
	reportedOn                                                        *time.Time
	reviewCount                                                       int32
	pendingRevisionID                                                 *string
	proposedAt, updatedAt                                             time.Time
	version                                                           int32
}

func (r *projectViewRow) fields() []any {
	return []any{&r.id, &r.code, &r.name, &r.domain, &r.regionCode, &r.ownerOrg, &r.description, &r.status,
		&r.statusBeforeSuspension, &r.plannedInvestment, &r.fundFiscal, &r.fundConstruction, &r.fundPPP, &r.fundSelfRaised,
		&r.fundBankLoan, &r.plannedStart, &r.plannedEnd, &r.approvalDocument, &r.approvedOn, &r.approvedBudget,
		&r.initialApprovedBudget, &r.constructionStarted, &r.acceptedOn, &r.operationStarted, &r.evaluationScore,
		&r.statusReason, &r.spent, &r.reportedPercent, &r.reportedOn, &r.reviewCount, &r.pendingRevisionID, &r.proposedAt,
		&r.updatedAt, &r.version}
}

var projectViewTable = rowTable{table: "project_view", what: "project", key: "id", cols: projectViewColumns,
	texts: map[string]string{"id": "uuid", "pending_revision_id": "uuid"}}

// PrepareBatch implements Batcher: the rows of the batch's projects are read once, the events
// applied to them in memory and each row written once.
func (Projects) PrepareBatch(evs []Applied, reads *pgx.Batch) func(context.Context, pgx.Tx) error {
	rows := newRows[projectViewRow](projectViewTable, (*projectViewRow).fields)
	ids := make([]string, 0, len(evs))
	for _, a := range evs {
		ids = append(ids, projectID(a.Rec))
	}
	rows.queueLoad(reads, ids)
	return func(ctx context.Context, tx pgx.Tx) error {
		for _, a := range evs {
			if err := applyProjectView(rows, a.Rec, a.Event); err != nil {
				return fmt.Errorf("apply %s %s v%d: %w", a.Rec.Type, a.Rec.StreamID, a.Rec.Version, err)
			}
		}
		return rows.write(ctx, tx)
	}
}

func applyProjectView(rows *rowSet[projectViewRow], rec eventstore.Recorded, ev domain.Event) error {
	id := projectID(rec)
	if e, ok := ev.(*domain.ProjectProposed); ok {
		f := e.Funding
		return rows.create(id, projectViewRow{id: id, code: string(e.Code), name: e.Name, domain: string(e.Domain),
			regionCode: string(e.Region), ownerOrg: e.OwnerOrg, description: e.Description, status: string(domain.StatusProposed),
			plannedInvestment: int64(e.PlannedInvestment), fundFiscal: int64(f.FiscalSpecialFund),
			fundConstruction: int64(f.ConstructionFund), fundPPP: int64(f.PPPSocialCapital), fundSelfRaised: int64(f.SelfRaised),
			fundBankLoan: int64(f.BankLoan), plannedStart: e.PlannedStart.Time(), plannedEnd: e.PlannedEnd.Time(),
			proposedAt: rec.RecordedAt, updatedAt: rec.RecordedAt, version: int32(rec.Version)})
	}
	r, err := rows.change(id)
	if err != nil {
		return err
	}
	r.updatedAt, r.version = rec.RecordedAt, int32(rec.Version)
	status := func(s domain.ProjectStatus, reason *string) { r.status, r.statusReason = string(s), reason }
	switch e := ev.(type) {
	case *domain.ProjectRevised:
		f := e.Funding
		r.name, r.domain, r.regionCode, r.description = e.Name, string(e.Domain), string(e.Region), e.Description
		r.plannedInvestment, r.fundFiscal, r.fundConstruction = int64(e.PlannedInvestment), int64(f.FiscalSpecialFund), int64(f.ConstructionFund)
		r.fundPPP, r.fundSelfRaised, r.fundBankLoan = int64(f.PPPSocialCapital), int64(f.SelfRaised), int64(f.BankLoan)
		r.plannedStart, r.plannedEnd = e.PlannedStart.Time(), e.PlannedEnd.Time()
	case *domain.ProjectSubmittedForReview:
		status(domain.StatusUnderReview, nil)
	case *domain.ExpertReviewRecorded:
		r.reviewCount++
	case *domain.ProjectApproved:
		status(domain.StatusApproved, nil)
		budget := int64(e.ApprovedBudget)
		r.approvalDocument, r.approvedBudget, r.initialApprovedBudget, r.approvedOn = &e.DocumentNo, &budget, &budget, ptr(e.ApprovedOn.Time())
	case *domain.ProjectRejected:
		status(domain.StatusRejected, &e.Reason)
	case *domain.ProjectReturnedForRevision:
		status(domain.StatusReturned, &e.Reason)
	case *domain.ConstructionStarted:
		r.status, r.constructionStarted = string(domain.StatusInConstruction), ptr(e.StartedOn.Time())
	case *domain.AcceptanceRequested:
		status(domain.StatusAcceptanceRequested, nil)
	case *domain.ProjectAccepted:
		status(domain.StatusAccepted, nil)
		r.acceptedOn = ptr(e.AcceptedOn.Time())
	case *domain.AcceptanceRejected:
		status(domain.StatusInConstruction, &e.Reason)
	case *domain.OperationStarted:
		r.status, r.operationStarted = string(domain.StatusInOperation), ptr(e.StartedOn.Time())
	case *domain.ProjectEvaluated:
		r.status, r.evaluationScore = string(domain.StatusEvaluated), ptr(int32(e.Score))
	case *domain.ProjectSuspended:
		status(domain.StatusSuspended, &e.Reason)
		r.statusBeforeSuspension = ptr(string(e.PreviousStatus))
	case *domain.ProjectResumed:
		status(e.ResumedStatus, nil)
		r.statusBeforeSuspension = nil
	case *domain.ProjectCancelled:
		status(domain.StatusCancelled, &e.Reason)
	case *domain.ProgressReported:
		r.reportedPercent, r.reportedOn = ptr(int32(e.Percent)), ptr(e.AsOf.Time())
	case *domain.ExpenditureRecorded:
		r.spent += int64(e.Amount)
	case *domain.BudgetRevisionProposed:
		r.pendingRevisionID = ptr(string(e.RevisionID))
	case *domain.BudgetRevisionApproved:
		r.approvedBudget, r.pendingRevisionID = ptr(int64(e.NewBudget)), nil
	case *domain.BudgetRevisionRejected:
		r.pendingRevisionID = nil
	}
	// Milestone and indicator facts belong to their own read models; the version still moves.
	return nil
}

func ptr[T any](v T) *T { return &v }

// projectID is the project a project-stream event belongs to, from its stream id.
func projectID(rec eventstore.Recorded) string {
	return strings.TrimPrefix(rec.StreamID, domain.ProjectStreamID(""))
}
