package app

import (
	"context"
	"fmt"

	"github.com/smartcity/portfolio/domain"
)

// FundAction is a domain command method of a fund bound to its input.
type FundAction func(f *domain.Fund, actor domain.Actor) ([]domain.Event, error)

// ApplicationAction decides a command on a funding application. It sees the application, its
// fund and its project, and returns the events for the application and for the fund; the two
// streams are appended in one transaction, so money reserved, paid or returned in the fund always
// matches the application. The project is only read.
type ApplicationAction func(x *domain.FundingApplication, f *domain.Fund, p *domain.Project, actor domain.Actor) (appEvents, fundEvents []domain.Event, err error)

func fundStream(id domain.FundID, optional bool) Stream {
	return Stream{ID: domain.FundStreamID(id), Type: domain.FundStreamType, Entity: "fund", EntityID: string(id), Optional: optional}
}

func projectStream(id domain.ProjectID) Stream {
	return Stream{ID: domain.ProjectStreamID(id), Type: domain.ProjectStreamType, Entity: "project", EntityID: string(id)}
}

func applicationStream(id domain.ApplicationID, optional bool) Stream {
	return Stream{ID: domain.ApplicationStreamID(id), Type: domain.ApplicationStreamType, Entity: "funding application", EntityID: string(id), Optional: optional}
}

// EstablishFund creates a fund with a newly minted id.
func (s *Service) EstablishFund(ctx context.Context, req Request, input any, c domain.EstablishFund) (Outcome, error) {
	c.ID = domain.NewFundID()
	st := fundStream(c.ID, true)
	return s.OnStreams(ctx, req, "EstablishFund", input, Ref{FundID: c.ID}, []Stream{st}, func(l map[string]Loaded) (map[string][]domain.Event, error) {
		var f domain.Fund
		events, err := f.Establish(req.Actor, c)
		return map[string][]domain.Event{st.ID: events}, err
	})
}

// OnFund runs one command on an existing fund.
func (s *Service) OnFund(ctx context.Context, req Request, name string, id domain.FundID, input any, act FundAction) (Outcome, error) {
	st := fundStream(id, false)
	return s.OnStreams(ctx, req, name, input, Ref{FundID: id}, []Stream{st}, func(l map[string]Loaded) (map[string][]domain.Event, error) {
		f, err := domain.ReplayFund(l[st.ID].Events)
		if err != nil {
			return nil, err
		}
		events, err := act(f, req.Actor)
		return map[string][]domain.Event{st.ID: events}, err
	})
}

// DraftApplication creates a funding application of a project against a fund, with a newly
// minted id. The domain checks the project (the owner's own, in a fundable status) and the fund
// (open, allowing the support mode, big enough).
func (s *Service) DraftApplication(ctx context.Context, req Request, input any, project domain.ProjectID, fund domain.FundID, c domain.DraftApplication) (Outcome, error) {
	c.ID = domain.NewApplicationID()
	appSt, fundSt, projSt := applicationStream(c.ID, true), fundStream(fund, false), projectStream(project)
	ref := Ref{ApplicationID: c.ID, FundID: fund, ProjectID: project}
	return s.OnStreams(ctx, req, "DraftApplication", input, ref, []Stream{appSt, fundSt, projSt}, func(l map[string]Loaded) (map[string][]domain.Event, error) {
		f, p, err := replayFundAndProject(l[fundSt.ID], l[projSt.ID])
		if err != nil {
			return nil, err
		}
		var x domain.FundingApplication
		events, err := x.Draft(req.Actor, p, f, c)
		return map[string][]domain.Event{appSt.ID: events}, err
	})
}

// OnApplication runs one command on an existing funding application, with its fund and project
// loaded for the domain to check against.
func (s *Service) OnApplication(ctx context.Context, req Request, name string, id domain.ApplicationID, input any, ref Ref, act ApplicationAction) (Outcome, error) {
	// The fund and the project an application belongs to never change: read them first to know
	// which streams the command reads.
	events, _, err := s.store.LoadEvents(ctx, domain.ApplicationStreamID(id))
	if err != nil {
		return Outcome{}, err
	}
	if len(events) == 0 {
		return Outcome{}, &domain.NotFoundError{Entity: "funding application", ID: string(id)}
	}
	first, err := domain.ReplayFundingApplication(events)
	if err != nil {
		return Outcome{}, err
	}
	appSt, fundSt, projSt := applicationStream(id, false), fundStream(first.FundID(), false), projectStream(first.ProjectID())
	ref.ApplicationID, ref.FundID, ref.ProjectID = id, first.FundID(), first.ProjectID()
	return s.OnStreams(ctx, req, name, input, ref, []Stream{appSt, fundSt, projSt}, func(l map[string]Loaded) (map[string][]domain.Event, error) {
		x, err := domain.ReplayFundingApplication(l[appSt.ID].Events)
		if err != nil {
			return nil, err
		}
		f, p, err := replayFundAndProject(l[fundSt.ID], l[projSt.ID])
		if err != nil {
			return nil, err
		}
		appEvents, fundEvents, err := act(x, f, p, req.Actor)
		if err != nil {
			return nil, err
		}
		return map[string][]domain.Event{appSt.ID: appEvents, fundSt.ID: fundEvents}, nil
	})
}

func replayFundAndProject(fund, project Loaded) (*domain.Fund, *domain.Project, error) {
	f, err := domain.ReplayFund(fund.Events)
	if err != nil {
		return nil, nil, fmt.Errorf("replay fund: %w", err)
	}
	p, err := domain.ReplayProject(project.Events)
	if err != nil {
		return nil, nil, fmt.Errorf("replay project: %w", err)
	}
	return f, p, nil
}

// Fund loads a fund's current state from its events.
func (s *Service) Fund(ctx context.Context, id domain.FundID) (*domain.Fund, error) {
	events, _, err := s.store.LoadEvents(ctx, domain.FundStreamID(id))
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, &domain.NotFoundError{Entity: "fund", ID: string(id)}
	}
	return domain.ReplayFund(events)
}

// Application loads a funding application's current state from its events.
func (s *Service) Application(ctx context.Context, id domain.ApplicationID) (*domain.FundingApplication, error) {
	events, _, err := s.store.LoadEvents(ctx, domain.ApplicationStreamID(id))
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, &domain.NotFoundError{Entity: "funding application", ID: string(id)}
	}
	return domain.ReplayFundingApplication(events)
}
