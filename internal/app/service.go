// Package app carries out commands: it loads an aggregate from the event store, lets the domain
// decide, appends the resulting events atomically (retrying lost races on fresh state), and waits
// until the read models show the change so that the caller reads its own write.
package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Waiter blocks until the read models have processed the events up to a position.
type Waiter interface {
	WaitFor(ctx context.Context, pos eventstore.Position) error
}

// Service runs the portfolio's commands.
type Service struct {
	store       *eventstore.Store
	readModels  Waiter
	log         *slog.Logger
	now         func() time.Time
	waitTimeout time.Duration
}

// NewService wires a service. readModels may be nil (no waiting, e.g. in bulk loads).
func NewService(store *eventstore.Store, readModels Waiter, log *slog.Logger) *Service {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, readModels: readModels, log: log, now: time.Now, waitTimeout: 10 * time.Second}
}

// WithClock sets the clock that decides "today" (seeds and tests).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

// Today is the current calendar date in China.
func (s *Service) Today() domain.Date { return domain.DateInChina(s.now()) }

// Request is who asks and how: the actor, the request's correlation id, the client's
// idempotency key and, optionally, the version the client expects the aggregate to be at.
type Request struct {
	Actor           domain.Actor
	CorrelationID   string
	IdempotencyKey  string
	ExpectedVersion *int
}

// Ref names what a command created or changed. It is stored with the idempotency key, so a retry
// gets the ids minted by the first attempt.
type Ref struct {
	ProjectID     domain.ProjectID        `json:"projectId,omitempty"`
	MilestoneID   domain.MilestoneID      `json:"milestoneId,omitempty"`
	IndicatorID   domain.IndicatorID      `json:"indicatorId,omitempty"`
	RevisionID    domain.BudgetRevisionID `json:"revisionId,omitempty"`
	FundID        domain.FundID           `json:"fundId,omitempty"`
	ApplicationID domain.ApplicationID    `json:"applicationId,omitempty"`
	TrancheIDs    []domain.TrancheID      `json:"trancheIds,omitempty"`
	ArrangementID domain.PPPArrangementID `json:"arrangementId,omitempty"`
	PaymentID     domain.PPPPaymentID     `json:"paymentId,omitempty"`
	Region        domain.RegionCode       `json:"region,omitempty"`
}

// Outcome is what a command did.
type Outcome struct {
	Ref      Ref
	Position eventstore.Position
	Version  int  // the aggregate's version after the command
	Replayed bool // answered from an earlier request with the same idempotency key
}

func (s *Service) command(name string, req Request, input any) eventstore.Command {
	return eventstore.Command{
		Name: name, Actor: req.Actor, CorrelationID: req.CorrelationID,
		IdempotencyKey: req.IdempotencyKey, RequestHash: eventstore.RequestHash(input),
	}
}

// finish decodes the stored ref and waits for the read models.
func (s *Service) finish(ctx context.Context, res eventstore.Result, stream string) (Outcome, error) {
	out := Outcome{Position: res.Position, Version: res.Versions[stream], Replayed: res.Replayed}
	if len(res.Data) > 0 {
		if err := json.Unmarshal(res.Data, &out.Ref); err != nil {
			return Outcome{}, fmt.Errorf("decode command result: %w", err)
		}
	}
	if s.readModels != nil {
		wctx, cancel := context.WithTimeout(ctx, s.waitTimeout)
		defer cancel()
		if err := s.readModels.WaitFor(wctx, res.Position); err != nil {
			// The command is committed; only the read models are late. Say so, do not fail it.
			s.log.WarnContext(ctx, "read models are behind a committed command", "position", res.Position, "err", err)
		}
	}
	return out, nil
}

// loadProject replays a project's stream; a project that does not exist is NotFound.
func (s *Service) loadProject(ctx context.Context, id domain.ProjectID) (*domain.Project, error) {
	events, _, err := s.store.LoadEvents(ctx, domain.ProjectStreamID(id))
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, &domain.NotFoundError{Entity: "project", ID: string(id)}
	}
	return domain.ReplayProject(events)
}

// Project loads a project's current state from its events (the write model).
func (s *Service) Project(ctx context.Context, id domain.ProjectID) (*domain.Project, error) {
	return s.loadProject(ctx, id)
}

// ProjectAction is a domain command method bound to its input.
type ProjectAction func(p *domain.Project, actor domain.Actor) ([]domain.Event, error)

// OnProject runs one command on an existing project. input is the client's request as sent (it
// is hashed for the idempotency check, so it must not contain ids minted by the server); ref is
// stored and returned with the outcome.
func (s *Service) OnProject(ctx context.Context, req Request, name string, id domain.ProjectID, input any, ref Ref, act ProjectAction) (Outcome, error) {
	stream := domain.ProjectStreamID(id)
	ref.ProjectID = id
	res, err := s.store.Execute(ctx, s.command(name, req, struct {
		ID    domain.ProjectID
		Input any
	}{id, input}), func(ctx context.Context) (eventstore.Decision, error) {
		p, err := s.loadProject(ctx, id)
		if err != nil {
			return eventstore.Decision{}, err
		}
		version := p.Version() // before act: the domain applies its new events to p
		if req.ExpectedVersion != nil && *req.ExpectedVersion != version {
			return eventstore.Decision{}, &eventstore.ConflictError{StreamID: stream, ExpectedVersion: *req.ExpectedVersion}
		}
		events, err := act(p, req.Actor)
		if err != nil {
			return eventstore.Decision{}, fmt.Errorf("%s: %w", name, err)
		}
		return eventstore.Decision{Data: ref, Appends: []eventstore.Append{{
			StreamID: stream, StreamType: domain.ProjectStreamType, ExpectedVersion: version, Events: events,
		}}}, nil
	})
	if err != nil {
		return Outcome{}, err
	}
	return s.finish(ctx, res, stream)
}

// ProposeProject creates a project and claims its code in the same transaction: a code already
// claimed by another project is refused with nothing written.
func (s *Service) ProposeProject(ctx context.Context, req Request, input any, details domain.ProjectDetails, code domain.ProjectCode) (Outcome, error) {
	id := domain.NewProjectID()
	stream := domain.ProjectStreamID(id)
	res, err := s.store.Execute(ctx, s.command("ProposeProject", req, input), func(ctx context.Context) (eventstore.Decision, error) {
		var p domain.Project
		events, err := p.Propose(req.Actor, domain.ProposeProject{ID: id, Code: code, ProjectDetails: details})
		if err != nil {
			return eventstore.Decision{}, fmt.Errorf("ProposeProject: %w", err)
		}
		proposed, ok := events[0].(*domain.ProjectProposed)
		if !ok {
			return eventstore.Decision{}, fmt.Errorf("ProposeProject: first event is %T", events[0])
		}
		claimStream := domain.ProjectCodeStreamID(code)
		if claimed, _, err := s.store.LoadEvents(ctx, claimStream); err != nil {
			return eventstore.Decision{}, err
		} else if len(claimed) > 0 {
			return eventstore.Decision{}, fmt.Errorf("project code %s is already used by another project: %w", code, domain.ErrInvalid)
		}
		return eventstore.Decision{Data: Ref{ProjectID: id}, Appends: []eventstore.Append{
			{StreamID: stream, StreamType: domain.ProjectStreamType, Events: events},
			{StreamID: claimStream, StreamType: domain.ProjectCodeStreamType, Events: []domain.Event{domain.ClaimProjectCode(proposed)}},
		}}, nil
	})
	if err != nil {
		return Outcome{}, err
	}
	out, err := s.finish(ctx, res, stream)
	if err == nil {
		out.Version = 1
	}
	return out, err
}
