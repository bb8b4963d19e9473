package graph

import (
	"context"
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
)

// onPPP runs one command on an existing PPP arrangement (with its region's ledger loaded for the
// domain) and answers with the payload. ref names server-minted ids (a payment), stored with the
// idempotency key so that a retry answers with the same ones.
func (r *rootResolver) onPPP(ctx context.Context, name string, m commandMeta, arrangementID string, input any, ref app.Ref, act app.PPPAction) (*model.PPPArrangementPayload, error) {
	id, err := domain.ParsePPPArrangementID(arrangementID)
	if err != nil {
		return nil, err
	}
	req, err := r.request(ctx, m)
	if err != nil {
		return nil, err
	}
	out, err := r.svc.OnPPP(ctx, req, name, id, sentInput(input), ref, act)
	if err != nil {
		return nil, inputNames(err)
	}
	return r.pppPayload(ctx, m.clientMutationID, out)
}

// pppPayload reads what an arrangement command did (the service has waited for the read
// models). The actor could act on the arrangement, so it is read whoever they are.
func (r *rootResolver) pppPayload(ctx context.Context, clientMutationID *string, out app.Outcome) (*model.PPPArrangementPayload, error) {
	l := r.stateFrom(ctx).loaders.ppp
	l.forget(out.Ref.ArrangementID, out.Ref.ProjectID, out.Ref.Region)
	x, err := r.rm.PPPArrangement(ctx, out.Ref.ArrangementID, readmodel.Scope{All: true})
	if err != nil {
		return nil, err
	}
	if x == nil {
		return nil, fmt.Errorf("PPP arrangement %s was recorded but the read model does not show it yet", out.Ref.ArrangementID)
	}
	l.forget("", "", x.RegionCode) // identification does not know the region before the command
	pl := &model.PPPArrangementPayload{ClientMutationID: clientMutationID, Arrangement: x, Replayed: out.Replayed}
	if pl.Ledger, err = r.pppLedger(ctx, x.RegionCode); err != nil {
		return nil, err
	}
	if out.Ref.PaymentID != "" {
		agg, err := l.aggregates.Load(ctx, x.ID)
		if err != nil {
			return nil, err
		}
		if p, ok := agg.Payment(out.Ref.PaymentID); ok {
			pl.Payment = pppPayment(p)
		}
	}
	return pl, nil
}

// onLedger runs one command on a region's fiscal affordability ledger and answers with the payload.
func (r *rootResolver) onLedger(ctx context.Context, name string, m commandMeta, region string, input any, act app.LedgerAction) (*model.PPPLedgerPayload, error) {
	reg, err := domain.ParseRegion(region)
	if err != nil {
		return nil, err
	}
	req, err := r.request(ctx, m)
	if err != nil {
		return nil, err
	}
	out, err := r.svc.OnLedger(ctx, req, name, reg.Code, sentInput(input), act)
	if err != nil {
		return nil, inputNames(err)
	}
	r.stateFrom(ctx).loaders.ppp.forget("", "", out.Ref.Region)
	ledger, err := r.pppLedger(ctx, out.Ref.Region)
	if err != nil {
		return nil, err
	}
	if ledger == nil {
		return nil, fmt.Errorf("PPP ledger of %s was recorded but is empty", out.Ref.Region)
	}
	return &model.PPPLedgerPayload{ClientMutationID: m.clientMutationID, Ledger: ledger, Replayed: out.Replayed}, nil
}

// arrOnly is the result of a command that changes the arrangement alone.
func arrOnly(events []domain.Event, err error) (arrEvents, ledgerEvents []domain.Event, _ error) {
	return events, nil, err
}

// pppTerms is the terms input as the domain's value.
func pppTerms(t *model.PPPTermsInput) domain.PPPTerms {
	if t == nil {
		return domain.PPPTerms{}
	}
	terms := domain.PPPTerms{
		OperationMode: t.OperationMode, ReturnMechanism: t.ReturnMechanism, TermYears: t.TermYears,
		StartYear: t.StartYear, TotalInvestment: t.TotalInvestment, GovernmentEquityBP: t.GovernmentEquityBp,
	}
	for _, y := range t.Obligations {
		terms.Obligations = append(terms.Obligations, domain.PPPYearAmount{Year: y.Year, Amount: y.Amount})
	}
	return terms
}

// mechanismOf is an optional mechanism input, "" (every arrangement) when omitted.
func mechanismOf(m *domain.PPPReturnMechanism) domain.PPPReturnMechanism {
	if m == nil {
		return ""
	}
	return *m
}
