// Package projections turns the event store into read models. Each read model is a Projector fed
// by its own watermill SQL subscriber (one consumer group each): the read-model writes and the
// offset ack commit in the subscriber's transaction, one savepoint per message, and every applied
// stream version is remembered so that no event is applied twice. A backlog (a first start, a
// restart after downtime) is caught up first in large batches read once for all projectors
// (catchup.go), under the same rules.
package projections

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/ThreeDotsLabs/watermill"
	wsql "github.com/ThreeDotsLabs/watermill-sql/v4/pkg/sql"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Projector builds one read model from events.
type Projector interface {
	// Name is the consumer group and the key of the projector's bookkeeping. Renaming it replays
	// every event into the read model.
	Name() string
	// Tables are the read model's tables, emptied by a rebuild (children before parents).
	Tables() []string
	// Handles says whether an event (by its stream type and event type) concerns this read model.
	// Only those are applied and remembered.
	Handles(streamType, eventType string) bool
	// Apply writes the effect of one event. It is called once per stream version, in order.
	Apply(ctx context.Context, tx pgx.Tx, rec eventstore.Recorded, ev domain.Event) error
}

// Batcher is a Projector that applies a run of events at once: catch-up and rebuild give it, in
// order, every event of their batch it has to apply (those it handles and has not applied), in one
// call, instead of calling Apply for each. Apply still takes one event (the live path).
type Batcher interface {
	ApplyBatch(ctx context.Context, tx pgx.Tx, evs []Applied) error
}

// Finisher is a Projector with work to do once per transaction, after its events are applied
// and before the transaction commits (e.g. folding what its triggers logged into aggregates, so
// that rows many events change are updated once per transaction).
type Finisher interface {
	Finish(ctx context.Context, tx pgx.Tx) error
}

// finish runs p's Finish when it has one.
func finish(ctx context.Context, tx pgx.Tx, p Projector) error {
	if f, ok := p.(Finisher); ok {
		if err := f.Finish(ctx, tx); err != nil {
			return fmt.Errorf("%s: finish: %w", p.Name(), err)
		}
	}
	return nil
}

// Config tunes the subscribers.
type Config struct {
	// PollInterval is how often an idle subscriber looks for events written by other processes;
	// writes made through this process's store wake it at once via the commit signal.
	PollInterval time.Duration
	// BatchSize is how many events one subscriber transaction reads.
	BatchSize int
	// CatchUpBatchSize is how many events one catch-up transaction reads (see CatchUp).
	CatchUpBatchSize int
}

// Runner runs the projectors' subscribers and answers whether they have caught up.
type Runner struct {
	pool       *pgxpool.Pool
	projectors []Projector
	signal     *eventstore.Signal
	cfg        Config
	log        *slog.Logger

	unpredictable unpredictable // statements pipeTx must not queue

	mu      sync.Mutex
	subs    []*wsql.Subscriber
	cancel  context.CancelFunc // stops what Start started
	running sync.WaitGroup
}

// NewRunner prepares a runner; nothing runs until Start.
func NewRunner(pool *pgxpool.Pool, signal *eventstore.Signal, log *slog.Logger, cfg Config, projectors ...Projector) *Runner {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 50 * time.Millisecond
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 100
	}
	if cfg.CatchUpBatchSize <= 0 {
		cfg.CatchUpBatchSize = 5000
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if signal == nil {
		signal = eventstore.NewSignal()
	}
	return &Runner{pool: pool, projectors: projectors, signal: signal, cfg: cfg, log: log}
}

// Projectors lists the runner's projectors.
func (r *Runner) Projectors() []Projector { return r.projectors }

// Start catches every projector up with the event store (CatchUp, in the background), then
// subscribes each for the events that follow; they run until ctx ends or Close is called.
func (r *Runner) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	r.cancel = cancel
	type subscription struct {
		p   Projector
		sub *wsql.Subscriber
	}
	var subs []subscription
	for _, p := range r.projectors {
		ackDeadline := 30 * time.Second
		sub, err := wsql.NewSubscriber(wsql.BeginnerFromPgx(r.pool), wsql.SubscriberConfig{
			ConsumerGroup:  p.Name(),
			PollInterval:   r.cfg.PollInterval,
			ResendInterval: 200 * time.Millisecond,
			RetryInterval:  200 * time.Millisecond,
			AckDeadline:    &ackDeadline,
			BackoffManager: newWakeBackoff(r.signal, r.cfg.PollInterval, time.Second),
			SchemaAdapter:  eventstore.SubscriberSchema(r.cfg.BatchSize),
			OffsetsAdapter: eventstore.OffsetsAdapter(),
		}, watermill.NewSlogLogger(r.log.With("projection", p.Name())))
		if err != nil {
			for _, s := range subs {
				_ = s.sub.Close()
			}
			cancel()
			return fmt.Errorf("subscriber for %s: %w", p.Name(), err)
		}
		subs = append(subs, subscription{p, sub})
		r.subs = append(r.subs, sub)
	}
	r.running.Add(1)
	go func() {
		defer r.running.Done()
		start := time.Now()
		n, err := r.CatchUp(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			// The live subscribers take over from where it stopped, one event at a time.
			r.log.Error("projection catch-up stopped; the subscribers continue", "events", n, "err", err)
		case n > 0:
			r.log.Info("projections caught up", "events", n, "took", time.Since(start).Round(time.Millisecond))
		}
		for _, s := range subs {
			msgs, err := s.sub.Subscribe(ctx, eventstore.Topic)
			if err != nil {
				r.log.Error("subscribe", "projection", s.p.Name(), "err", err)
				continue
			}
			r.running.Add(1)
			go func(p Projector) {
				defer r.running.Done()
				for msg := range msgs {
					if err := r.handle(p, msg); err != nil {
						r.log.Error("projection failed; the event will be retried", "projection", p.Name(), "event", msg.UUID, "err", err)
						msg.Nack()
						continue
					}
					msg.Ack()
				}
			}(s.p)
		}
	}()
	return nil
}

// Close stops every subscriber and waits for their handlers to return.
func (r *Runner) Close() error {
	r.mu.Lock()
	subs := r.subs
	r.subs = nil
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
	r.mu.Unlock()
	var errs []error
	for _, s := range subs {
		errs = append(errs, s.Close())
	}
	r.running.Wait()
	return errors.Join(errs...)
}

// handle applies one delivered message inside the subscriber's transaction, under a savepoint so
// that a failure leaves neither a half-written read model nor an aborted transaction behind (a
// nack alone rolls nothing back).
func (r *Runner) handle(p Projector, msg *message.Message) error {
	ctx := msg.Context()
	wtx, ok := wsql.TxFromContext(ctx)
	if !ok {
		return errors.New("message carries no subscriber transaction")
	}
	ptx, ok := wtx.(*wsql.PgxTx)
	if !ok {
		return fmt.Errorf("subscriber transaction is %T, want *sql.PgxTx", wtx)
	}
	rec, err := eventstore.FromMessage(msg)
	if err != nil {
		return err
	}
	if !p.Handles(rec.StreamType, rec.Type) {
		return nil // acked with nothing to write: no savepoint needed
	}
	tx := ptx.Tx
	if _, err := tx.Exec(ctx, "SAVEPOINT projection_event"); err != nil {
		return fmt.Errorf("savepoint: %w", err)
	}
	err = applyOnce(ctx, tx, p, rec)
	if err == nil {
		err = finish(ctx, tx, p)
	}
	if err != nil {
		if _, rbErr := tx.Exec(ctx, "ROLLBACK TO SAVEPOINT projection_event"); rbErr != nil {
			return errors.Join(err, fmt.Errorf("roll back to savepoint: %w", rbErr))
		}
		return err
	}
	if _, err := tx.Exec(ctx, "RELEASE SAVEPOINT projection_event"); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// applyOnce applies one delivered rec unless this projector has already applied that stream
// version (a redelivery). It is the live path; catch-up and rebuild apply many events at a time
// with the same rule (applyBatch).
func applyOnce(ctx context.Context, tx pgx.Tx, p Projector, rec eventstore.Recorded) error {
	if !p.Handles(rec.StreamType, rec.Type) {
		return nil
	}
	// Versions only move forward: an event at or below the remembered version was applied.
	tag, err := tx.Exec(ctx, `INSERT INTO projection_streams (projection, stream_id, version) VALUES ($1, $2, $3)
		ON CONFLICT (projection, stream_id) DO UPDATE SET version = excluded.version
		WHERE projection_streams.version < excluded.version`, p.Name(), rec.StreamID, rec.Version)
	if err != nil {
		return fmt.Errorf("%s: record applied version of %s: %w", p.Name(), rec.StreamID, err)
	}
	if tag.RowsAffected() == 0 {
		return nil // already applied: a redelivery
	}
	ev, err := rec.Event()
	if err != nil {
		return err
	}
	if err := p.Apply(ctx, tx, rec, ev); err != nil {
		return fmt.Errorf("%s: apply %s %s v%d: %w", p.Name(), rec.Type, rec.StreamID, rec.Version, err)
	}
	return nil
}
