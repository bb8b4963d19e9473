package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/internal/app"
)

// maxIdempotencyKeyLen bounds a client's idempotency key.
const maxIdempotencyKeyLen = 200

// commandMeta is what every mutation input carries besides its command's own data.
type commandMeta struct {
	clientMutationID *string
	idempotencyKey   *string
	projectID        string
	expectedVersion  *int
}

// request builds the service request of a mutation.
func (r *rootResolver) request(ctx context.Context, m commandMeta) (app.Request, error) {
	actor, err := actorFrom(ctx)
	if err != nil {
		return app.Request{}, err
	}
	key := ""
	if m.idempotencyKey != nil {
		key = strings.TrimSpace(*m.idempotencyKey)
		if utf8.RuneCountInString(key) > maxIdempotencyKeyLen {
			return app.Request{}, &domain.ValidationError{Field: "idempotencyKey",
				Reason: fmt.Sprintf("is %d characters long, at most %d allowed", utf8.RuneCountInString(key), maxIdempotencyKeyLen)}
		}
	}
	return app.Request{
		Actor: actor, CorrelationID: r.stateFrom(ctx).correlationID,
		IdempotencyKey: key, ExpectedVersion: m.expectedVersion,
	}, nil
}

// onProject runs one command on an existing project and answers with the payload. input is the
// client's input as sent (it is hashed for the idempotency check); ref names server-minted ids,
// stored with the idempotency key so a retry answers with the same ones.
func (r *rootResolver) onProject(ctx context.Context, name string, m commandMeta, input any, ref app.Ref, act app.ProjectAction) (*model.ProjectPayload, error) {
	id, err := domain.ParseProjectID(m.projectID)
	if err != nil {
		return nil, err
	}
	req, err := r.request(ctx, m)
	if err != nil {
		return nil, err
	}
	out, err := r.svc.OnProject(ctx, req, name, id, sentInput(input), ref, act)
	if err != nil {
		return nil, err
	}
	return r.payload(ctx, m.clientMutationID, out)
}

// payload reads what a command did from the read models (the service has waited for them).
func (r *rootResolver) payload(ctx context.Context, clientMutationID *string, out app.Outcome) (*model.ProjectPayload, error) {
	st := r.stateFrom(ctx)
	st.loaders.forget(out.Ref.ProjectID)
	p, err := r.rm.Project(ctx, out.Ref.ProjectID, st.today)
	if err != nil {
		return nil, err
	}
	if p == nil {
		return nil, fmt.Errorf("project %s was recorded but the read model does not show it yet", out.Ref.ProjectID)
	}
	pl := &model.ProjectPayload{ClientMutationID: clientMutationID, Project: p, Replayed: out.Replayed}
	if out.Ref.MilestoneID != "" {
		if pl.Milestone, err = r.rm.Milestone(ctx, out.Ref.MilestoneID); err != nil {
			return nil, err
		}
	}
	if out.Ref.IndicatorID != "" {
		if pl.Indicator, err = r.rm.Indicator(ctx, out.Ref.IndicatorID); err != nil {
			return nil, err
		}
	}
	if out.Ref.RevisionID != "" {
		agg, err := st.loaders.aggregates.Load(ctx, out.Ref.ProjectID)
		if err != nil {
			return nil, err
		}
		for _, rev := range agg.BudgetRevisions() {
			if rev.ID == out.Ref.RevisionID {
				pl.BudgetRevision = &rev
			}
		}
	}
	return pl, nil
}

// sentInput is the client's input as the idempotency check hashes it: everything but the
// clientMutationId, which only labels the response (a retry may carry another one).
func sentInput(input any) any {
	b, err := json.Marshal(input)
	if err != nil {
		return input
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return input
	}
	delete(fields, "clientMutationId")
	return fields
}

// orToday is an optional date input, today when omitted.
func orToday(d *domain.Date, today domain.Date) domain.Date {
	if d == nil {
		return today
	}
	return *d
}

// text is an optional text input, "" when omitted.
func text(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// today is the calendar date the request is answered for.
func (r *rootResolver) today(ctx context.Context) domain.Date { return r.stateFrom(ctx).today }

// fundingPlan is the funding plan input as the domain's value.
func fundingPlan(f *model.FundingPlanInput) domain.FundingPlan {
	if f == nil {
		return domain.FundingPlan{}
	}
	return domain.FundingPlan{
		FiscalSpecialFund: f.FiscalSpecialFund, ConstructionFund: f.ConstructionFund,
		PPPSocialCapital: f.PppSocialCapital, SelfRaised: f.SelfRaised, BankLoan: f.BankLoan,
	}
}
