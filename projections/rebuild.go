package projections

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/internal/eventstore"
)

// rebuildBatch is how many events a rebuild reads per query.
const rebuildBatch = 5000

// Rebuild empties a projector's read model and replays every committed event into it, in one
// transaction, then moves its consumer group to the last event replayed. It locks the group's
// offset row first, so a runner of the same group waits instead of racing it. Returns
// the number of events read.
func (r *Runner) Rebuild(ctx context.Context, p Projector) (int, error) {
	return r.rebuild(ctx, []Projector{p})
}

// RebuildAll rebuilds every projector of the runner, in one transaction that reads the events
// once for all of them. Returns the number of events read.
func (r *Runner) RebuildAll(ctx context.Context) (int, error) {
	return r.rebuild(ctx, r.projectors)
}

func (r *Runner) rebuild(ctx context.Context, ps []Projector) (int, error) {
	var n int
	feeds, names := newFeeds(ps), groupNames(ps)
	var tables []string
	for _, p := range ps {
		for _, t := range p.Tables() {
			tables = append(tables, pgx.Identifier{t}.Sanitize())
		}
	}
	err := pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		if err := planFresh(ctx, tx); err != nil {
			return err
		}
		if _, err := lockOffsets(ctx, tx, names); err != nil {
			return err
		}
		// TRUNCATE, not DELETE: fresh pages (with the tables' fillfactor room for in-place
		// updates) instead of pages full of dead rows. It locks the tables until the rebuild
		// commits: readers wait rather than see a half-built read model.
		if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(tables, ", ")); err != nil {
			return fmt.Errorf("empty %v: %w", tables, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM projection_streams WHERE projection = ANY($1)`, names); err != nil {
			return err
		}
		// Empty tables: every event is applied exactly once, in order, with no remembered
		// versions to consult; the versions are written once at the end.
		var pos eventstore.Position
		for {
			batch, err := eventstore.ReadBatch(ctx, tx, pos, rebuildBatch)
			if err != nil {
				return err
			}
			if err := r.applyPipelined(ctx, tx, feeds, batch, false, nil); err != nil {
				return err
			}
			// One transaction for every batch: release each batch's savepoint, or they would nest
			// (and past 64 subtransactions every snapshot of the server gets slower).
			if _, err := tx.Exec(ctx, `RELEASE SAVEPOINT projection_batch`); err != nil {
				return err
			}
			n += len(batch)
			if len(batch) > 0 {
				pos = batch[len(batch)-1].Position
			}
			if len(batch) < rebuildBatch {
				break
			}
		}
		var rows [][]any
		for _, f := range feeds {
			for id, v := range f.versions {
				rows = append(rows, []any{f.p.Name(), id, v})
			}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"projection_streams"}, []string{"projection", "stream_id", "version"}, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("remember applied versions: %w", err)
		}
		_, err := tx.Exec(ctx, `UPDATE events_offsets SET offset_acked = $2, last_processed_transaction_id = $3::text::xid8 WHERE consumer_group = ANY($1)`,
			names, pos.Offset, strconv.FormatUint(pos.TxID, 10))
		return err
	})
	if err != nil {
		return n, fmt.Errorf("rebuild %v: %w", names, err)
	}
	return n, nil
}

// CaughtUp reports whether every projector has processed the events up to pos.
func (r *Runner) CaughtUp(ctx context.Context, pos eventstore.Position) (bool, error) {
	var done int
	err := r.pool.QueryRow(ctx, `SELECT count(*) FROM events_offsets
		WHERE consumer_group = ANY($1)
		  AND (last_processed_transaction_id > $2::text::xid8
		       OR (last_processed_transaction_id = $2::text::xid8 AND offset_acked >= $3))`,
		r.names, strconv.FormatUint(pos.TxID, 10), pos.Offset).Scan(&done)
	if err != nil {
		return false, fmt.Errorf("read projection offsets: %w", err)
	}
	return done == len(r.names), nil
}

// WaitFor blocks until every projector has processed the events up to pos, so that a caller that
// just wrote reads its own write. It gives up when ctx ends. While this runner's own rounds
// project the events, it wakes as each round commits and compares the offsets the runner
// committed, in memory, and reads the offsets from the database only every poll interval (in case
// another process projects them); otherwise it reads them, less and less often, up to every 20 ms.
func (r *Runner) WaitFor(ctx context.Context, pos eventstore.Position) error {
	delay := time.Millisecond
	ask := false // ask the database again: the poll interval passed without this runner committing
	for {
		committed := r.progress.C() // taken before looking, so a round committing meanwhile is not missed
		own, passed := r.offsets.status(r.names, pos)
		if passed {
			return nil
		}
		if ask || !own {
			ok, err := r.CaughtUp(ctx, pos)
			if err != nil || ok {
				return err
			}
		}
		wait := delay
		if own {
			wait = r.cfg.PollInterval
		}
		woken, err := eventstore.Wait(ctx, committed, wait)
		if err != nil {
			return fmt.Errorf("read models have not caught up with %d/%d: %w", pos.TxID, pos.Offset, err)
		}
		if ask = !woken; ask && delay < 20*time.Millisecond {
			delay *= 2
		}
	}
}
