package readmodel

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Change is one value of an aggregate's state that an event changed.
type Change struct {
	Path   string          // a JSON Pointer (RFC 6901) into the state view, e.g. "/approvedBudget"
	Before json.RawMessage // nil when the value was absent (null)
	After  json.RawMessage // nil when the value is gone (null)
}

// aggregate is what the history folds: any aggregate of the domain.
type aggregate interface{ Apply(domain.Event) error }

// aggregates gives an empty aggregate for each stream type whose history shows changes: adding a
// kind of stream is one line here. Streams of other types show no changes.
var aggregates = map[string]func() aggregate{
	domain.ProjectStreamType:        func() aggregate { return &domain.Project{} },
	domain.FundStreamType:           func() aggregate { return &domain.Fund{} },
	domain.ApplicationStreamType:    func() aggregate { return &domain.FundingApplication{} },
	domain.PPPArrangementStreamType: func() aggregate { return &domain.PPPArrangement{} },
	domain.PPPLedgerStreamType:      func() aggregate { return &domain.PPPLedger{} },
}

// changePage computes the changes of a run of consecutive events of one stream (a page of a
// history, or one live event) at most once, when the first of them is asked for its changes.
//
// Cost: the aggregate is folded from version 1 to the page's last event (every earlier event is
// read and applied, O(stream length)), and the state view is taken before and after each event of
// the page (O(page size × state size)); events before the page are applied but not viewed. A
// project's stream holds tens to a few hundred events; a fund's grows with the applications it
// pays (about three events each).
type changePage struct {
	pool     *pgxpool.Pool
	stream   string
	from, to int                       // versions of the page's first and last events
	redact   func(view map[string]any) // hides what the reader may not see; nil: nothing

	once      sync.Once
	byVersion map[int][]*Change
	err       error
}

// changes returns the changes of the event at the version.
func (p *changePage) changes(ctx context.Context, version int) ([]*Change, error) {
	p.once.Do(func() { p.byVersion, p.err = p.compute(ctx) })
	if p.err != nil {
		return nil, p.err
	}
	if out := p.byVersion[version]; out != nil {
		return out, nil
	}
	return []*Change{}, nil
}

func (p *changePage) compute(ctx context.Context) (map[int][]*Change, error) {
	rows, err := p.pool.Query(ctx, `SELECT stream_type, stream_version, event_type, payload FROM events
		WHERE stream_id = $1 AND stream_version <= $2 ORDER BY stream_version`, p.stream, p.to)
	if err != nil {
		return nil, fmt.Errorf("read events of %s for their changes: %w", p.stream, err)
	}
	defer rows.Close()
	out := map[int][]*Change{}
	var agg aggregate
	var before map[string]any
	for rows.Next() {
		var streamType, eventType string
		var version int
		var payload []byte
		if err := rows.Scan(&streamType, &version, &eventType, &payload); err != nil {
			return nil, fmt.Errorf("read events of %s for their changes: %w", p.stream, err)
		}
		if agg == nil {
			mk, ok := aggregates[streamType]
			if !ok {
				return out, nil // a stream without a state view: no changes to show
			}
			agg = mk()
		}
		if version == p.from {
			before = p.view(agg)
		}
		e, err := domain.DecodeEvent(eventType, payload)
		if err != nil {
			return nil, fmt.Errorf("changes of %s: %w", p.stream, err)
		}
		if err := agg.Apply(e); err != nil {
			return nil, fmt.Errorf("changes of %s: %w", p.stream, err)
		}
		if version >= p.from {
			after := p.view(agg)
			list := []*Change{}
			diff("", before, after, &list)
			out[version] = list
			before = after
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read events of %s for their changes: %w", p.stream, err)
	}
	return out, nil
}

func (p *changePage) view(agg aggregate) map[string]any {
	v := stateView(agg)
	if p.redact != nil {
		p.redact(v)
	}
	return v
}

// diff appends the differences between two JSON trees, leaf by leaf where both sides are objects
// or both arrays, and as whole values otherwise (a new milestone is one change, not one per field).
func diff(path string, before, after any, out *[]*Change) {
	bm, bIsMap := before.(map[string]any)
	am, aIsMap := after.(map[string]any)
	if bIsMap && aIsMap {
		for _, k := range sortedKeys(bm, am) {
			diff(path+"/"+escapePointer(k), bm[k], am[k], out)
		}
		return
	}
	ba, bIsArr := before.([]any)
	aa, aIsArr := after.([]any)
	if bIsArr && aIsArr {
		for i := range max(len(ba), len(aa)) {
			diff(path+"/"+strconv.Itoa(i), at(ba, i), at(aa, i), out)
		}
		return
	}
	if reflect.DeepEqual(before, after) {
		return
	}
	*out = append(*out, &Change{Path: path, Before: rawJSON(before), After: rawJSON(after)})
}

func at(a []any, i int) any {
	if i < len(a) {
		return a[i]
	}
	return nil
}

// escapePointer escapes a key for a JSON Pointer (RFC 6901).
func escapePointer(k string) string {
	return strings.ReplaceAll(strings.ReplaceAll(k, "~", "~0"), "/", "~1")
}

func rawJSON(v any) json.RawMessage {
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return raw
}

// Changes is what the event changed in its aggregate's state: each value before and after it, in
// path order. Events of streams without a state view change nothing visible.
func (e *Event) Changes(ctx context.Context) ([]*Change, error) {
	if e.page == nil {
		return []*Change{}, nil
	}
	return e.page.changes(ctx, e.Version)
}

// HideScoresExcept makes the connection's changes leave out every expert's score and opinion but
// the one expert's (for an expert before the application's decision). Call it before reading
// any changes.
func (c *EventConnection) HideScoresExcept(expert string) {
	for _, e := range c.Edges {
		if e.Node.page != nil {
			e.Node.page.redact = func(v map[string]any) { redactScores(v, expert) }
			return // one page for the whole connection
		}
	}
}

// RecordedEvent is an event just read from the store (a live update) as the histories show it,
// its changes computed on demand like those of a one-event page.
func (s *Store) RecordedEvent(r eventstore.Recorded) *Event {
	return &Event{
		ID: r.EventID, Version: r.Version, Type: r.Type, Command: r.Command, Payload: r.Payload,
		Actor: r.Actor, CorrelationID: r.CorrelationID, RecordedAt: r.RecordedAt.UTC(),
		page: &changePage{pool: s.pool, stream: r.StreamID, from: r.Version, to: r.Version},
	}
}
