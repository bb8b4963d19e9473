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
const rebuildBatch = 2000

// Rebuild empties a projector's read model and replays every committed event into it, in one
// transaction, then moves its consumer group to the last event replayed. It locks the group's
// offset row first, so a live subscriber of the same group waits instead of racing it. Returns
// the number of events read.
func (r *Runner) Rebuild(ctx context.Context, p Projector) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, r.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO events_offsets (consumer_group, offset_acked, last_processed_transaction_id) VALUES ($1, 0, '0') ON CONFLICT DO NOTHING`, p.Name()); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT 1 FROM events_offsets WHERE consumer_group = $1 FOR UPDATE`, p.Name()); err != nil {
			return err
		}
		// TRUNCATE, not DELETE: fresh pages (with the tables' fillfactor room for in-place
		// updates) instead of pages full of dead rows. It locks the tables until the rebuild
		// commits: readers wait rather than see a half-built read model.
		tables := make([]string, len(p.Tables()))
		for i, t := range p.Tables() {
			tables[i] = pgx.Identifier{t}.Sanitize()
		}
		if _, err := tx.Exec(ctx, `TRUNCATE `+strings.Join(tables, ", ")); err != nil {
			return fmt.Errorf("empty %v: %w", p.Tables(), err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM projection_streams WHERE projection = $1`, p.Name()); err != nil {
			return err
		}
		var pos eventstore.Position
		versions := map[string]int{} // the last version applied per stream
		for {
			batch, err := eventstore.ReadBatch(ctx, tx, pos, rebuildBatch)
			if err != nil {
				return err
			}
			for _, rec := range batch {
				if err := applyOnce(ctx, tx, p, rec, false); err != nil {
					return err
				}
				if p.Handles(rec.StreamType, rec.Type) {
					versions[rec.StreamID] = rec.Version
				}
				pos = rec.Position
			}
			n += len(batch)
			if len(batch) < rebuildBatch {
				break
			}
		}
		rows := make([][]any, 0, len(versions))
		for id, v := range versions {
			rows = append(rows, []any{p.Name(), id, v})
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"projection_streams"}, []string{"projection", "stream_id", "version"}, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("remember applied versions: %w", err)
		}
		_, err := tx.Exec(ctx, `UPDATE events_offsets SET offset_acked = $2, last_processed_transaction_id = $3::text::xid8 WHERE consumer_group = $1`,
			p.Name(), pos.Offset, strconv.FormatUint(pos.TxID, 10))
		return err
	})
	if err != nil {
		return n, fmt.Errorf("rebuild %s: %w", p.Name(), err)
	}
	return n, nil
}

// RebuildAll rebuilds every projector of the runner.
func (r *Runner) RebuildAll(ctx context.Context) (int, error) {
	total := 0
	for _, p := range r.projectors {
		n, err := r.Rebuild(ctx, p)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// CaughtUp reports whether every projector has processed the events up to pos.
func (r *Runner) CaughtUp(ctx context.Context, pos eventstore.Position) (bool, error) {
	names := make([]string, len(r.projectors))
	for i, p := range r.projectors {
		names[i] = p.Name()
	}
	var done int
	err := r.pool.QueryRow(ctx, `SELECT count(*) FROM events_offsets
		WHERE consumer_group = ANY($1)
		  AND (last_processed_transaction_id > $2::text::xid8
		       OR (last_processed_transaction_id = $2::text::xid8 AND offset_acked >= $3))`,
		names, strconv.FormatUint(pos.TxID, 10), pos.Offset).Scan(&done)
	if err != nil {
		return false, fmt.Errorf("read projection offsets: %w", err)
	}
	return done == len(names), nil
}

// WaitFor blocks until every projector has processed the events up to pos, so that a caller that
// just wrote reads its own write. It gives up when ctx ends.
func (r *Runner) WaitFor(ctx context.Context, pos eventstore.Position) error {
	delay := time.Millisecond
	for {
		ok, err := r.CaughtUp(ctx, pos)
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("read models have not caught up with %d/%d: %w", pos.TxID, pos.Offset, ctx.Err())
		case <-time.After(delay):
		}
		if delay < 20*time.Millisecond {
			delay *= 2
		}
	}
}
