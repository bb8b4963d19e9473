package eventstore

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	wsql "github.com/ThreeDotsLabs/watermill-sql/v4/pkg/sql"
)

// Topic is the one watermill topic every aggregate's events are published to; its table is the
// event store.
const Topic = "events"

// Metadata keys every event message carries. The schema adapter copies the stream ones into
// their own columns; all of them stay in the metadata JSON too, so subscribers see them.
const (
	MetaStreamID       = "stream_id"
	MetaStreamType     = "stream_type"
	MetaStreamVersion  = "stream_version"
	MetaEventType      = "event_type"
	MetaRecordedAt     = "recorded_at"
	MetaActorUser      = "actor_user"
	MetaActorRole      = "actor_role"
	MetaActorOrg       = "actor_org"
	MetaCorrelationID  = "correlation_id"
	MetaIdempotencyKey = "idempotency_key"
	MetaCommand        = "command"
)

// schema is watermill's PostgreSQL schema adapter with the stream columns added. The table itself
// is created by the migrations (with UNIQUE (stream_id, stream_version)), never by watermill.
type schema struct {
	wsql.DefaultPostgreSQLSchema
}

func newSchema() schema {
	return schema{wsql.DefaultPostgreSQLSchema{GenerateMessagesTableName: func(string) string { return `"events"` }}}
}

// SchemaInitializingQueries returns nothing: the migrations own the schema.
func (s schema) SchemaInitializingQueries(wsql.SchemaInitializingQueriesParams) ([]wsql.Query, error) {
	return nil, nil
}

// InsertQuery writes one multi-row INSERT with the stream columns taken from each message's
// metadata. pg_current_xact_id() stays in it: subscribers order and gate on the transaction id.
// Messages of one stream must come in version order, as Store.Append makes them.
func (s schema) InsertQuery(params wsql.InsertQueryParams) (wsql.Query, error) {
	var b strings.Builder
	b.WriteString(`INSERT INTO events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at) VALUES `)
	args := make([]any, 0, len(params.Msgs)*8)
	seen := make(map[string]bool) // streams with an event earlier in this insert
	for i, msg := range params.Msgs {
		version, err := strconv.Atoi(msg.Metadata.Get(MetaStreamVersion))
		if err != nil || version < 1 {
			return wsql.Query{}, fmt.Errorf("message %s: bad %s %q", msg.UUID, MetaStreamVersion, msg.Metadata.Get(MetaStreamVersion))
		}
		recordedAt, err := time.Parse(time.RFC3339Nano, msg.Metadata.Get(MetaRecordedAt))
		if err != nil {
			return wsql.Query{}, fmt.Errorf("message %s: bad %s: %w", msg.UUID, MetaRecordedAt, err)
		}
		streamID, streamType, eventType := msg.Metadata.Get(MetaStreamID), msg.Metadata.Get(MetaStreamType), msg.Metadata.Get(MetaEventType)
		if streamID == "" || streamType == "" || eventType == "" {
			return wsql.Query{}, fmt.Errorf("message %s: stream id, stream type and event type are required", msg.UUID)
		}
		metadata, err := jsonMetadata(msg.Metadata)
		if err != nil {
			return wsql.Query{}, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		n := len(args)
		versionValue := fmt.Sprintf("$%d::integer", n+6)
		if version > 1 && !seen[streamID] {
			// The gap guard: the first event appended to an existing stream must follow an event
			// that is there. Its version is taken from that predecessor's row, so when there is
			// none (an expected version ahead of the stream) it is NULL and the NOT NULL
			// constraint refuses the whole insert. UNIQUE (stream_id, stream_version) refuses an
			// expected version behind the stream.
			versionValue = fmt.Sprintf("(SELECT $%[1]d::integer FROM events WHERE stream_id = $%[2]d AND stream_version = $%[1]d::integer - 1)", n+6, n+4)
		}
		seen[streamID] = true
		fmt.Fprintf(&b, "($%d,$%d,$%d,pg_current_xact_id(),$%d,$%d,%s,$%d,$%d)", n+1, n+2, n+3, n+4, n+5, versionValue, n+7, n+8)
		args = append(args, msg.UUID, string(msg.Payload), metadata, streamID, streamType, version, eventType, recordedAt)
	}
	return wsql.Query{Query: b.String(), Args: args}, nil
}
