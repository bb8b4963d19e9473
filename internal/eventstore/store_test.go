package eventstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// noted is a stand-in event: the store does not care what an event means.
type noted struct {
	Text string `json:"text"`
}

func (noted) EventType() string { return "TestNoted.v1" }

var alice = domain.Actor{UserID: "alice", Role: domain.RoleOwner, OrgID: "xz-bigdata"}

func newStore(t *testing.T) *eventstore.Store {
	t.Helper()
	db := testdb.New(t)
	return eventstore.New(db.Pool, nil)
}

func note(texts ...string) []domain.Event {
	out := make([]domain.Event, len(texts))
	for i, s := range texts {
		out[i] = noted{Text: s}
	}
	return out
}

func cmd(name string) eventstore.Command {
	return eventstore.Command{Name: name, Actor: alice, CorrelationID: "corr-1"}
}

func TestAppendThenLoadReturnsEventsInVersionOrderWithTheirMetadata(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	res, err := s.Append(ctx, cmd("Note"), map[string]string{"id": "s-1"},
		eventstore.Append{StreamID: "s-1", StreamType: "test", ExpectedVersion: 0, Events: note("a", "b")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Versions["s-1"] != 2 || res.Position.TxID == 0 || res.Position.Offset == 0 {
		t.Fatalf("result = %+v, want version 2 and a position", res)
	}
	recs, err := s.Load(ctx, "s-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("loaded %d events, want 2", len(recs))
	}
	for i, r := range recs {
		if r.Version != i+1 || r.Type != "TestNoted.v1" || r.StreamType != "test" || r.Actor != alice || r.CorrelationID != "corr-1" || r.Command != "Note" {
			t.Errorf("event %d = %+v", i, r)
		}
		if r.Position.TxID != res.Position.TxID {
			t.Errorf("event %d in transaction %d, want %d", i, r.Position.TxID, res.Position.TxID)
		}
		if time.Since(r.RecordedAt) > time.Minute {
			t.Errorf("recorded_at %v is not now", r.RecordedAt)
		}
	}
	if string(recs[1].Payload) != `{"text": "b"}` && string(recs[1].Payload) != `{"text":"b"}` {
		t.Errorf("payload = %s", recs[1].Payload)
	}
}

func TestAStaleExpectedVersionIsAConflictAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "s-1", StreamType: "test", Events: note("a")}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "s-1", StreamType: "test", ExpectedVersion: 0, Events: note("again")})
	var conflict *eventstore.ConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, domain.ErrConflict) || conflict.StreamID != "s-1" {
		t.Fatalf("err = %v, want a conflict on s-1", err)
	}
	recs, _ := s.Load(ctx, "s-1")
	if len(recs) != 1 {
		t.Fatalf("stream has %d events, want 1", len(recs))
	}
}

func TestAMultiStreamCommandIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "fund-1", StreamType: "test", Events: note("pool")}); err != nil {
		t.Fatal(err)
	}
	// The application stream is new and would succeed; the fund is stale: neither may be written.
	_, err := s.Append(ctx, cmd("Approve"), nil,
		eventstore.Append{StreamID: "app-1", StreamType: "test", ExpectedVersion: 0, Events: note("approved")},
		eventstore.Append{StreamID: "fund-1", StreamType: "test", ExpectedVersion: 0, Events: note("reserved")})
	var conflict *eventstore.ConflictError
	if !errors.As(err, &conflict) || conflict.StreamID != "fund-1" {
		t.Fatalf("err = %v, want a conflict naming fund-1", err)
	}
	for stream, want := range map[string]int{"app-1": 0, "fund-1": 1} {
		recs, _ := s.Load(ctx, stream)
		if len(recs) != want {
			t.Errorf("%s has %d events, want %d", stream, len(recs), want)
		}
	}
	// And when both are right, both are written in one transaction.
	res, err := s.Append(ctx, cmd("Approve"), nil,
		eventstore.Append{StreamID: "app-1", StreamType: "test", ExpectedVersion: 0, Events: note("approved")},
		eventstore.Append{StreamID: "fund-1", StreamType: "test", ExpectedVersion: 1, Events: note("reserved")})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Load(ctx, "app-1")
	f, _ := s.Load(ctx, "fund-1")
	if len(a) != 1 || len(f) != 2 || a[0].Position.TxID != res.Position.TxID || f[1].Position.TxID != res.Position.TxID {
		t.Fatalf("app %+v fund %+v not in one transaction %d", a, f, res.Position.TxID)
	}
}

func TestTwentyConcurrentWritersOnOneStreamWinEachVersionExactlyOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	const writers, perWriter = 20, 10
	var mu sync.Mutex
	wins := map[int]string{} // version → writer
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for done := 0; done < perWriter; {
				recs, err := s.Load(ctx, "hot")
				if err != nil {
					errs <- err
					return
				}
				v := len(recs)
				text := fmt.Sprintf("w%d-%d", w, done)
				_, err = s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "hot", StreamType: "test", ExpectedVersion: v, Events: note(text)})
				if errors.Is(err, domain.ErrConflict) {
					continue // lost this version to another writer: reload and retry
				}
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				if prev, taken := wins[v+1]; taken {
					errs <- fmt.Errorf("version %d won twice: %s and %s", v+1, prev, text)
				}
				wins[v+1] = text
				mu.Unlock()
				done++
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	recs, err := s.Load(ctx, "hot")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != writers*perWriter || len(wins) != writers*perWriter {
		t.Fatalf("stored %d events, %d wins; want %d", len(recs), len(wins), writers*perWriter)
	}
	for i, r := range recs {
		if r.Version != i+1 {
			t.Fatalf("event %d has version %d: a gap or a duplicate", i, r.Version)
		}
		if want := fmt.Sprintf(`"%s"`, wins[r.Version]); !containsJSON(r.Payload, want) {
			t.Fatalf("version %d holds %s, but the winner was %s", r.Version, r.Payload, want)
		}
	}
}

func containsJSON(payload []byte, quoted string) bool {
	return len(payload) > 0 && (string(payload) == `{"text": `+quoted+`}` || string(payload) == `{"text":`+quoted+`}`)
}

func TestARetriedIdempotencyKeyHasOneEffectAndReturnsTheFirstResult(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := cmd("Disburse")
	c.IdempotencyKey = "click-1"
	c.RequestHash = eventstore.RequestHash(map[string]string{"tranche": "t-1"})
	calls := 0
	run := func() (eventstore.Result, error) {
		return s.Execute(ctx, c, func(ctx context.Context) (eventstore.Decision, error) {
			calls++
			recs, err := s.Load(ctx, "app-1")
			if err != nil {
				return eventstore.Decision{}, err
			}
			return eventstore.Decision{Data: map[string]int{"paid": len(recs) + 1},
				Appends: []eventstore.Append{{StreamID: "app-1", StreamType: "test", ExpectedVersion: len(recs), Events: note("paid")}}}, nil
		})
	}
	first, err := run()
	if err != nil {
		t.Fatal(err)
	}
	second, err := run()
	if err != nil {
		t.Fatal(err)
	}
	if !second.Replayed || first.Replayed || string(second.Data) != string(first.Data) || second.Position != first.Position {
		t.Fatalf("first %+v, second %+v: want the same stored result", first, second)
	}
	if calls != 1 {
		t.Errorf("decide ran %d times, want 1", calls)
	}
	recs, _ := s.Load(ctx, "app-1")
	if len(recs) != 1 {
		t.Fatalf("%d events stored, want 1", len(recs))
	}
	other := c
	other.RequestHash = eventstore.RequestHash(map[string]string{"tranche": "t-2"})
	_, err = s.Execute(ctx, other, func(context.Context) (eventstore.Decision, error) {
		t.Fatal("decide must not run for a reused key")
		return eventstore.Decision{}, nil
	})
	if !errors.Is(err, eventstore.ErrIdempotencyKeyReused) || !errors.Is(err, domain.ErrInvalid) {
		t.Fatalf("err = %v, want ErrIdempotencyKeyReused", err)
	}
}

func TestConcurrentRetriesOfOneIdempotencyKeyPayOnce(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	c := cmd("Disburse")
	c.IdempotencyKey = "double-click"
	var wg sync.WaitGroup
	results := make([]eventstore.Result, 10)
	errs := make([]error, 10)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// Each retry appends to its own new stream, so only the key can stop the second effect.
			stream := fmt.Sprintf("payment-%d", i)
			results[i], errs[i] = s.Execute(ctx, c, func(context.Context) (eventstore.Decision, error) {
				return eventstore.Decision{Data: stream, Appends: []eventstore.Append{{StreamID: stream, StreamType: "test", Events: note("paid")}}}, nil
			})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("retry %d: %v", i, err)
		}
	}
	var n int
	if err := s.Pool().QueryRow(ctx, `SELECT count(*) FROM events WHERE stream_type='test'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Fatalf("%d payments stored, want 1", n)
	}
	for i, r := range results {
		if string(r.Data) != string(results[0].Data) {
			t.Errorf("retry %d answered %s, retry 0 answered %s", i, r.Data, results[0].Data)
		}
	}
}

func TestReadBatchWaitsForASlowTransactionInsteadOfSkippingIt(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	s := eventstore.New(db.Pool, nil)
	// A slow transaction takes the older transaction id and holds it open.
	slow, err := db.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Rollback(ctx)
	if _, err := slow.Exec(ctx, `SELECT pg_current_xact_id()`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, cmd("Fast"), nil, eventstore.Append{StreamID: "fast", StreamType: "test", Events: note("fast")}); err != nil {
		t.Fatal(err)
	}
	read := func() []eventstore.Recorded {
		t.Helper()
		var out []eventstore.Recorded
		err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
			var err error
			out, err = eventstore.ReadBatch(ctx, tx, eventstore.Position{}, 100)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if got := read(); len(got) != 0 {
		t.Fatalf("read %d events while an older transaction was open: the later commit must wait", len(got))
	}
	if _, err := slow.Exec(ctx, `INSERT INTO events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at)
		VALUES ('00000000-0000-7000-8000-000000000001', '{"text":"slow"}', '{}', pg_current_xact_id(), 'slow', 'test', 1, 'TestNoted.v1', now())`); err != nil {
		t.Fatal(err)
	}
	if err := slow.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	got := read()
	if len(got) != 2 || got[0].StreamID != "slow" || got[1].StreamID != "fast" {
		t.Fatalf("read %+v, want the slow event first, then the fast one", got)
	}
}

func TestAnExpectedVersionAheadOfTheStreamIsAConflictNotAGap(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "s-1", StreamType: "test", Events: note("a")}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "s-1", StreamType: "test", ExpectedVersion: 2, Events: note("skips 2")})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if recs, _ := s.Load(ctx, "s-1"); len(recs) != 1 {
		t.Fatalf("stream has %d events, want 1", len(recs))
	}
	// In a command over several streams, with an idempotency key: the one ahead is named, and
	// neither the other streams' events nor the key are written.
	if _, err := s.Append(ctx, cmd("Note"), nil, eventstore.Append{StreamID: "s-2", StreamType: "test", Events: note("a", "b")}); err != nil {
		t.Fatal(err)
	}
	keyed := cmd("Note")
	keyed.IdempotencyKey, keyed.RequestHash = "k-gap", "h"
	_, err = s.Append(ctx, keyed, nil,
		eventstore.Append{StreamID: "s-new", StreamType: "test", Events: note("x")},
		eventstore.Append{StreamID: "s-1", StreamType: "test", ExpectedVersion: 1, Events: note("b", "c")},
		eventstore.Append{StreamID: "s-2", StreamType: "test", ExpectedVersion: 3, Events: note("skips 3")})
	var conflict *eventstore.ConflictError
	if !errors.As(err, &conflict) || conflict.StreamID != "s-2" || conflict.ExpectedVersion != 3 {
		t.Fatalf("err = %v, want a conflict naming s-2 at 3", err)
	}
	for stream, want := range map[string]int{"s-new": 0, "s-1": 1, "s-2": 2} {
		if recs, _ := s.Load(ctx, stream); len(recs) != want {
			t.Errorf("%s has %d events, want %d", stream, len(recs), want)
		}
	}
	if _, found, err := s.LookupCommand(ctx, keyed); err != nil || found {
		t.Fatalf("idempotency key stored by a refused append (found %v, err %v)", found, err)
	}
}

func TestReadBatchOrdersTransactionIdsAsNumbersNotText(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	// Transaction ids 9 and 10 (older than any real one): as text "10" sorts before "9".
	for _, xid := range []string{"10", "9"} {
		if _, err := db.Pool.Exec(ctx, `INSERT INTO events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at)
			VALUES (gen_random_uuid()::text, '{}', '{}', $1::xid8, 'x-'||$1, 'test', 1, 'TestNoted.v1', now())`, xid); err != nil {
			t.Fatal(err)
		}
	}
	var got []eventstore.Recorded
	err := pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		var err error
		got, err = eventstore.ReadBatch(ctx, tx, eventstore.Position{}, 10)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Position.TxID != 9 || got[1].Position.TxID != 10 {
		t.Fatalf("read %+v, want transaction 9 before 10", got)
	}
}
