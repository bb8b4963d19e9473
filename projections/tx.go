package projections

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// inTransaction runs fn in a transaction on a connection of the pool, like pgx.BeginFunc
// (committed when fn succeeds, rolled back otherwise), but BEGIN goes to the server together with
// the statements of first, in one round trip, where pgx.BeginFunc spends a round trip on BEGIN
// alone: a round of the runner is a handful of round trips, and under load each waits for a CPU.
// first's results (its callbacks) have been read when fn runs.
func inTransaction(ctx context.Context, pool *pgxpool.Pool, first *pgx.Batch, fn func(pgx.Tx) error) error {
	c, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A connection released inside a transaction (a failed ROLLBACK, a panic) is closed by the
	// pool rather than reused.
	defer c.Release()
	tx := &connTx{conn: c.Conn()}
	b := &pgx.Batch{}
	b.Queue("BEGIN")
	b.QueuedQueries = append(b.QueuedQueries, first.QueuedQueries...)
	if err := c.SendBatch(ctx, b).Close(); err != nil {
		return errors.Join(err, tx.Rollback(ctx))
	}
	if err := fn(tx); err != nil {
		if rbErr := tx.Rollback(ctx); rbErr != nil {
			return errors.Join(err, fmt.Errorf("roll back: %w", rbErr))
		}
		return err
	}
	return tx.Commit(ctx)
}

// connTx is the transaction inTransaction began on conn: every statement is the connection's, and
// Commit and Rollback send COMMIT and ROLLBACK.
type connTx struct{ conn *pgx.Conn }

var errNested = errors.New("projections: a read model's transaction has no nested transactions")

// Begin implements pgx.Tx: projectors do not nest transactions (pipeTx's savepoint is a statement).
func (t *connTx) Begin(context.Context) (pgx.Tx, error) { return nil, errNested }

// Commit implements pgx.Tx.
func (t *connTx) Commit(ctx context.Context) error {
	tag, err := t.conn.Exec(ctx, "COMMIT")
	if err == nil && tag.String() == "ROLLBACK" {
		return pgx.ErrTxCommitRollback
	}
	return err
}

// Rollback implements pgx.Tx.
func (t *connTx) Rollback(ctx context.Context) error {
	_, err := t.conn.Exec(ctx, "ROLLBACK")
	return err
}

func (t *connTx) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return t.conn.CopyFrom(ctx, table, columns, src)
}

func (t *connTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.conn.SendBatch(ctx, b)
}

// LargeObjects implements pgx.Tx; read models keep no large objects.
func (t *connTx) LargeObjects() pgx.LargeObjects {
	panic("projections: read models keep no large objects")
}

func (t *connTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	return t.conn.Prepare(ctx, name, sql)
}

func (t *connTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.conn.Exec(ctx, sql, args...)
}

func (t *connTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.conn.Query(ctx, sql, args...)
}

func (t *connTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.conn.QueryRow(ctx, sql, args...)
}

func (t *connTx) Conn() *pgx.Conn { return t.conn }
