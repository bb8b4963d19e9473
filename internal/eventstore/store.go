// Package eventstore keeps every aggregate's events in PostgreSQL through watermill-sql: one topic
// table is the event store, optimistic concurrency is PostgreSQL's UNIQUE (stream_id,
// stream_version), a command's events commit in one transaction even across streams, and a
// client's idempotency key makes a retried command take effect once.
package eventstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/ThreeDotsLabs/watermill"
	wsql "github.com/ThreeDotsLabs/watermill-sql/v4/pkg/sql"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
)

// Store appends and loads event streams.
type Store struct {
	pool   *pgxpool.Pool
	schema schema
	pub    *wsql.Publisher // publishes every append, through appendExecutor
	now    func() time.Time
	commit *Signal
}

// Option adjusts a Store.
type Option func(*Store)

// WithClock replaces the wall clock that stamps recorded_at (tests and seeds use it).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithCommitSignal makes the store notify sig after every commit (projections in the same process
// listen to it instead of waiting for their next poll).
func WithCommitSignal(sig *Signal) Option { return func(s *Store) { s.commit = sig } }

// New returns a store over the pool. The schema must have been migrated. Every failure is
// returned; logger only receives the watermill publisher's own trace logs.
func New(pool *pgxpool.Pool, logger *slog.Logger, opts ...Option) *Store {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Store{pool: pool, schema: newSchema(), now: time.Now}
	for _, o := range opts {
		o(s)
	}
	pub, err := wsql.NewPublisher(appendExecutor{s}, wsql.PublisherConfig{SchemaAdapter: s.schema}, watermill.NewSlogLogger(logger))
	if err != nil {
		// Only a nil executor or an invalid config fails, and neither can happen here.
		panic(fmt.Sprintf("eventstore: watermill publisher: %v", err))
	}
	s.pub = pub
	return s
}

// Pool is the store's connection pool, for read models that share the database.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Command describes who runs which command, for the metadata of every event it records and for
// idempotent retries.
type Command struct {
	Name           string       // the command's name, e.g. "ApproveProject"
	Actor          domain.Actor // who runs it
	CorrelationID  string       // ties together everything one request caused
	IdempotencyKey string       // the client's key; empty when the client sent none
	RequestHash    string       // a digest of the request, to refuse a key reused for another request
}

// Append is the events to add to one stream, and the version the stream must be at before them
// (0 for a new stream).
type Append struct {
	StreamID        string
	StreamType      string
	ExpectedVersion int
	Events          []domain.Event
}

// Position is where in the store a transaction's events stand: subscribers read in
// (transaction id, offset) order, so this pair orders commits.
type Position struct {
	TxID   uint64 `json:"txId"`
	Offset int64  `json:"offset"`
}

// Result is what an append did.
type Result struct {
	Position Position        `json:"position"`
	Versions map[string]int  `json:"versions"` // stream id → its version after the append
	Data     json.RawMessage `json:"data,omitempty"`
	Replayed bool            `json:"-"` // the stored result of an earlier request with the same idempotency key
}

// ConflictError is a stale expected version: another command appended to the stream first.
type ConflictError struct {
	StreamID        string
	ExpectedVersion int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s was changed by someone else (expected it at version %d); reload and try again", e.StreamID, e.ExpectedVersion)
}

// Unwrap makes errors.Is(err, domain.ErrConflict) hold.
func (e *ConflictError) Unwrap() error { return domain.ErrConflict }

// ErrIdempotencyKeyReused is a key sent again with a different command or request.
var ErrIdempotencyKeyReused = fmt.Errorf("idempotency key already used for a different request: %w", domain.ErrInvalid)

// Append writes the appends in one transaction (one statement: see appendQuery): all of them or
// none. data is the command's own
// result (e.g. the ids it created); it is stored with the idempotency key and returned again,
// unchanged, to a retry.
func (s *Store) Append(ctx context.Context, cmd Command, data any, appends ...Append) (Result, error) {
	var raw json.RawMessage
	if data != nil {
		b, err := json.Marshal(data)
		if err != nil {
			return Result{}, fmt.Errorf("encode result of %s: %w", cmd.Name, err)
		}
		raw = b
	}
	msgs, versions, err := s.messages(cmd, appends)
	if err != nil {
		return Result{}, err
	}
	if len(msgs) == 0 {
		return Result{}, fmt.Errorf("%s: no events to append: %w", cmd.Name, domain.ErrInvalid)
	}
	res := Result{Versions: versions, Data: raw}
	// The watermill publisher builds the INSERT with the schema adapter and hands it to
	// appendExecutor, which finds this call in the first message's context, wraps the INSERT in the
	// one statement of appendQuery and scans the position.
	call := &appendCall{cmd: cmd, res: res}
	msgs[0].SetContext(context.WithValue(ctx, appendCallKey{}, call))
	err = s.pub.Publish(Topic, msgs...)
	if err == nil {
		res.Position = call.position
		if s.commit != nil {
			s.commit.Notify()
		}
		return res, nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23502" && pgErr.ColumnName == "stream_version" {
		// The guard in the insert (see schema.InsertQuery) found no event at an expected version:
		// it is ahead of the stream.
		return Result{}, s.gap(pgErr, appends)
	}
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		switch pgErr.ConstraintName {
		case "events_stream_version_key":
			return Result{}, s.conflict(pgErr, appends)
		case "commands_pkey":
			// The same key committed concurrently: answer with what that request did.
			prev, found, lerr := s.LookupCommand(ctx, cmd)
			if lerr != nil {
				return Result{}, lerr
			}
			if found {
				return prev, nil
			}
		}
	}
	return Result{}, fmt.Errorf("append %s: %w", cmd.Name, err)
}

// conflict names the stream whose expected version was stale.
func (s *Store) conflict(pgErr *pgconn.PgError, appends []Append) error {
	for _, a := range appends {
		// The detail reads: Key (stream_id, stream_version)=(project-…, 3) already exists.
		if containsStream(pgErr.Detail, a.StreamID) {
			return &ConflictError{StreamID: a.StreamID, ExpectedVersion: a.ExpectedVersion}
		}
	}
	if len(appends) > 0 {
		return &ConflictError{StreamID: appends[0].StreamID, ExpectedVersion: appends[0].ExpectedVersion}
	}
	return domain.ErrConflict
}

// gap names the stream whose expected version was ahead of it. The detail lists the refused row's
// values: ..., stream_id, stream_type, null, ...
func (s *Store) gap(pgErr *pgconn.PgError, appends []Append) error {
	var first *Append
	for i, a := range appends {
		if a.ExpectedVersion == 0 {
			continue
		}
		if first == nil {
			first = &appends[i]
		}
		if strings.Contains(pgErr.Detail, ", "+a.StreamID+", "+a.StreamType+", null,") {
			return &ConflictError{StreamID: a.StreamID, ExpectedVersion: a.ExpectedVersion}
		}
	}
	if first != nil {
		return &ConflictError{StreamID: first.StreamID, ExpectedVersion: first.ExpectedVersion}
	}
	return domain.ErrConflict
}

// appendQuery is the one statement that appends: the events' INSERT (the schema adapter's, the
// query a watermill publisher would run), the position the transaction's events stand at and,
// when the client sent an idempotency key, the command's result stored with the key, the position
// filled in by the server. A single statement is atomic on its own: the append costs one round
// trip and one commit, like a plain INSERT.
func (s *Store) appendQuery(cmd Command, res Result, ins wsql.Query) (wsql.Query, error) {
	q := `WITH appended AS (` + ins.Query + ` RETURNING "offset"),
		position AS (SELECT pg_current_xact_id() AS transaction_id, max("offset") AS "offset" FROM appended)`
	args := ins.Args
	if cmd.IdempotencyKey != "" {
		stored, err := json.Marshal(res)
		if err != nil {
			return wsql.Query{}, err
		}
		n := len(args)
		q += fmt.Sprintf(`,
		command AS (INSERT INTO commands (actor_user, idempotency_key, command, request_hash, result, recorded_at)
			SELECT $%d, $%d, $%d, $%d,
				jsonb_set($%d::jsonb, '{position}', jsonb_build_object('txId', transaction_id::text::numeric, 'offset', "offset")), $%d
			FROM position)`, n+1, n+2, n+3, n+4, n+5, n+6)
		args = append(args, cmd.Actor.UserID, cmd.IdempotencyKey, cmd.Name, cmd.RequestHash, string(stored), s.now())
	}
	q += `
		SELECT transaction_id::text, "offset" FROM position`
	return wsql.Query{Query: q, Args: args}, nil
}

func containsStream(detail, streamID string) bool {
	return strings.Contains(detail, "("+streamID+",")
}

// messages turns the appends into watermill messages carrying the stream columns in metadata.
func (s *Store) messages(cmd Command, appends []Append) ([]*message.Message, map[string]int, error) {
	recordedAt := s.now().UTC().Format(time.RFC3339Nano)
	versions := make(map[string]int, len(appends))
	var msgs []*message.Message
	for _, a := range appends {
		if a.StreamID == "" || a.StreamType == "" {
			return nil, nil, fmt.Errorf("%s: append without stream id or type", cmd.Name)
		}
		if _, dup := versions[a.StreamID]; dup {
			return nil, nil, fmt.Errorf("%s: stream %s appended twice in one command", cmd.Name, a.StreamID)
		}
		if a.ExpectedVersion < 0 {
			return nil, nil, fmt.Errorf("%s: negative expected version for %s", cmd.Name, a.StreamID)
		}
		v := a.ExpectedVersion
		for _, e := range a.Events {
			payload, err := json.Marshal(e)
			if err != nil {
				return nil, nil, fmt.Errorf("encode %s: %w", e.EventType(), err)
			}
			id, err := uuid.NewV7()
			if err != nil {
				return nil, nil, err
			}
			v++
			msg := message.NewMessage(id.String(), payload)
			msg.Metadata = message.Metadata{
				MetaStreamID:       a.StreamID,
				MetaStreamType:     a.StreamType,
				MetaStreamVersion:  strconv.Itoa(v),
				MetaEventType:      e.EventType(),
				MetaRecordedAt:     recordedAt,
				MetaActorUser:      cmd.Actor.UserID,
				MetaActorRole:      string(cmd.Actor.Role),
				MetaActorOrg:       cmd.Actor.OrgID,
				MetaCorrelationID:  cmd.CorrelationID,
				MetaIdempotencyKey: cmd.IdempotencyKey,
				MetaCommand:        cmd.Name,
			}
			msgs = append(msgs, msg)
		}
		versions[a.StreamID] = v
	}
	return msgs, versions, nil
}

// LookupCommand returns the stored result of an earlier command with the same actor and
// idempotency key. A key reused for another command or request is ErrIdempotencyKeyReused.
func (s *Store) LookupCommand(ctx context.Context, cmd Command) (Result, bool, error) {
	if cmd.IdempotencyKey == "" {
		return Result{}, false, nil
	}
	var name, hash string
	var raw []byte
	err := s.pool.QueryRow(ctx, `SELECT command, request_hash, result FROM commands WHERE actor_user=$1 AND idempotency_key=$2`,
		cmd.Actor.UserID, cmd.IdempotencyKey).Scan(&name, &hash, &raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return Result{}, false, nil
	}
	if err != nil {
		return Result{}, false, fmt.Errorf("look up idempotency key: %w", err)
	}
	if name != cmd.Name || hash != cmd.RequestHash {
		return Result{}, false, fmt.Errorf("key %q was first used for %s: %w", cmd.IdempotencyKey, name, ErrIdempotencyKeyReused)
	}
	var res Result
	if err := json.Unmarshal(raw, &res); err != nil {
		return Result{}, false, fmt.Errorf("decode stored result: %w", err)
	}
	if len(res.Data) > 0 {
		// JSONB re-spaces what it stores; compact it so a replay answers with the very bytes
		// the first call returned.
		var buf bytes.Buffer
		if err := json.Compact(&buf, res.Data); err != nil {
			return Result{}, false, fmt.Errorf("decode stored result: %w", err)
		}
		res.Data = buf.Bytes()
	}
	res.Replayed = true
	return res, true, nil
}

// appendCall carries one Append through the watermill publisher to appendExecutor: the command and
// its result going in, the position coming out.
type appendCall struct {
	cmd      Command
	res      Result
	position Position
}

type appendCallKey struct{}

// appendExecutor is the store's watermill-sql executor. The publisher runs the schema adapter's
// INSERT through ExecContext; the executor runs it inside appendQuery's single statement (gap
// guard, idempotency record, position), so an append is one round trip and one commit.
type appendExecutor struct{ s *Store }

func (e appendExecutor) ExecContext(ctx context.Context, query string, args ...any) (wsql.Result, error) {
	call, ok := ctx.Value(appendCallKey{}).(*appendCall)
	if !ok {
		return nil, errors.New("eventstore: publish outside Store.Append")
	}
	q, err := e.s.appendQuery(call.cmd, call.res, wsql.Query{Query: query, Args: args})
	if err != nil {
		return nil, err
	}
	var txid string
	if err := e.s.pool.QueryRow(ctx, q.Query, q.Args...).Scan(&txid, &call.position.Offset); err != nil {
		return nil, err
	}
	if call.position.TxID, err = strconv.ParseUint(txid, 10, 64); err != nil {
		return nil, fmt.Errorf("parse transaction id %q: %w", txid, err)
	}
	return appended{}, nil
}

func (appendExecutor) QueryContext(context.Context, string, ...any) (wsql.Rows, error) {
	return nil, errors.New("eventstore: the publisher's executor only appends")
}

// appended is the executor's wsql.Result; the publisher does not read it.
type appended struct{}

func (appended) RowsAffected() (int64, error) { return 0, nil }
