package eventstore_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/internal/testdb"
)

// The append benchmarks put the event store next to plain PostgreSQL: the same rows, inserted by
// hand into a table of the same shape (plain_events: LIKE events INCLUDING ALL, so the same
// columns, keys and indexes), in the same run, with the same number of writers. The ratio of the
// two is the figure; absolute numbers depend on the server's durability settings (the tests'
// ephemeral cluster runs with fsync off; point PORTFOLIO_TEST_DATABASE_URL at a durable server for
// durable figures). Both sides share the pool (at most 20 connections) and run in autocommit: a
// store append is one statement too (events, gap guard and position; see Store.Append).

type benchDB struct {
	pool  *pgxpool.Pool
	store *eventstore.Store
}

func newBenchDB(b *testing.B) benchDB {
	b.Helper()
	db := testdb.New(b)
	if _, err := db.Pool.Exec(context.Background(), `CREATE TABLE plain_events (LIKE events INCLUDING ALL)`); err != nil {
		b.Fatal(err)
	}
	return benchDB{pool: db.Pool, store: eventstore.New(db.Pool, nil)}
}

// parallel runs b.N operations on `writers` goroutines and reports events/s.
func parallel(b *testing.B, writers, eventsPerOp int, op func(i int64) error) {
	b.Helper()
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	b.ResetTimer()
	start := time.Now()
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				if err := op(i); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N*eventsPerOp)/elapsed.Seconds(), "events/s")
}

func benchEvents(n int, i int64) []domain.Event {
	out := make([]domain.Event, n)
	for k := range out {
		out[k] = noted{Text: fmt.Sprintf("event %d of command %d", k, i)}
	}
	return out
}

var benchCmd = eventstore.Command{Name: "Bench", Actor: alice, CorrelationID: "bench"}

func storeOp(db benchDB, run string, events int) func(int64) error {
	return func(i int64) error {
		_, err := db.store.Append(context.Background(), benchCmd, nil,
			eventstore.Append{StreamID: fmt.Sprintf("%s-%d", run, i), StreamType: "bench", Events: benchEvents(events, i)})
		return err
	}
}

// plainOp inserts the same rows (payload and metadata of the same size) with one INSERT.
func plainOp(db benchDB, run string, events int) func(int64) error {
	meta := `{"stream_id":"x","stream_type":"bench","stream_version":"1","event_type":"TestNoted.v1","recorded_at":"2026-11-23T00:00:00Z","actor_user":"alice","actor_role":"owner","actor_org":"xz-bigdata","correlation_id":"bench","idempotency_key":"","command":"Bench"}`
	return func(i int64) error {
		var sb strings.Builder
		sb.WriteString(`INSERT INTO plain_events (uuid, payload, metadata, transaction_id, stream_id, stream_type, stream_version, event_type, recorded_at) VALUES `)
		args := make([]any, 0, events*5)
		for k := 0; k < events; k++ {
			if k > 0 {
				sb.WriteByte(',')
			}
			n := len(args)
			fmt.Fprintf(&sb, "($%d,$%d,$%d,pg_current_xact_id(),$%d,'bench',$%d,'TestNoted.v1',now())", n+1, n+2, n+3, n+4, n+5)
			id, _ := uuid.NewV7()
			args = append(args, id.String(), fmt.Sprintf(`{"text":"event %d of command %d"}`, k, i), meta, fmt.Sprintf("%s-%d", run, i), k+1)
		}
		_, err := db.pool.Exec(context.Background(), sb.String(), args...)
		return err
	}
}

func BenchmarkAppend(b *testing.B) {
	for _, events := range []int{1, 100} {
		for _, writers := range []int{1, 8, 32} {
			if events == 100 && writers == 32 {
				continue
			}
			name := fmt.Sprintf("events=%d/writers=%d", events, writers)
			b.Run("store/"+name, func(b *testing.B) {
				db := newBenchDB(b)
				parallel(b, writers, events, storeOp(db, "s", events))
			})
			b.Run("plain/"+name, func(b *testing.B) {
				db := newBenchDB(b)
				parallel(b, writers, events, plainOp(db, "p", events))
			})
		}
	}
}
