package app

import (
	"context"

	"github.com/smartcity/portfolio/domain"
)

// PPPAction decides a command on a PPP arrangement. It sees the arrangement and its region's
// fiscal affordability ledger and returns events for each; both streams are appended in one
// transaction, so the headroom an arrangement reserves at the preparation gate (or releases when
// it is cancelled) can never be taken twice: two arrangements approved at the same moment race on
// the ledger's version, and the loser is decided again on the fresh ledger.
type PPPAction func(x *domain.PPPArrangement, ledger *domain.PPPLedger, actor domain.Actor) (arrEvents, ledgerEvents []domain.Event, err error)

// LedgerAction is a domain command of a region's affordability ledger bound to its input.
type LedgerAction func(l *domain.PPPLedger, actor domain.Actor) ([]domain.Event, error)

func arrangementStream(id domain.PPPArrangementID, optional bool) Stream {
	return Stream{ID: domain.PPPArrangementStreamID(id), Type: domain.PPPArrangementStreamType, Entity: "PPP arrangement", EntityID: string(id), Optional: optional}
}

func ledgerStream(region domain.RegionCode) Stream {
	// A region's ledger exists once the finance bureau opens it; commands that need budgets get a
	// clear domain error from an empty one rather than a not-found.
	return Stream{ID: domain.PPPLedgerStreamID(region), Type: domain.PPPLedgerStreamType, Entity: "PPP ledger", EntityID: string(region), Optional: true}
}

// IdentifyPPP creates a PPP arrangement for a project (the identification stage, 识别), with a
// newly minted id.
func (s *Service) IdentifyPPP(ctx context.Context, req Request, input any, project domain.ProjectID, c domain.IdentifyPPP) (Outcome, error) {
	c.ID = domain.NewPPPArrangementID()
	arrSt, projSt := arrangementStream(c.ID, true), projectStream(project)
	return s.OnStreams(ctx, req, "IdentifyPPP", input, Ref{ArrangementID: c.ID, ProjectID: project}, []Stream{arrSt, projSt},
		func(l map[string]Loaded) (map[string][]domain.Event, error) {
			p, err := domain.ReplayProject(l[projSt.ID].Events)
			if err != nil {
				return nil, err
			}
			var x domain.PPPArrangement
			events, err := x.Identify(req.Actor, p, c)
			return map[string][]domain.Event{arrSt.ID: events}, err
		})
}

// OnPPP runs one command on an existing arrangement, with its region's ledger loaded.
func (s *Service) OnPPP(ctx context.Context, req Request, name string, id domain.PPPArrangementID, input any, ref Ref, act PPPAction) (Outcome, error) {
	x, err := s.PPPArrangement(ctx, id)
	if err != nil {
		return Outcome{}, err
	}
	// The region of an arrangement is its project's and never changes.
	arrSt, ledSt := arrangementStream(id, false), ledgerStream(x.Region())
	ref.ArrangementID, ref.ProjectID, ref.Region = id, x.ProjectID(), x.Region()
	return s.OnStreams(ctx, req, name, input, ref, []Stream{arrSt, ledSt}, func(l map[string]Loaded) (map[string][]domain.Event, error) {
		x, err := domain.ReplayPPPArrangement(l[arrSt.ID].Events)
		if err != nil {
			return nil, err
		}
		ledger, err := domain.ReplayPPPLedger(l[ledSt.ID].Events)
		if err != nil {
			return nil, err
		}
		arrEvents, ledgerEvents, err := act(x, ledger, req.Actor)
		if err != nil {
			return nil, err
		}
		return map[string][]domain.Event{arrSt.ID: arrEvents, ledSt.ID: ledgerEvents}, nil
	})
}

// OnLedger runs one command on a region's fiscal affordability ledger (opening it, recording a
// year's general public budget, setting an affordability rule).
func (s *Service) OnLedger(ctx context.Context, req Request, name string, region domain.RegionCode, input any, act LedgerAction) (Outcome, error) {
	st := ledgerStream(region)
	return s.OnStreams(ctx, req, name, input, Ref{Region: region}, []Stream{st}, func(l map[string]Loaded) (map[string][]domain.Event, error) {
		ledger, err := domain.ReplayPPPLedger(l[st.ID].Events)
		if err != nil {
			return nil, err
		}
		events, err := act(ledger, req.Actor)
		return map[string][]domain.Event{st.ID: events}, err
	})
}

// PPPArrangement loads an arrangement's current state from its events.
func (s *Service) PPPArrangement(ctx context.Context, id domain.PPPArrangementID) (*domain.PPPArrangement, error) {
	events, _, err := s.store.LoadEvents(ctx, domain.PPPArrangementStreamID(id))
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, &domain.NotFoundError{Entity: "PPP arrangement", ID: string(id)}
	}
	return domain.ReplayPPPArrangement(events)
}

// PPPLedger loads a region's ledger; a region whose ledger was never opened has an empty one.
func (s *Service) PPPLedger(ctx context.Context, region domain.RegionCode) (*domain.PPPLedger, error) {
	events, _, err := s.store.LoadEvents(ctx, domain.PPPLedgerStreamID(region))
	if err != nil {
		return nil, err
	}
	return domain.ReplayPPPLedger(events)
}
