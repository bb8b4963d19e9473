package graph

import (
	"context"
	"errors"
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/graph/model"
	"github.com/smartcity/portfolio/graph/readmodel"
	"github.com/smartcity/portfolio/internal/app"
)

// meta is the commandMeta of a command on a fund or an application: the aggregate's id travels
// separately, since commandMeta.projectID names a project.
func meta(clientMutationID, idempotencyKey *string, expectedVersion *int) commandMeta {
	return commandMeta{clientMutationID: clientMutationID, idempotencyKey: idempotencyKey, expectedVersion: expectedVersion}
}

// onFund runs one command on an existing fund and answers with the payload.
func (r *rootResolver) onFund(ctx context.Context, name string, m commandMeta, fundID string, input any, act app.FundAction) (*model.FundPayload, error) {
	id, err := domain.ParseFundID(fundID)
	if err != nil {
		return nil, err
	}
	req, err := r.request(ctx, m)
	if err != nil {
		return nil, err
	}
	out, err := r.svc.OnFund(ctx, req, name, id, sentInput(input), act)
	if err != nil {
		return nil, err
	}
	return r.fundPayload(ctx, m.clientMutationID, out)
}

// fundPayload reads what a fund command did from the read model (the service has waited for it).
func (r *rootResolver) fundPayload(ctx context.Context, clientMutationID *string, out app.Outcome) (*model.FundPayload, error) {
	r.stateFrom(ctx).loaders.funding.forget("", out.Ref.FundID)
	f, err := r.rm.Fund(ctx, out.Ref.FundID)
	if err != nil {
		return nil, err
	}
	if f == nil {
		return nil, fmt.Errorf("fund %s was recorded but the read model does not show it yet", out.Ref.FundID)
	}
	return &model.FundPayload{ClientMutationID: clientMutationID, Fund: f, Replayed: out.Replayed}, nil
}

// onApplication runs one command on an existing funding application (with its fund and project
// loaded for the domain) and answers with the payload. ref names server-minted ids (tranches),
// stored with the idempotency key so that a retry answers with the same ones.
func (r *rootResolver) onApplication(ctx context.Context, name string, m commandMeta, appID string, input any, ref app.Ref, act app.ApplicationAction) (*model.ApplicationPayload, error) {
	id, err := domain.ParseApplicationID(appID)
	if err != nil {
		return nil, err
	}
	req, err := r.request(ctx, m)
	if err != nil {
		return nil, err
	}
	out, err := r.svc.OnApplication(ctx, req, name, id, sentInput(input), ref, act)
	if err != nil {
		return nil, inputNames(err)
	}
	return r.applicationPayload(ctx, m.clientMutationID, out)
}

// applicationPayload reads what an application command did from the read models. The actor
// could act on the application, so the application is read whoever they are; its scores are
// still shown as the actor may see them.
func (r *rootResolver) applicationPayload(ctx context.Context, clientMutationID *string, out app.Outcome) (*model.ApplicationPayload, error) {
	r.stateFrom(ctx).loaders.funding.forget(out.Ref.ApplicationID, out.Ref.FundID)
	a, err := r.rm.Application(ctx, out.Ref.ApplicationID, readmodel.Scope{All: true})
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, fmt.Errorf("funding application %s was recorded but the read model does not show it yet", out.Ref.ApplicationID)
	}
	return &model.ApplicationPayload{ClientMutationID: clientMutationID, Application: a, Replayed: out.Replayed}, nil
}

// appOnly is the result of a command that changes the application alone.
func appOnly(events []domain.Event, err error) (appEvents, fundEvents []domain.Event, _ error) {
	return events, nil, err
}

// inputFieldNames maps the domain's field names to the schema's where they differ.
var inputFieldNames = map[string]string{
	"voucherNo": "voucherNumber", "documentNo": "documentNumber", "noticeNo": "noticeNumber", "contractNo": "contractNumber",
}

// inputNames makes a validation error name the input field the client sent.
func inputNames(err error) error {
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		if name, ok := inputFieldNames[ve.Field]; ok {
			ve.Field = name
		}
	}
	return err
}

// parseIDAs parses an input id; a malformed one is a validation error naming field.
func parseIDAs[T any](field string, s string, parse func(string) (T, error)) (T, error) {
	v, err := parse(s)
	var ve *domain.ValidationError
	if errors.As(err, &ve) {
		return v, &domain.ValidationError{Field: field, Reason: ve.Reason}
	}
	return v, err
}
