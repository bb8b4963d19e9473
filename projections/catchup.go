package projections

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"sync"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// The runner and rebuild apply many events per transaction, read once for all projectors, with
// the projectors' statements pipelined (pipeTx).

// feed is one projector while a batch of events is applied to several.
type feed struct {
	p   Projector
	pos eventstore.Position // the last event it has processed
	// versions is the last version applied per stream: during catch-up the remembered versions
	// of the batch's streams, during a rebuild every stream's so far.
	versions map[string]int
	applied  map[string]int // what this batch applied, per stream: its last version
	batcher  Batcher        // p, when it applies a batch at once
	batch    []Applied      // a Batcher's events of this batch, applied together at its end
}

func newFeeds(ps []Projector) []*feed {
	out := make([]*feed, len(ps))
	for i, p := range ps {
		out[i] = &feed{p: p, versions: map[string]int{}, applied: map[string]int{}}
		out[i].batcher, _ = p.(Batcher)
	}
	return out
}

func before(a, b eventstore.Position) bool {
	return a.TxID < b.TxID || (a.TxID == b.TxID && a.Offset < b.Offset)
}

// applyBatch applies recs, in order, to every feed they concern: an event is decoded once, and
// applied to a projector that handles it unless it is at or before the projector's position or
// (remember) at or below the version remembered for its stream, which were applied already.
func applyBatch(ctx context.Context, tx pgx.Tx, feeds []*feed, recs []eventstore.Recorded, remember bool) error {
	for _, f := range feeds {
		clear(f.applied)
		f.batch = f.batch[:0]
	}
	for _, rec := range recs {
		var ev domain.Event
		for _, f := range feeds {
			if !before(f.pos, rec.Position) || !f.p.Handles(rec.StreamType, rec.Type) {
				continue
			}
			if v, ok := f.versions[rec.StreamID]; remember && ok && rec.Version <= v {
				continue // applied already: a redelivery
			}
			if ev == nil {
				var err error
				if ev, err = rec.Event(); err != nil {
					return err
				}
			}
			if f.batcher != nil {
				f.batch = append(f.batch, Applied{Rec: rec, Event: ev})
			} else if err := f.p.Apply(ctx, tx, rec, ev); err != nil {
				return fmt.Errorf("%s: apply %s %s v%d: %w", f.p.Name(), rec.Type, rec.StreamID, rec.Version, err)
			}
			f.versions[rec.StreamID] = rec.Version
			f.applied[rec.StreamID] = rec.Version
		}
	}
	// The Batchers: every one's reads in one round trip, then their steps in order.
	reads := &pgx.Batch{}
	steps := make([]func(context.Context, pgx.Tx) error, len(feeds))
	for i, f := range feeds {
		if f.batcher != nil && len(f.batch) > 0 {
			steps[i] = f.batcher.PrepareBatch(f.batch, reads)
		}
	}
	if reads.Len() > 0 {
		if err := tx.SendBatch(ctx, reads).Close(); err != nil {
			return err
		}
	}
	for i, step := range steps {
		if step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("%s: %w", feeds[i].p.Name(), err)
			}
		}
	}
	return nil
}

// applyPipelined applies recs through a pipeTx, then runs after (the caller's bookkeeping, or
// nil) on the same transaction, and sends what is queued. When that fails for any reason it rolls
// the work back to a savepoint taken first and does it again on the plain transaction, where a
// projector sees every statement's real answer (see pipeTx); the in-memory state of the feeds is
// put back first. The savepoint is never released: the commit ends it.
func (r *Runner) applyPipelined(ctx context.Context, tx pgx.Tx, feeds []*feed, recs []eventstore.Recorded, remember bool, after func(pgx.Tx) error) error {
	saved := make([]map[string]int, len(feeds))
	for i, f := range feeds {
		saved[i] = make(map[string]int, len(recs))
		for _, rec := range recs {
			if v, ok := f.versions[rec.StreamID]; ok {
				saved[i][rec.StreamID] = v
			}
		}
	}
	pipe := newPipeTx(tx, &r.unpredictable)
	err := execAnyRows(ctx, pipe, `SAVEPOINT projection_batch`)
	if err == nil {
		err = applyBatch(ctx, pipe, feeds, recs, remember)
	}
	if err == nil && after != nil {
		err = after(pipe)
	}
	if err == nil {
		if err = pipe.flush(ctx); err == nil {
			return nil
		}
	}
	r.log.Debug("pipelined batch failed; applying it again one statement at a time", "err", err)
	if _, rbErr := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT projection_batch`); rbErr != nil {
		return errors.Join(err, rbErr)
	}
	for i, f := range feeds {
		for _, rec := range recs {
			if v, ok := saved[i][rec.StreamID]; ok {
				f.versions[rec.StreamID] = v
			} else {
				delete(f.versions, rec.StreamID)
			}
		}
	}
	if err := applyBatch(ctx, tx, feeds, recs, remember); err != nil {
		return err
	}
	if after != nil {
		return after(tx)
	}
	return nil
}

// CatchUp brings every projector up to the last committed event, CatchUpBatchSize events per
// transaction, and returns how many events it read. Each transaction locks the projectors'
// offset rows (so a runner of the same groups in another process waits instead of racing it),
// reads the next events once for all of them, applies each to the projectors that have not
// processed it (skipping stream versions already applied: a redelivery), remembers the applied
// versions and moves every offset to the last event read, all in one commit. The runner started
// by Start calls it in every round.
func (r *Runner) CatchUp(ctx context.Context) (int, error) {
	return r.catchUp(ctx, r.projectors)
}

func (r *Runner) catchUp(ctx context.Context, ps []Projector) (int, error) {
	total := 0
	for {
		n, err := r.catchUpBatch(ctx, ps)
		total += n
		if err != nil || n < r.cfg.CatchUpBatchSize {
			return total, err
		}
	}
}

func (r *Runner) catchUpBatch(ctx context.Context, ps []Projector) (int, error) {
	feeds, names := newFeeds(ps), groupNames(ps)
	var n int
	var after map[string]eventstore.Position // the offsets committed
	// Where this runner left the read models, if it knows: then the events are read from there in
	// the round trip that begins the transaction and locks the offsets, and if the offsets are
	// still there nothing else has written the read models since, so no event after them has been
	// applied (a redelivery needs offsets moved back or ahead by someone else).
	known := r.offsets.get(names)
	var pos map[string]eventstore.Position
	var recs []eventstore.Recorded
	first := &pgx.Batch{}
	queueLockOffsets(first, names, &pos)
	if known != nil {
		eventstore.QueueReadBatch(first, lowest(known), r.cfg.CatchUpBatchSize, &recs)
	}
	err := inTransaction(ctx, r.pool, first, func(tx pgx.Tx) error {
		if known != nil && !maps.Equal(pos, known) {
			known, recs = nil, nil
		}
		if known == nil {
			var err error
			if len(pos) < len(names) {
				if pos, err = lockOffsets(ctx, tx, names); err != nil {
					return err
				}
			}
			if recs, err = eventstore.ReadBatch(ctx, tx, lowest(pos), r.cfg.CatchUpBatchSize); err != nil {
				return err
			}
		}
		for _, f := range feeds {
			f.pos = pos[f.p.Name()]
		}
		after = pos
		if len(recs) == 0 {
			return nil
		}
		n = len(recs)
		if n >= freshPlansFrom {
			if err := planFresh(ctx, tx); err != nil {
				return err
			}
		}
		if known == nil {
			if err := loadVersions(ctx, tx, feeds, recs); err != nil {
				return err
			}
		}
		last := recs[len(recs)-1].Position
		after = make(map[string]eventstore.Position, len(feeds))
		for _, f := range feeds {
			after[f.p.Name()] = f.pos
			if before(f.pos, last) {
				after[f.p.Name()] = last
			}
		}
		// The bookkeeping, sent with the read models' last statements: every projector's applied
		// versions and its offset, two statements for all of them.
		return r.applyPipelined(ctx, tx, feeds, recs, true, func(tx pgx.Tx) error {
			var projections, ids, moved []string
			var versions []int32
			for _, f := range feeds {
				for id, v := range f.applied {
					projections, ids, versions = append(projections, f.p.Name()), append(ids, id), append(versions, int32(v))
				}
				if before(f.pos, last) {
					moved = append(moved, f.p.Name())
				}
			}
			if len(ids) > 0 {
				if err := execAnyRows(ctx, tx, `INSERT INTO projection_streams (projection, stream_id, version)
					SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
					ON CONFLICT (projection, stream_id) DO UPDATE SET version = excluded.version
					WHERE projection_streams.version < excluded.version`, projections, ids, versions); err != nil {
					return err
				}
			}
			if len(moved) == 0 {
				return nil
			}
			return execAnyRows(ctx, tx, `UPDATE events_offsets SET offset_acked = $2,
				last_processed_transaction_id = $3::text::xid8 WHERE consumer_group = ANY($1)`,
				moved, last.Offset, strconv.FormatUint(last.TxID, 10))
		})
	})
	if err != nil {
		r.offsets.forget(names)
		return n, fmt.Errorf("catch up: %w", err)
	}
	r.offsets.set(after)
	if n > 0 {
		r.progress.Notify()
	}
	return n, nil
}

// lowest is the earliest of the positions.
func lowest(pos map[string]eventstore.Position) eventstore.Position {
	var low eventstore.Position
	first := true
	for _, p := range pos {
		if first || before(p, low) {
			low, first = p, false
		}
	}
	return low
}

// committedOffsets are the offsets this runner last committed, per consumer group.
type committedOffsets struct {
	mu  sync.Mutex
	pos map[string]eventstore.Position
}

// status reports whether every one of the groups' offsets is known, and whether every one is at
// or past pos.
func (c *committedOffsets) status(names []string, pos eventstore.Position) (known, passed bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	passed = true
	for _, n := range names {
		p, ok := c.pos[n]
		if !ok {
			return false, false
		}
		passed = passed && !before(p, pos)
	}
	return true, passed
}

// get returns the offsets of the groups, or nil unless every one is known.
func (c *committedOffsets) get(names []string) map[string]eventstore.Position {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]eventstore.Position, len(names))
	for _, n := range names {
		p, ok := c.pos[n]
		if !ok {
			return nil
		}
		out[n] = p
	}
	return out
}

func (c *committedOffsets) set(pos map[string]eventstore.Position) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pos == nil {
		c.pos = map[string]eventstore.Position{}
	}
	maps.Copy(c.pos, pos)
}

func (c *committedOffsets) forget(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, n := range names {
		delete(c.pos, n)
	}
}

// freshPlansFrom is the size of a batch from which its statements are planned fresh (planFresh):
// a backlog, which may be filling tables that were empty. The small batches that follow new
// events keep their cached plans, as planning every statement again cost more than running it.
const freshPlansFrom = 1000

// planFresh makes every statement of tx planned for its arguments and the tables' size at that
// moment (plan_cache_mode = force_custom_plan): a catch-up or rebuild fills tables that may have
// been empty when it began, and a generic plan cached then would scan them whole for every event.
func planFresh(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `SET LOCAL plan_cache_mode = force_custom_plan`); err != nil {
		return fmt.Errorf("plan_cache_mode: %w", err)
	}
	return nil
}

const lockOffsetsSQL = `SELECT consumer_group, coalesce(offset_acked, 0), last_processed_transaction_id::text
	FROM events_offsets WHERE consumer_group = ANY($1) ORDER BY consumer_group FOR UPDATE`

// lockOffsets locks the consumer groups' offset rows, in name order (every catch-up and rebuild
// takes them in that order, so two never deadlock), and returns their positions; a group without
// a row gets one first.
func lockOffsets(ctx context.Context, tx pgx.Tx, names []string) (map[string]eventstore.Position, error) {
	for attempt := 0; ; attempt++ {
		var pos map[string]eventstore.Position
		b := &pgx.Batch{}
		queueLockOffsets(b, names, &pos)
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return nil, err
		}
		if len(pos) == len(names) || attempt > 0 {
			return pos, nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO events_offsets (consumer_group, offset_acked, last_processed_transaction_id)
			SELECT unnest($1::text[]), 0, '0' ON CONFLICT DO NOTHING`, names); err != nil {
			return nil, fmt.Errorf("offsets: %w", err)
		}
	}
}

// queueLockOffsets queues lockOffsets' statement on b: the positions of the groups that have a
// row are stored in *out when b's results are read.
func queueLockOffsets(b *pgx.Batch, names []string, out *map[string]eventstore.Position) {
	b.Queue(lockOffsetsSQL, names).Query(func(rows pgx.Rows) error {
		pos := make(map[string]eventstore.Position, len(names))
		var group, txid string
		var offset int64
		if _, err := pgx.ForEachRow(rows, []any{&group, &offset, &txid}, func() error {
			t, err := strconv.ParseUint(txid, 10, 64)
			pos[group] = eventstore.Position{TxID: t, Offset: offset}
			return err
		}); err != nil {
			return fmt.Errorf("lock offsets: %w", err)
		}
		*out = pos
		return nil
	})
}

// loadVersions reads the remembered versions of the batch's streams for every feed.
func loadVersions(ctx context.Context, tx pgx.Tx, feeds []*feed, recs []eventstore.Recorded) error {
	byName := make(map[string]*feed, len(feeds))
	names := make([]string, len(feeds))
	for i, f := range feeds {
		byName[f.p.Name()], names[i] = f, f.p.Name()
	}
	seen := map[string]bool{}
	var ids []string
	for _, rec := range recs {
		if !seen[rec.StreamID] {
			seen[rec.StreamID] = true
			ids = append(ids, rec.StreamID)
		}
	}
	rows, err := tx.Query(ctx, `SELECT projection, stream_id, version FROM projection_streams
		WHERE projection = ANY($1) AND stream_id = ANY($2)`, names, ids)
	if err != nil {
		return err
	}
	var name, id string
	var v int
	_, err = pgx.ForEachRow(rows, []any{&name, &id, &v}, func() error {
		byName[name].versions[id] = v
		return nil
	})
	if err != nil {
		return fmt.Errorf("read applied versions: %w", err)
	}
	return nil
}
