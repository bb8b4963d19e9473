// Package live delivers recorded events to subscribers as they are committed: one broker per
// process reads new events from the event store in commit order (waking on the store's commit
// signal, and polling slowly for other processes' writes), tells each event's project, and fans
// the events out to the subscriptions whose filters accept them.
//
// Every subscription has a bounded buffer. The broker never waits for a subscriber: one whose
// buffer is full is dropped (its channel closed, Err is ErrTooSlow), so a slow client cannot
// hold up the others.
package live

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/internal/eventstore"
)

// Errors a subscription ends with.
var (
	ErrTooSlow = errors.New("live updates: the subscriber fell behind and was dropped; subscribe again")
	ErrClosed  = errors.New("live updates: the server is shutting down")
)

// Config tunes a broker; zero values take the defaults.
type Config struct {
	PollInterval time.Duration // how often to look for other processes' writes (default 1 s)
	Buffer       int           // notices buffered per subscription before it is dropped (default 256)
	Batch        int           // events read per query (default 500)
}

// Broker reads new events and fans them out.
type Broker struct {
	pool   *pgxpool.Pool
	signal *eventstore.Signal
	cfg    Config
	log    *slog.Logger
	facts  *facts // used by the loop goroutine only

	mu     sync.Mutex
	subs   map[*Subscription]struct{}
	closed bool

	cancel context.CancelFunc
	done   chan struct{}
}

// Start begins reading after the last event already committed. signal may be nil (poll only).
func Start(ctx context.Context, pool *pgxpool.Pool, signal *eventstore.Signal, log *slog.Logger, cfg Config) (*Broker, error) {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.Buffer <= 0 {
		cfg.Buffer = 256
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	pos, err := head(ctx, pool)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	b := &Broker{pool: pool, signal: signal, cfg: cfg, log: log, facts: newFacts(pool),
		subs: map[*Subscription]struct{}{}, cancel: cancel, done: make(chan struct{})}
	go b.run(ctx, pos)
	return b, nil
}

// head is the position of the last event no later commit can precede (the rule of
// eventstore.ReadBatch): reading after it gives exactly the events recorded from now on.
func head(ctx context.Context, pool *pgxpool.Pool) (eventstore.Position, error) {
	var txid string
	var pos eventstore.Position
	err := pool.QueryRow(ctx, `SELECT transaction_id::text, "offset" FROM events
		WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
		ORDER BY events.transaction_id DESC, events."offset" DESC LIMIT 1`).Scan(&txid, &pos.Offset)
	if errors.Is(err, pgx.ErrNoRows) {
		return eventstore.Position{}, nil
	}
	if err != nil {
		return pos, fmt.Errorf("live updates: read the head of the event store: %w", err)
	}
	if pos.TxID, err = strconv.ParseUint(txid, 10, 64); err != nil {
		return pos, fmt.Errorf("live updates: transaction id %q: %w", txid, err)
	}
	return pos, nil
}

// Close stops reading and ends every subscription with ErrClosed.
func (b *Broker) Close() {
	b.cancel()
	<-b.done
}

// Subscribers is how many subscriptions are open (for tests and metrics).
func (b *Broker) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Subscription receives the notices its filter accepts, from the moment it was made.
type Subscription struct {
	// C delivers the notices; it is closed when the subscription ends (see Err).
	C      <-chan Notice
	ch     chan Notice
	filter func(Notice) bool
	from   eventstore.Position // the head when it was made: events up to it are not its
	b      *Broker
	err    error // set under b.mu before ch is closed
}

// Subscribe registers a filter. It runs on the broker's goroutine for every notice, so it must
// be quick and must not block. The subscription gets every accepted notice of the events
// committed after it was made: not those committed before, even when the broker, busy or
// waiting for an older transaction, reads them only afterwards.
func (b *Broker) Subscribe(ctx context.Context, filter func(Notice) bool) (*Subscription, error) {
	from, err := head(ctx, b.pool)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	ch := make(chan Notice, b.cfg.Buffer)
	s := &Subscription{C: ch, ch: ch, filter: filter, from: from, b: b}
	b.subs[s] = struct{}{}
	return s, nil
}

// Close ends the subscription; it is safe to call more than once and after the broker dropped it.
func (s *Subscription) Close() {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	s.b.drop(s, nil)
}

// Err says why C was closed: nil after Close, ErrTooSlow or ErrClosed.
func (s *Subscription) Err() error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	return s.err
}

// drop removes a subscription and closes its channel; b.mu must be held.
func (b *Broker) drop(s *Subscription, err error) {
	if _, ok := b.subs[s]; !ok {
		return
	}
	delete(b.subs, s)
	s.err = err
	close(s.ch)
}

func (b *Broker) run(ctx context.Context, pos eventstore.Position) {
	defer close(b.done)
	defer func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.closed = true
		for s := range b.subs {
			b.drop(s, ErrClosed)
		}
	}()
	// After a commit signal the new events may still be invisible (an older transaction is open:
	// see eventstore.ReadBatch); look again soon, backing off to the poll interval.
	const firstRetry = 10 * time.Millisecond
	wait := b.cfg.PollInterval
	for {
		var wake <-chan struct{}
		if b.signal != nil {
			wake = b.signal.C() // taken before reading, so that no commit signal is missed
		}
		n, next, err := b.readAll(ctx, pos)
		pos = next
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			b.log.Warn("live updates: reading new events", "err", err)
		}
		if n > 0 || wait >= b.cfg.PollInterval {
			wait = b.cfg.PollInterval
		}
		woken, err := eventstore.Wait(ctx, wake, wait)
		switch {
		case err != nil:
			return
		case woken:
			wait = firstRetry
		case wait < b.cfg.PollInterval:
			wait = min(2*wait, b.cfg.PollInterval)
		}
	}
}

// readAll reads and delivers every event after pos that can be read now; it returns how many and
// the new position.
func (b *Broker) readAll(ctx context.Context, pos eventstore.Position) (int, eventstore.Position, error) {
	total := 0
	for {
		batch, err := b.read(ctx, pos)
		if err != nil || len(batch) == 0 {
			return total, pos, err
		}
		listening := b.Subscribers() > 0
		for _, r := range batch {
			pos = r.Position
			if !listening {
				continue // nobody to tell; the facts reload when someone listens again
			}
			n, err := b.facts.notice(ctx, r)
			if err != nil {
				b.log.Warn("live updates: telling an event's project", "event", r.EventID, "err", err)
				continue
			}
			b.fanOut(n)
		}
		total += len(batch)
		if len(batch) < b.cfg.Batch {
			return total, pos, nil
		}
	}
}

func (b *Broker) read(ctx context.Context, pos eventstore.Position) ([]eventstore.Recorded, error) {
	tx, err := b.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	return eventstore.ReadBatch(ctx, tx, pos, b.cfg.Batch)
}

// fanOut offers the notice to every subscription whose filter accepts it, dropping any whose
// buffer is full.
func (b *Broker) fanOut(n Notice) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := n.Event.Position
	for s := range b.subs {
		if p.TxID < s.from.TxID || (p.TxID == s.from.TxID && p.Offset <= s.from.Offset) || !s.filter(n) {
			continue
		}
		select {
		case s.ch <- n:
		default:
			b.drop(s, ErrTooSlow)
		}
	}
}
