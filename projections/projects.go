package projections

import (
	"context"
	"strings"

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

// Apply implements Projector.
func (Projects) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	set := rowSetter(ctx, tx, rec, "project_view", "project", projectID(rec))
	switch e := ev.(type) {
	case *domain.ProjectProposed:
		f := e.Funding
		_, err := tx.Exec(ctx, `INSERT INTO project_view (id, code, name, domain, region_code, owner_org, description, status,
			planned_investment, fund_fiscal, fund_construction, fund_ppp, fund_self_raised, fund_bank_loan,
			planned_start, planned_end, proposed_at, updated_at, version)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$17,$18)`,
			e.ProjectID, e.Code, e.Name, e.Domain, e.Region, e.OwnerOrg, e.Description, domain.StatusProposed,
			e.PlannedInvestment, f.FiscalSpecialFund, f.ConstructionFund, f.PPPSocialCapital, f.SelfRaised, f.BankLoan,
			e.PlannedStart.Time(), e.PlannedEnd.Time(), rec.RecordedAt, rec.Version)
		return err
	case *domain.ProjectRevised:
		f := e.Funding
		return set(`name=$4, domain=$5, region_code=$6, description=$7, planned_investment=$8, fund_fiscal=$9,
			fund_construction=$10, fund_ppp=$11, fund_self_raised=$12, fund_bank_loan=$13, planned_start=$14, planned_end=$15`,
			e.Name, e.Domain, e.Region, e.Description, e.PlannedInvestment, f.FiscalSpecialFund, f.ConstructionFund,
			f.PPPSocialCapital, f.SelfRaised, f.BankLoan, e.PlannedStart.Time(), e.PlannedEnd.Time())
	case *domain.ProjectSubmittedForReview:
		return set(`status=$4, status_reason=NULL`, domain.StatusUnderReview)
	case *domain.ExpertReviewRecorded:
		return set(`review_count = review_count + 1`)
	case *domain.ProjectApproved:
		return set(`status=$4, approval_document=$5, approved_budget=$6, initial_approved_budget=$6, approved_on=$7, status_reason=NULL`,
			domain.StatusApproved, e.DocumentNo, e.ApprovedBudget, e.ApprovedOn.Time())
	case *domain.ProjectRejected:
		return set(`status=$4, status_reason=$5`, domain.StatusRejected, e.Reason)
	case *domain.ProjectReturnedForRevision:
		return set(`status=$4, status_reason=$5`, domain.StatusReturned, e.Reason)
	case *domain.ConstructionStarted:
		return set(`status=$4, construction_started=$5`, domain.StatusInConstruction, e.StartedOn.Time())
	case *domain.AcceptanceRequested:
		return set(`status=$4, status_reason=NULL`, domain.StatusAcceptanceRequested)
	case *domain.ProjectAccepted:
		return set(`status=$4, accepted_on=$5, status_reason=NULL`, domain.StatusAccepted, e.AcceptedOn.Time())
	case *domain.AcceptanceRejected:
		return set(`status=$4, status_reason=$5`, domain.StatusInConstruction, e.Reason)
	case *domain.OperationStarted:
		return set(`status=$4, operation_started=$5`, domain.StatusInOperation, e.StartedOn.Time())
	case *domain.ProjectEvaluated:
		return set(`status=$4, evaluation_score=$5`, domain.StatusEvaluated, e.Score)
	case *domain.ProjectSuspended:
		return set(`status=$4, status_before_suspension=$5, status_reason=$6`, domain.StatusSuspended, e.PreviousStatus, e.Reason)
	case *domain.ProjectResumed:
		return set(`status=$4, status_before_suspension=NULL, status_reason=NULL`, e.ResumedStatus)
	case *domain.ProjectCancelled:
		return set(`status=$4, status_reason=$5`, domain.StatusCancelled, e.Reason)
	case *domain.ProgressReported:
		return set(`reported_percent=$4, reported_on=$5`, e.Percent, e.AsOf.Time())
	case *domain.ExpenditureRecorded:
		return set(`spent = spent + $4`, e.Amount)
	case *domain.BudgetRevisionProposed:
		return set(`pending_revision_id=$4`, e.RevisionID)
	case *domain.BudgetRevisionApproved:
		return set(`approved_budget=$4, pending_revision_id=NULL`, e.NewBudget)
	case *domain.BudgetRevisionRejected:
		return set(`pending_revision_id=NULL`)
	default:
		// Milestone and indicator facts belong to their own read models; still move the version.
		return set(``)
	}
}

// projectID is the project a project-stream event belongs to, from its stream id.
func projectID(rec eventstore.Recorded) string {
	return strings.TrimPrefix(rec.StreamID, domain.ProjectStreamID(""))
}
