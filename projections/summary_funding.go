package projections

import (
	"context"
	"strings"
	"time"

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
	summaryApplications = history{table: "summary_applications", key: []string{"application_id"}, keyTypes: []string{"uuid"}, cols: []string{
		"application_id", "seq", "valid_from", "valid_to", "project_id", "fund_id", "support_mode", "status", "step",
		"step_since", "experts_pending", "requested", "approved", "disbursed", "recovered", "cancelled"}}
	summaryPPPBudgets = history{table: "summary_ppp_budgets", key: []string{"region_code", "year"}, keyTypes: []string{"text", "integer"}, cols: []string{
		"region_code", "year", "seq", "valid_from", "valid_to", "budget"}}
	summaryPPPObligations = history{table: "summary_ppp_obligations", key: []string{"region_code", "year"}, keyTypes: []string{"text", "integer"}, cols: []string{
		"region_code", "year", "seq", "valid_from", "valid_to", "amount"}}
)

var summaryLedgerEvents = eventTypes(&domain.PPPBudgetRecorded{}, &domain.PPPAffordabilityRuleSet{},
	&domain.PPPObligationsReserved{}, &domain.PPPReservationReleased{})

// applicationRow is a version of a funding application in summary_applications.
type applicationRow struct {
	projectID, fundID, supportMode, status string
	step                                   *string // the step it waits at; nil when not waiting
	stepSince                              time.Time
	expertsPending                         int32
	requested, approved, disbursed         int64
	recovered, cancelled                   int64
}

// clone copies r and the step it points at.
func (r applicationRow) clone() applicationRow {
	if r.step != nil {
		s := *r.step
		r.step = &s
	}
	return r
}

func newApplicationFolder() *folder[string, applicationRow] {
	return newFolder(summaryApplications, applicationRow.clone, func(id string) []any { return []any{id} },
		func(id string, v version[applicationRow], to *time.Time) []any {
			r := v.row
			return []any{id, v.seq, v.from, to, r.projectID, r.fundID, r.supportMode, r.status, r.step, r.stepSince,
				r.expertsPending, r.requested, r.approved, r.disbursed, r.recovered, r.cancelled}
		})
}

// queueLoadApplications queues the read of the current versions of the applications ids into f.
func queueLoadApplications(reads *pgx.Batch, f *folder[string, applicationRow], ids []string) {
	if len(ids) == 0 {
		return
	}
	f.queueLoad(reads, `SELECT application_id::text, valid_from, seq, project_id::text, fund_id::text, support_mode, status,
			step, step_since, experts_pending, requested, approved, disbursed, recovered, cancelled
		FROM summary_applications WHERE valid_to IS NULL AND application_id = ANY($1::text[]::uuid[])`, []any{ids},
		func(id *string, from *time.Time, seq *int, r *applicationRow) []any {
			return []any{id, from, seq, &r.projectID, &r.fundID, &r.supportMode, &r.status, &r.step, &r.stepSince,
				&r.expertsPending, &r.requested, &r.approved, &r.disbursed, &r.recovered, &r.cancelled}
		})
}

// applicationID is the application an application-stream event belongs to, from its stream id.
func applicationID(rec eventstore.Recorded) string {
	return strings.TrimPrefix(rec.StreamID, domain.ApplicationStreamID(""))
}

func applySummaryApplication(f *folder[string, applicationRow], rec eventstore.Recorded, ev domain.Event) error {
	id := applicationID(rec)
	app := func(fn func(*applicationRow)) error {
		return f.change(id, rec, func(r *applicationRow) error { fn(r); return nil })
	}
	// status moves the application to a status, waiting at step (nil: not waiting) from now.
	status := func(s domain.ApplicationStatus, step *string, fn func(*applicationRow)) error {
		return app(func(r *applicationRow) {
			r.status, r.step, r.stepSince = string(s), step, rec.RecordedAt
			if fn != nil {
				fn(r)
			}
		})
	}
	step := func(s string) *string { return &s }
	switch e := ev.(type) {
	case *domain.ApplicationDrafted:
		return f.create(id, rec, applicationRow{projectID: string(e.ProjectID), fundID: string(e.FundID),
			supportMode: string(e.SupportMode), status: string(domain.AppDraft), stepSince: rec.RecordedAt,
			requested: int64(e.RequestedAmount)})
	case *domain.ApplicationRevised:
		return app(func(r *applicationRow) { r.supportMode, r.requested = string(e.SupportMode), int64(e.RequestedAmount) })
	case *domain.ApplicationSubmitted:
		return status(domain.AppSubmitted, step(StepScreening), nil)
	case *domain.ApplicationScreeningPassed:
		return status(domain.AppScreened, step(StepExpertAssignment), nil)
	case *domain.ApplicationScreeningFailed:
		return status(domain.AppScreeningFailed, nil, nil)
	case *domain.ExpertsAssigned:
		return status(domain.AppUnderExpertReview, step(StepExpertScoring), func(r *applicationRow) { r.expertsPending = int32(len(e.Experts)) })
	case *domain.ApplicationScored:
		// Once the last expert has scored, the application waits for the finance decision from now.
		return app(func(r *applicationRow) {
			if r.expertsPending == 1 {
				r.step, r.stepSince = step(StepFinanceDecision), rec.RecordedAt
			}
			r.expertsPending--
		})
	case *domain.ApplicationApproved:
		return status(domain.AppApproved, nil, func(r *applicationRow) { r.approved = int64(e.ApprovedAmount) })
	case *domain.ApplicationRejected:
		return status(domain.AppRejected, nil, nil)
	case *domain.ApplicationReturnedForRevision:
		return status(domain.AppReturned, step(StepOwnerRevision), nil)
	case *domain.ApplicationWithdrawn:
		return status(domain.AppWithdrawn, nil, nil)
	case *domain.TrancheDisbursed:
		return app(func(r *applicationRow) { r.disbursed += int64(e.Amount) })
	case *domain.MoneyRecovered:
		return app(func(r *applicationRow) { r.recovered += int64(e.Amount) })
	case *domain.RemainderCancelled:
		return status(domain.AppClosed, nil, func(r *applicationRow) { r.cancelled += int64(e.Amount) })
	}
	return nil
}

// ledgerYear keys a region's PPP figure for a year.
type ledgerYear struct {
	region string
	year   int
}

func newLedgerFolder(h history) *folder[ledgerYear, int64] {
	return newFolder(h, func(v int64) int64 { return v }, func(k ledgerYear) []any { return []any{k.region, k.year} },
		func(k ledgerYear, v version[int64], to *time.Time) []any {
			return []any{k.region, k.year, v.seq, v.from, to, v.row}
		})
}

// queueLoadLedgers queues the read of the current budgets and obligations of the regions into
// budgets and obligations.
func queueLoadLedgers(reads *pgx.Batch, budgets, obligations *folder[ledgerYear, int64], regions []string) {
	if len(regions) == 0 {
		return
	}
	for _, f := range []*folder[ledgerYear, int64]{budgets, obligations} {
		f.queueLoad(reads, `SELECT region_code, year, valid_from, seq, `+f.h.cols[len(f.h.cols)-1]+`
			FROM `+f.h.table+` WHERE valid_to IS NULL AND region_code = ANY($1)`, []any{regions},
			func(k *ledgerYear, from *time.Time, seq *int, amount *int64) []any {
				return []any{&k.region, &k.year, from, seq, amount}
			})
	}
}

// ledgerRegion is the region a PPP ledger event belongs to, from its stream id.
func ledgerRegion(rec eventstore.Recorded) string {
	return strings.TrimPrefix(rec.StreamID, domain.PPPLedgerStreamID(""))
}

func applySummaryLedger(ctx context.Context, tx pgx.Tx, budgets, obligations *folder[ledgerYear, int64], rec eventstore.Recorded, ev domain.Event) error {
	region := ledgerRegion(rec)
	// year sets a year's figure in f (amount added when add), starting the year's history at its
	// first event.
	year := func(f *folder[ledgerYear, int64], y int, amount domain.Money, add bool) error {
		k := ledgerYear{region, y}
		if !f.has(k) {
			return f.create(k, rec, int64(amount))
		}
		return f.change(k, rec, func(v *int64) error {
			if add {
				*v += int64(amount)
			} else {
				*v = int64(amount)
			}
			return nil
		})
	}
	switch e := ev.(type) {
	case *domain.PPPBudgetRecorded:
		return year(budgets, e.Year, e.Budget, false)
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
			if err := year(obligations, o.Year, o.Amount, true); err != nil {
				return err
			}
		}
	case *domain.PPPReservationReleased:
		for _, o := range e.Obligations {
			if err := year(obligations, o.Year, -o.Amount, true); err != nil {
				return err
			}
		}
	}
	return nil
}
