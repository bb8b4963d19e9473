package projections

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// PPPArrangements is the read model of PPP arrangements (ppp_arrangement_view) with their yearly
// obligations, bids, scheduled and made payments and performance assessments.
type PPPArrangements struct{}

// Name implements Projector.
func (PPPArrangements) Name() string { return "ppp_arrangements.v1" }

// Tables implements Projector.
func (PPPArrangements) Tables() []string {
	return []string{"ppp_assessment_view", "ppp_payment_view", "ppp_bid_view", "ppp_obligation_view", "ppp_arrangement_view"}
}

// Handles implements Projector.
func (PPPArrangements) Handles(streamType, _ string) bool {
	return streamType == domain.PPPArrangementStreamType
}

// Apply implements Projector.
func (PPPArrangements) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	id := strings.TrimPrefix(rec.StreamID, domain.PPPArrangementStreamID(""))
	set := rowSetter(ctx, tx, rec, "ppp_arrangement_view", "PPP arrangement", id)
	stage := func(s domain.PPPStage, assignments string, args ...any) error {
		a := `stage = $4, stage_since = $1`
		if assignments != "" {
			a += ", " + assignments
		}
		return set(a, append([]any{s}, args...)...)
	}
	terms := func(t domain.PPPTerms) error {
		if _, err := tx.Exec(ctx, `DELETE FROM ppp_obligation_view WHERE arrangement_id = $1`, id); err != nil {
			return err
		}
		for _, o := range t.Obligations {
			if _, err := tx.Exec(ctx, `INSERT INTO ppp_obligation_view (arrangement_id, year, amount) VALUES ($1,$2,$3)`, id, o.Year, o.Amount); err != nil {
				return err
			}
		}
		return nil
	}
	switch e := ev.(type) {
	case *domain.PPPArrangementIdentified:
		t := e.Terms
		if _, err := tx.Exec(ctx, `INSERT INTO ppp_arrangement_view (id, project_id, project_code, owner_org, region_code, stage, stage_since,
			operation_mode, return_mechanism, term_years, start_year, total_investment, government_equity_bp, total_obligations,
			identified_at, updated_at, version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$7,$7,$15)`,
			e.ArrangementID, e.ProjectID, e.ProjectCode, e.OwnerOrg, e.Region, domain.PPPIdentification, rec.RecordedAt,
			t.OperationMode, t.ReturnMechanism, t.TermYears, t.StartYear, t.TotalInvestment, t.GovernmentEquityBP, obligationsTotal(t.Obligations), rec.Version); err != nil {
			return err
		}
		return terms(t)
	case *domain.PPPIdentificationRevised:
		t := e.Terms
		if err := terms(t); err != nil {
			return err
		}
		return set(`operation_mode=$4, return_mechanism=$5, term_years=$6, start_year=$7, total_investment=$8, government_equity_bp=$9, total_obligations=$10`,
			t.OperationMode, t.ReturnMechanism, t.TermYears, t.StartYear, t.TotalInvestment, t.GovernmentEquityBP, obligationsTotal(t.Obligations))
	case *domain.PPPIdentificationApproved:
		return stage(domain.PPPPreparation, `finance_org = $5`, e.FinanceOrg)
	case *domain.PPPValueForMoneyRecorded:
		return set(`vfm_score=$4, vfm_psc=$5, vfm_pppv=$6, vfm_passed=$7`, e.QualitativeScore, e.PSC, e.PPPV, e.Passed)
	case *domain.PPPPreparationApproved:
		return stage(domain.PPPProcurement, ``)
	case *domain.PPPTenderLaunched:
		return set(`tender_method=$4`, e.Method)
	case *domain.PPPBidRecorded:
		if _, err := tx.Exec(ctx, `INSERT INTO ppp_bid_view (arrangement_id, seq, bidder, amount, bid_on) VALUES ($1,$2,$3,$4,$5)`,
			id, rec.Version, e.Bidder, e.Amount, e.BidOn.Time()); err != nil {
			return err
		}
		return set(`bid_count = bid_count + 1`)
	case *domain.PPPPartnerSelected:
		return set(`partner=$4`, e.Partner)
	case *domain.PPPContractSigned:
		return set(`contract_no=$4`, e.ContractNo)
	case *domain.PPPProjectCompanySetUp:
		return set(`project_company=$4, registered_capital=$5`, e.Name, e.RegisteredCapital)
	case *domain.PPPProcurementApproved:
		return stage(domain.PPPExecution, ``)
	case *domain.PPPPaymentScheduled:
		if _, err := tx.Exec(ctx, `INSERT INTO ppp_payment_view (payment_id, arrangement_id, year, kind, amount, due_on) VALUES ($1,$2,$3,$4,$5,$6)`,
			e.PaymentID, id, e.Year, e.Kind, e.Amount, e.DueOn.Time()); err != nil {
			return err
		}
		return set(`scheduled_total = scheduled_total + $4`, e.Amount)
	case *domain.PPPPaymentRecorded:
		tag, err := tx.Exec(ctx, `UPDATE ppp_payment_view SET paid = paid + $2, last_paid_on = $3 WHERE payment_id = $1`, e.PaymentID, e.Amount, e.PaidOn.Time())
		if err == nil && tag.RowsAffected() != 1 {
			err = fmt.Errorf("PPP payment %s is not in ppp_payment_view", e.PaymentID)
		}
		if err != nil {
			return err
		}
		return set(`paid_total = paid_total + $4`, e.Amount)
	case *domain.PPPPerformanceAssessed:
		if _, err := tx.Exec(ctx, `INSERT INTO ppp_assessment_view (arrangement_id, seq, year, score, deduction_bp, assessed_on) VALUES ($1,$2,$3,$4,$5,$6)`,
			id, rec.Version, e.Year, e.Score, e.DeductionBP, e.AssessedOn.Time()); err != nil {
			return err
		}
		return set(``)
	case *domain.PPPTransferStarted:
		return stage(domain.PPPTransfer, ``)
	case *domain.PPPAssetsHandedOver:
		return set(``)
	case *domain.PPPArrangementClosed:
		return stage(domain.PPPClosed, ``)
	case *domain.PPPArrangementCancelled:
		return stage(domain.PPPCancelled, `cancel_reason = $5`, e.Reason)
	}
	return set(``)
}

func obligationsTotal(obs []domain.PPPYearAmount) domain.Money {
	var t domain.Money
	for _, o := range obs {
		t += o.Amount
	}
	return t
}

// PPPLedgers is the read model of the regions' fiscal affordability ledgers: budgets by year,
// affordability rules, and the obligations reserved at the preparation gate.
type PPPLedgers struct{}

// Name implements Projector.
func (PPPLedgers) Name() string { return "ppp_ledgers.v1" }

// Tables implements Projector.
func (PPPLedgers) Tables() []string {
	return []string{"ppp_reserved_view", "ppp_rule_view", "ppp_budget_view", "ppp_ledger_view"}
}

// Handles implements Projector.
func (PPPLedgers) Handles(streamType, _ string) bool { return streamType == domain.PPPLedgerStreamType }

// Apply implements Projector.
func (PPPLedgers) Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error {
	region := strings.TrimPrefix(rec.StreamID, domain.PPPLedgerStreamID(""))
	exec := func(q string, args ...any) error {
		_, err := tx.Exec(ctx, q, args...)
		return err
	}
	var err error
	switch e := ev.(type) {
	case *domain.PPPLedgerOpened:
		return exec(`INSERT INTO ppp_ledger_view (region_code, finance_org, updated_at, version) VALUES ($1,$2,$3,$4)`, region, e.FinanceOrg, rec.RecordedAt, rec.Version)
	case *domain.PPPBudgetRecorded:
		err = exec(`INSERT INTO ppp_budget_view (region_code, year, budget) VALUES ($1,$2,$3)
			ON CONFLICT (region_code, year) DO UPDATE SET budget = excluded.budget`, region, e.Year, e.Budget)
	case *domain.PPPAffordabilityRuleSet:
		var mech *string
		if e.ReturnMechanism != "" {
			m := string(e.ReturnMechanism)
			mech = &m
		}
		err = exec(`INSERT INTO ppp_rule_view (region_code, seq, cap_bp, valid_from, return_mechanism, basis) VALUES ($1,$2,$3,$4,$5,$6)`,
			region, rec.Version, e.CapBP, e.ValidFrom.Time(), mech, e.Basis)
	case *domain.PPPObligationsReserved:
		for _, o := range e.Obligations {
			if err = exec(`INSERT INTO ppp_reserved_view (region_code, arrangement_id, year, return_mechanism, amount) VALUES ($1,$2,$3,$4,$5)`,
				region, e.ArrangementID, o.Year, e.ReturnMechanism, o.Amount); err != nil {
				return err
			}
		}
	case *domain.PPPReservationReleased:
		for _, o := range e.Obligations {
			if err = exec(`UPDATE ppp_reserved_view SET amount = amount - $4 WHERE region_code = $1 AND arrangement_id = $2 AND year = $3`,
				region, e.ArrangementID, o.Year, o.Amount); err != nil {
				return err
			}
		}
		err = exec(`DELETE FROM ppp_reserved_view WHERE region_code = $1 AND arrangement_id = $2 AND amount = 0`, region, e.ArrangementID)
	}
	if err != nil {
		return err
	}
	tag, err := tx.Exec(ctx, `UPDATE ppp_ledger_view SET updated_at = $2, version = $3 WHERE region_code = $1`, region, rec.RecordedAt, rec.Version)
	if err == nil && tag.RowsAffected() != 1 {
		err = fmt.Errorf("PPP ledger of %s is not in ppp_ledger_view", region)
	}
	return err
}
