package app

import (
	"context"
	"fmt"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Stream names a stream a command reads, and whether it must exist.
type Stream struct {
	ID       string
	Type     string
	Entity   string // for the not-found message, e.g. "fund"
	EntityID string
	Optional bool // a stream the command may create
}

// Loaded is a stream's events as the command found them.
type Loaded struct {
	Events  []domain.Event
	Version int
}

// MultiDecide sees every loaded stream and returns the events to append, by stream id. Streams it
// returns nothing for are only read: their versions are not checked at commit, so a decision may
// rely only on facts about them that cannot be undone (a milestone once achieved stays achieved);
// anything that must not change underneath it has to be a stream it appends to.
type MultiDecide func(loaded map[string]Loaded) (map[string][]domain.Event, error)

// OnStreams runs a command that reads several aggregates and appends to one or more of them in
// one transaction: all of its events commit, or none. The client's ExpectedVersion, if any, applies
// to the first stream. A lost race on any stream re-runs the decision on fresh state.
func (s *Service) OnStreams(ctx context.Context, req Request, name string, input any, ref Ref, streams []Stream, decide MultiDecide) (Outcome, error) {
	if len(streams) == 0 {
		return Outcome{}, fmt.Errorf("%s: no streams", name)
	}
	res, err := s.store.Execute(ctx, s.command(name, req, struct {
		Streams []string
		Input   any
	}{existingStreamIDs(streams), input}), func(ctx context.Context) (eventstore.Decision, error) {
		loaded := make(map[string]Loaded, len(streams))
		for _, st := range streams {
			events, version, err := s.store.LoadEvents(ctx, st.ID)
			if err != nil {
				return eventstore.Decision{}, err
			}
			if version == 0 && !st.Optional {
				return eventstore.Decision{}, &domain.NotFoundError{Entity: st.Entity, ID: st.EntityID}
			}
			loaded[st.ID] = Loaded{Events: events, Version: version}
		}
		first := streams[0].ID
		if req.ExpectedVersion != nil && *req.ExpectedVersion != loaded[first].Version {
			return eventstore.Decision{}, &eventstore.ConflictError{StreamID: first, ExpectedVersion: *req.ExpectedVersion}
		}
		out, err := decide(loaded)
		if err != nil {
			return eventstore.Decision{}, fmt.Errorf("%s: %w", name, err)
		}
		var appends []eventstore.Append
		for _, st := range streams {
			if events := out[st.ID]; len(events) > 0 {
				appends = append(appends, eventstore.Append{StreamID: st.ID, StreamType: st.Type, ExpectedVersion: loaded[st.ID].Version, Events: events})
			}
		}
		return eventstore.Decision{Data: ref, Appends: appends}, nil
	})
	if err != nil {
		return Outcome{}, err
	}
	return s.finish(ctx, res, streams[0].ID)
}

// existingStreamIDs names the streams a request is about, for its idempotency hash. Streams a
// command may create are left out: their ids are minted anew on every attempt, and a retry must
// hash the same as the first try.
func existingStreamIDs(streams []Stream) []string {
	var out []string
	for _, s := range streams {
		if !s.Optional {
			out = append(out, s.ID)
		}
	}
	return out
}
