package eventstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
)

// Recorded is one stored event with everything recorded about it.
type Recorded struct {
	Position      Position
	EventID       string
	StreamID      string
	StreamType    string
	Version       int
	Type          string
	Payload       json.RawMessage
	RecordedAt    time.Time
	Actor         domain.Actor
	CorrelationID string
	Command       string
}

// Event decodes the payload into its domain event.
func (r Recorded) Event() (domain.Event, error) { return domain.DecodeEvent(r.Type, r.Payload) }

// recordedColumns reads the metadata fields a Recorded carries out of the JSONB in the server,
// which is cheaper than sending the whole metadata and decoding it in Go.
const recordedColumns = `"offset", transaction_id::text AS txid_text, uuid, stream_id, stream_type, stream_version, event_type, payload, recorded_at,
	coalesce(metadata->>'` + MetaActorUser + `', ''), coalesce(metadata->>'` + MetaActorRole + `', ''), coalesce(metadata->>'` + MetaActorOrg + `', ''),
	coalesce(metadata->>'` + MetaCorrelationID + `', ''), coalesce(metadata->>'` + MetaCommand + `', '')`

func scanRecorded(row pgx.Row) (Recorded, error) {
	var r Recorded
	var txid, role string
	if err := row.Scan(&r.Position.Offset, &txid, &r.EventID, &r.StreamID, &r.StreamType, &r.Version, &r.Type, &r.Payload, &r.RecordedAt,
		&r.Actor.UserID, &role, &r.Actor.OrgID, &r.CorrelationID, &r.Command); err != nil {
		return Recorded{}, err
	}
	r.Actor.Role = domain.Role(role)
	var err error
	if r.Position.TxID, err = strconv.ParseUint(txid, 10, 64); err != nil {
		return Recorded{}, fmt.Errorf("parse transaction id %q: %w", txid, err)
	}
	return r, nil
}

// Load returns a stream's events in version order; none for a stream that does not exist.
func (s *Store) Load(ctx context.Context, streamID string) ([]Recorded, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+recordedColumns+` FROM events WHERE stream_id = $1 ORDER BY stream_version`, streamID)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", streamID, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Recorded, error) { return scanRecorded(row) })
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", streamID, err)
	}
	return out, nil
}

// LoadEvents is Load decoded into domain events, with the stream's current version.
func (s *Store) LoadEvents(ctx context.Context, streamID string) ([]domain.Event, int, error) {
	recs, err := s.Load(ctx, streamID)
	if err != nil {
		return nil, 0, err
	}
	events := make([]domain.Event, len(recs))
	for i, r := range recs {
		if events[i], err = r.Event(); err != nil {
			return nil, 0, fmt.Errorf("load %s: %w", streamID, err)
		}
	}
	return events, len(recs), nil
}

// ReadBatch returns up to limit events after the position, in commit order, and only from
// transactions that can no longer be overtaken (below the oldest running transaction), exactly the
// rule watermill's subscriber follows, so a reader that stops at the last one returned never skips
// an event that commits later. The position test is a row comparison so that it is a range scan
// of the primary key: watermill's own form ((transaction_id = t AND "offset" > o) OR
// transaction_id > t) scans the index from its start, which made catching up over a million
// events quadratic (measured: 159 ms vs 0.8 ms per 2,000-event batch, 640,000 events in).
func ReadBatch(ctx context.Context, q pgx.Tx, after Position, limit int) ([]Recorded, error) {
	var out []Recorded
	b := &pgx.Batch{}
	QueueReadBatch(b, after, limit, &out)
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return nil, err
	}
	return out, nil
}

// QueueReadBatch queues ReadBatch's query on b, so that it can go to the server with other
// statements in one round trip; the events are stored in *out when b's results are read.
func QueueReadBatch(b *pgx.Batch, after Position, limit int, out *[]Recorded) {
	b.Queue(`SELECT `+recordedColumns+` FROM events
		WHERE (transaction_id, "offset") > ($1::text::xid8, $2)
		  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
		ORDER BY transaction_id, "offset" LIMIT $3`, strconv.FormatUint(after.TxID, 10), after.Offset, limit).Query(func(rows pgx.Rows) error {
		recs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Recorded, error) { return scanRecorded(row) })
		if err != nil {
			return fmt.Errorf("read events after %v: %w", after, err)
		}
		*out = recs
		return nil
	})
}

func jsonMetadata(md message.Metadata) (string, error) {
	b, err := json.Marshal(md)
	if err != nil {
		return "", fmt.Errorf("encode metadata: %w", err)
	}
	return string(b), nil
}
