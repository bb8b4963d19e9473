package readmodel

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Event is one recorded event of a project's stream with who recorded it and why.
type Event struct {
	ID            string
	Version       int
	Type          string
	Command       string
	Payload       json.RawMessage
	Actor         domain.Actor
	CorrelationID string
	RecordedAt    time.Time

	page *changePage // computes Changes, shared by the events of one page
}

// EventEdge is an event and its cursor.
type EventEdge struct {
	Cursor string
	Node   *Event
}

// EventConnection is a page of one stream's events, oldest first.
type EventConnection struct {
	Edges      []*EventEdge
	PageInfo   *PageInfo
	TotalCount int
}

// History reads a page of a project's events from the event store, in stream order, after the
// cursor. A project without events is NotFound.
func (s *Store) History(ctx context.Context, id domain.ProjectID, first int, after *string) (*EventConnection, error) {
	return s.StreamHistory(ctx, domain.ProjectStreamID(id), "project", string(id), first, after)
}

// FundHistory reads a page of a fund's events; a fund without events is NotFound.
func (s *Store) FundHistory(ctx context.Context, id domain.FundID, first int, after *string) (*EventConnection, error) {
	return s.StreamHistory(ctx, domain.FundStreamID(id), "fund", string(id), first, after)
}

// ApplicationHistory reads a page of a funding application's events; one without events is NotFound.
func (s *Store) ApplicationHistory(ctx context.Context, id domain.ApplicationID, first int, after *string) (*EventConnection, error) {
	return s.StreamHistory(ctx, domain.ApplicationStreamID(id), "funding application", string(id), first, after)
}

// StreamHistory reads a page of one stream's events, in stream order, after the cursor; entity
// and id name the stream's aggregate when it has no events (NotFound).
func (s *Store) StreamHistory(ctx context.Context, stream, entity, id string, first int, after *string) (*EventConnection, error) {
	key, err := decodeCursor("event", after)
	if err != nil {
		return nil, err
	}
	afterVersion := 0
	if key != "" {
		if afterVersion, err = strconv.Atoi(key); err != nil || afterVersion < 1 {
			return nil, &domain.ValidationError{Field: "after", Reason: fmt.Sprintf("%q is not a cursor of this list", *after)}
		}
	}
	conn := &EventConnection{}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM events WHERE stream_id = $1`, stream).Scan(&conn.TotalCount); err != nil {
		return nil, fmt.Errorf("count events of %s: %w", stream, err)
	}
	if conn.TotalCount == 0 {
		return nil, &domain.NotFoundError{Entity: entity, ID: id}
	}
	rows, err := s.pool.Query(ctx, `SELECT uuid, stream_version, event_type, payload, metadata, recorded_at
		FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version LIMIT $3`, stream, afterVersion, first+1)
	if err != nil {
		return nil, fmt.Errorf("read events of %s: %w", stream, err)
	}
	events, err := pgx.CollectRows(rows, scanEvent)
	if err != nil {
		return nil, fmt.Errorf("read events of %s: %w", stream, err)
	}
	hasNext := len(events) > first
	if hasNext {
		events = events[:first]
	}
	conn.Edges = make([]*EventEdge, len(events))
	cursors := make([]string, len(events))
	if len(events) > 0 {
		page := &changePage{pool: s.pool, stream: stream, from: events[0].Version, to: events[len(events)-1].Version}
		for _, e := range events {
			e.page = page
		}
	}
	for i, e := range events {
		cursors[i] = encodeCursor("event", strconv.Itoa(e.Version))
		conn.Edges[i] = &EventEdge{Cursor: cursors[i], Node: e}
	}
	conn.PageInfo = pageInfo(cursors, hasNext, afterVersion > 0)
	return conn, nil
}

func scanEvent(row pgx.CollectableRow) (*Event, error) {
	var e Event
	var meta []byte
	if err := row.Scan(&e.ID, &e.Version, &e.Type, &e.Payload, &meta, &e.RecordedAt); err != nil {
		return nil, err
	}
	var md map[string]string
	if err := json.Unmarshal(meta, &md); err != nil {
		return nil, fmt.Errorf("metadata of event %s: %w", e.ID, err)
	}
	e.Actor = domain.Actor{UserID: md[eventstore.MetaActorUser], Role: domain.Role(md[eventstore.MetaActorRole]), OrgID: md[eventstore.MetaActorOrg]}
	e.Command, e.CorrelationID = md[eventstore.MetaCommand], md[eventstore.MetaCorrelationID]
	e.RecordedAt = e.RecordedAt.UTC()
	return &e, nil
}
