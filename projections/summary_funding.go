package projections

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// The steps a funding application waits at, as the summary counts them.
const (
	StepScreening        = "SCREENING"         // submitted: the office's formal screening (形式审查)
	StepExpertAssignment = "EXPERT_ASSIGNMENT" // screened: the office assigns experts
	StepExpertScoring    = "EXPERT_SCORING"    // experts assigned, not all have scored
	StepFinanceDecision  = "FINANCE_DECISION"  // every expert has scored: the finance bureau decides
	StepOwnerRevision    = "OWNER_REVISION"    // returned: the owner revises and resubmits
)

var (
	summaryApplications = history{table: "summary_applications", key: []string{"application_id"}, cols: []string{
		"application_id", "seq", "valid_from", "valid_to", "project_id", "fund_id", "support_mode", "status", "step",
		"step_since", "experts_pending", "requested", "approved", "disbursed", "recovered", "cancelled"}}
	summaryPPPBudgets = history{table: "summary_ppp_budgets", key: []string{"region_code", "year"}, cols: []string{
		"region_code", "year", "seq", "valid_from", "valid_to", "budget"}}
	summaryPPPObligations = history{table: "summary_ppp_obligations", key: []string{"region_code", "year"}, cols: []string{
		"region_code", "year", "seq", "valid_from", "valid_to", "amount"}}
)

var summaryLedgerEvents = eventTypes(&domain.PPPBudgetRecorded{}, &domain.PPPAffordabilityRuleSet{},
	&domain.PPPObligationsReserved{}, &domain.PPPReservationReleased{})

func applySummaryApplication(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	key := []any{strings.TrimPrefix(rec.StreamID, domain.ApplicationStreamID(""))}
	app := func(set []assign, args ...any) error {
		return summaryApplications.must(ctx, tx, rec, key, set, args...)
	}
	// status moves the application to a status, waiting at step (nil: not waiting) from now.
	status := func(s domain.ApplicationStatus, step *string, set []assign, args ...any) error {
		n := len(args)
		set = append(set, assigns("status", pos(n+3), "step", pos(n+4)+"::text", "step_since", "$1::timestamptz")...)
		return app(set, append(args, s, step)...)
	}
	step := func(s string) *string { return &s }
	switch e := ev.(type) {
	case *domain.ApplicationDrafted:
		_, err := tx.Exec(ctx, `INSERT INTO summary_applications (application_id, seq, valid_from, project_id, fund_id, support_mode,
			status, step_since, requested) VALUES ($1,$2,$3,$4,$5,$6,$7,$3,$8)`,
			e.ApplicationID, rec.Version, rec.RecordedAt, e.ProjectID, e.FundID, e.SupportMode, domain.AppDraft, e.RequestedAmount)
		return err
	case *domain.ApplicationRevised:
		return app(assigns("support_mode", "$3", "requested", "$4::bigint"), e.SupportMode, e.RequestedAmount)
	case *domain.ApplicationSubmitted:
		return status(domain.AppSubmitted, step(StepScreening), nil)
	case *domain.ApplicationScreeningPassed:
		return status(domain.AppScreened, step(StepExpertAssignment), nil)
	case *domain.ApplicationScreeningFailed:
		return status(domain.AppScreeningFailed, nil, nil)
	case *domain.ExpertsAssigned:
		return status(domain.AppUnderExpertReview, step(StepExpertScoring), assigns("experts_pending", "$3::integer"), len(e.Experts))
	case *domain.ApplicationScored:
		// Once the last expert has scored, the application waits for the finance decision from now.
		return app(assigns("experts_pending", "experts_pending - 1",
			"step", "CASE WHEN experts_pending = 1 THEN $3 ELSE step END",
			"step_since", "CASE WHEN experts_pending = 1 THEN $1::timestamptz ELSE step_since END"), StepFinanceDecision)
	case *domain.ApplicationApproved:
		return status(domain.AppApproved, nil, assigns("approved", "$3::bigint"), e.ApprovedAmount)
	case *domain.ApplicationRejected:
		return status(domain.AppRejected, nil, nil)
	case *domain.ApplicationReturnedForRevision:
		return status(domain.AppReturned, step(StepOwnerRevision), nil)
	case *domain.ApplicationWithdrawn:
		return status(domain.AppWithdrawn, nil, nil)
	case *domain.TrancheDisbursed:
		return app(assigns("disbursed", "disbursed + $3::bigint"), e.Amount)
	case *domain.MoneyRecovered:
		return app(assigns("recovered", "recovered + $3::bigint"), e.Amount)
	case *domain.RemainderCancelled:
		return status(domain.AppClosed, nil, assigns("cancelled", "cancelled + $3::bigint"), e.Amount)
	}
	return nil
}

func applySummaryLedger(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	region := strings.TrimPrefix(rec.StreamID, domain.PPPLedgerStreamID(""))
	// year sets a year's figure in h (amount added when add), starting the year's history at its
	// first event.
	year := func(h history, y int, amount domain.Money, add bool) error {
		expr := "$3::bigint"
		if add {
			expr = h.cols[len(h.cols)-1] + " + $3::bigint"
		}
		ok, err := h.next(ctx, tx, rec, []any{region, y}, assigns(h.cols[len(h.cols)-1], expr), amount)
		if err != nil || ok {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO `+h.table+` (region_code, year, seq, valid_from, `+h.cols[len(h.cols)-1]+`)
			VALUES ($1,$2,$3,$4,$5)`, region, y, rec.Version, rec.RecordedAt, amount)
		return err
	}
	switch e := ev.(type) {
	case *domain.PPPBudgetRecorded:
		return year(summaryPPPBudgets, e.Year, e.Budget, false)
	case *domain.PPPAffordabilityRuleSet:
		var mech *string
		if e.ReturnMechanism != "" {
			m := string(e.ReturnMechanism)
			mech = &m
		}
		_, err := tx.Exec(ctx, `INSERT INTO summary_ppp_rules (region_code, seq, recorded_at, cap_bp, rule_from, return_mechanism)
			VALUES ($1,$2,$3,$4,$5,$6)`, region, rec.Version, rec.RecordedAt, e.CapBP, e.ValidFrom.Time(), mech)
		return err
	case *domain.PPPObligationsReserved:
		for _, o := range e.Obligations {
			if err := year(summaryPPPObligations, o.Year, o.Amount, true); err != nil {
				return err
			}
		}
	case *domain.PPPReservationReleased:
		for _, o := range e.Obligations {
			if err := year(summaryPPPObligations, o.Year, -o.Amount, true); err != nil {
				return err
			}
		}
	}
	return nil
}

func pos(n int) string { return "$" + strconv.Itoa(n) }
