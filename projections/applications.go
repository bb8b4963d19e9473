package projections

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Applications is the read model of funding applications (application_view) with their assigned
// experts and scores (application_expert_view) and approved tranches (application_tranche_view).
type Applications struct{}

// Name implements Projector.
func (Applications) Name() string { return "applications.v1" }

// Tables implements Projector.
func (Applications) Tables() []string {
	return []string{"application_tranche_view", "application_expert_view", "application_view"}
}

// Handles implements Projector.
func (Applications) Handles(streamType, _ string) bool {
	return streamType == domain.ApplicationStreamType
}

// Apply implements Projector.
func (Applications) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	id := strings.TrimPrefix(rec.StreamID, domain.ApplicationStreamID(""))
	set := rowSetter(ctx, tx, rec, "application_view", "application", id)
	// status moves the application to a new status and restarts its waiting clock.
	status := func(s domain.ApplicationStatus, assignments string, args ...any) error {
		a := `status = $4, status_since = $1`
		if assignments != "" {
			a += ", " + assignments
		}
		return set(a, append([]any{s}, args...)...)
	}
	switch e := ev.(type) {
	case *domain.ApplicationDrafted:
		_, err := tx.Exec(ctx, `INSERT INTO application_view (id, fund_id, project_id, owner_org, managing_org, support_mode,
			requested, justification, status, drafted_at, status_since, updated_at, version)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10,$10,$11)`,
			e.ApplicationID, e.FundID, e.ProjectID, e.OwnerOrg, e.ManagingOrg, e.SupportMode, e.RequestedAmount,
			e.Justification, domain.AppDraft, rec.RecordedAt, rec.Version)
		return err
	case *domain.ApplicationRevised:
		return set(`support_mode = $4, requested = $5, justification = $6`, e.SupportMode, e.RequestedAmount, e.Justification)
	case *domain.ApplicationSubmitted:
		return status(domain.AppSubmitted, `round = $5, decision_reason = NULL, screening_note = NULL, screening_reasons = NULL`, e.Round)
	case *domain.ApplicationScreeningPassed:
		return status(domain.AppScreened, `screening_note = $5`, e.Note)
	case *domain.ApplicationScreeningFailed:
		return status(domain.AppScreeningFailed, `screening_reasons = $5`, e.Reasons)
	case *domain.ExpertsAssigned:
		for _, x := range e.Experts {
			if _, err := tx.Exec(ctx, `INSERT INTO application_expert_view (application_id, round, expert_user, expert_org, assigned_at)
				VALUES ($1,$2,$3,$4,$5)`, e.ApplicationID, e.Round, x.UserID, x.OrgID, rec.RecordedAt); err != nil {
				return err
			}
		}
		return status(domain.AppUnderExpertReview, ``)
	case *domain.ApplicationScored:
		tag, err := tx.Exec(ctx, `UPDATE application_expert_view SET score = $4, opinion = $5, scored_at = $6
			WHERE application_id = $1 AND round = $2 AND expert_user = $3`, e.ApplicationID, e.Round, e.ExpertID, e.Score, e.Opinion, rec.RecordedAt)
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("expert %s is not assigned to application %s round %d", e.ExpertID, e.ApplicationID, e.Round)
		}
		if err != nil {
			return err
		}
		// Once the last expert has scored, the application waits for the finance decision from now.
		return set(`status_since = CASE WHEN NOT EXISTS (SELECT 1 FROM application_expert_view x
			WHERE x.application_id = application_view.id AND x.round = application_view.round AND x.score IS NULL)
			THEN $1 ELSE status_since END`)
	case *domain.ApplicationApproved:
		for i, tr := range e.Tranches {
			if _, err := tx.Exec(ctx, `INSERT INTO application_tranche_view (tranche_id, application_id, seq, milestone_id, amount)
				VALUES ($1,$2,$3,$4,$5)`, tr.TrancheID, e.ApplicationID, i+1, tr.MilestoneID, tr.Amount); err != nil {
				return err
			}
		}
		return status(domain.AppApproved, `approved = $5, approved_on = $6, document_no = $7`, e.ApprovedAmount, e.ApprovedOn.Time(), e.DocumentNo)
	case *domain.ApplicationRejected:
		return status(domain.AppRejected, `decision_reason = $5`, e.Reason)
	case *domain.ApplicationReturnedForRevision:
		return status(domain.AppReturned, `decision_reason = $5`, e.Reason)
	case *domain.ApplicationWithdrawn:
		return status(domain.AppWithdrawn, `decision_reason = $5`, e.Reason)
	case *domain.TrancheDisbursed:
		tag, err := tx.Exec(ctx, `UPDATE application_tranche_view SET disbursed_on = $2, voucher_no = $3 WHERE tranche_id = $1`,
			e.TrancheID, e.DisbursedOn.Time(), e.VoucherNo)
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("tranche %s is not in application_tranche_view", e.TrancheID)
		}
		if err != nil {
			return err
		}
		return set(`disbursed = disbursed + $4`, e.Amount)
	case *domain.MoneyRecovered:
		return set(`recovered = recovered + $4`, e.Amount)
	case *domain.RemainderCancelled:
		return status(domain.AppClosed, `cancelled = cancelled + $5, decision_reason = $6`, e.Amount, e.Reason)
	}
	return set(``)
}
