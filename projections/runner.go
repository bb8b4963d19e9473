// Package projections turns the event store into read models. Each read model is a Projector with
// its own consumer group in the watermill offsets table (events_offsets). The runner applies new
// events in batches read once for all projectors (catchup.go), under watermill's subscriber rules
// (commit order, only transactions that can no longer be overtaken, the groups' offset rows taken
// FOR UPDATE so that two processes take turns): the read-model writes, the applied stream
// versions (so that no event is applied twice) and the offsets commit together. The same path
// catches up a backlog (a first start, a restart after downtime) and follows new events as they
// are committed: woken by this process's commits, polling for other processes'.
package projections

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

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

// Batcher is a Projector that applies a run of events at once: the runner gives it, in order,
// every event of a batch it has to apply (those it handles and has not applied), in one call,
// instead of calling Apply for each. PrepareBatch queues on reads what the batch needs to read
// (with callbacks that keep the answers) and returns the step that applies it: the runner sends
// the reads of every Batcher of a batch in one round trip, then runs the steps in order.
type Batcher interface {
	PrepareBatch(evs []Applied, reads *pgx.Batch) func(ctx context.Context, tx pgx.Tx) error
}

// applyBatcher applies evs to b on its own: its reads, then its step.
func applyBatcher(ctx context.Context, tx pgx.Tx, b Batcher, evs []Applied) error {
	reads := &pgx.Batch{}
	step := b.PrepareBatch(evs, reads)
	if reads.Len() > 0 {
		if err := tx.SendBatch(ctx, reads).Close(); err != nil {
			return err
		}
	}
	return step(ctx, tx)
}

// Config tunes the runner.
type Config struct {
	// PollInterval is how often an idle runner looks for events written by other processes;
	// writes made through this process's store wake it at once via the commit signal.
	PollInterval time.Duration
	// RetryInterval is how long the runner waits after a failed batch before it tries again.
	RetryInterval time.Duration
	// CatchUpBatchSize is how many events one transaction reads (see CatchUp).
	CatchUpBatchSize int
}

// Runner runs the projectors and answers whether they have caught up.
type Runner struct {
	pool       *pgxpool.Pool
	projectors []Projector
	names      []string // the projectors' consumer groups
	signal     *eventstore.Signal
	cfg        Config
	log        *slog.Logger

	unpredictable unpredictable      // statements pipeTx must not queue
	offsets       committedOffsets   // where this runner left the read models
	progress      *eventstore.Signal // notified when a round of this runner commits

	mu      sync.Mutex
	cancel  context.CancelFunc // stops what Start started
	running sync.WaitGroup
}

// NewRunner prepares a runner; nothing runs until Start.
func NewRunner(pool *pgxpool.Pool, signal *eventstore.Signal, log *slog.Logger, cfg Config, projectors ...Projector) *Runner {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 50 * time.Millisecond
	}
	if cfg.RetryInterval <= 0 {
		cfg.RetryInterval = time.Second
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
	return &Runner{pool: pool, projectors: projectors, names: groupNames(projectors), signal: signal,
		progress: eventstore.NewSignal(), cfg: cfg, log: log}
}

// groupNames are the projectors' consumer groups, in order.
func groupNames(ps []Projector) []string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name()
	}
	return names
}

// Projectors lists the runner's projectors.
func (r *Runner) Projectors() []Projector { return r.projectors }

// Start catches every projector up with the event store and then keeps them up with the events
// that follow, in the background, until ctx ends or Close is called: each round applies what
// has been committed since the last (CatchUp), then waits for this process's next commit or the
// poll interval, whichever comes first. Events committed while a round runs make the next
// round's batch, so under load the batches grow and each row is written once per batch.
func (r *Runner) Start(ctx context.Context) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancel != nil {
		return errors.New("projections: the runner is already started")
	}
	ctx, cancel := context.WithCancel(ctx)
	r.cancel = cancel
	r.running.Add(1)
	go func() {
		defer r.running.Done()
		r.follow(ctx)
	}()
	return nil
}

func (r *Runner) follow(ctx context.Context) {
	start, first := time.Now(), true
	for {
		wake := r.signal.C() // taken before the round, so a commit during it is not missed
		n, err := r.CatchUp(ctx)
		if ctx.Err() != nil {
			return
		}
		wait := r.cfg.PollInterval
		if err != nil {
			r.log.Error("projection failed; the events will be applied again", "err", err)
			// The other read models go on: each is caught up on its own until the failing one
			// succeeds.
			for _, p := range r.projectors {
				if _, err := r.catchUp(ctx, []Projector{p}); err != nil && ctx.Err() == nil {
					r.log.Error("projection failed; its events will be applied again", "projection", p.Name(), "err", err)
				}
			}
			wake, wait = nil, r.cfg.RetryInterval
		} else if first && n > 0 {
			r.log.Info("projections caught up", "events", n, "took", time.Since(start).Round(time.Millisecond))
		}
		first = false
		if _, err := eventstore.Wait(ctx, wake, wait); err != nil {
			return
		}
	}
}

// Close stops the runner and waits for its round to end.
func (r *Runner) Close() error {
	r.mu.Lock()
	if r.cancel != nil {
		r.cancel()
		r.cancel = nil
	}
	r.mu.Unlock()
	r.running.Wait()
	return nil
}
