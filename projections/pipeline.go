package projections

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pipeTx is the transaction projectors get during catch-up and rebuild. It queues their Execs and
// sends them to PostgreSQL together, as one pgx.Batch (one round trip for hundreds of
// statements), instead of waiting for each one's answer.
//
// A projector sees Exec's command tag at once, before the statement has run, so pipeTx answers
// with the tag it expects: one row changed by an UPDATE or an INSERT (the read models' statements
// address one row by its key). When the batch is sent every answer is compared with what was
// assumed. Any difference, or any error, fails the whole unit of work: the caller rolls it back
// and applies it again without pipelining (a plain transaction), where the projector sees the
// real answers and decides as it always does. A statement that once changed another number of
// rows is remembered and from then on runs at once. Other statements (DELETE, anything that is
// not an UPDATE or INSERT, Query, QueryRow, CopyFrom, ...) first send what is queued, then run
// at once. So a projector behaves exactly as on a plain transaction; it only may be applied a
// second time after its first attempt was rolled back, as after a nack.
type pipeTx struct {
	pgx.Tx
	known   *unpredictable
	batch   pgx.Batch
	pending []queued // the queued statements, in order
	err     error    // the first failure: the transaction must be rolled back
}

// queued is a statement sent with the next batch, and how many rows it must change (anyRows:
// it does not matter).
type queued struct {
	sql  string
	want int64
}

const anyRows = -1

// maxPipelined bounds how many statements wait in one batch.
const maxPipelined = 500

// errMispredicted is a pipelined statement that changed another number of rows than assumed.
var errMispredicted = errors.New("a pipelined statement changed another number of rows than assumed")

// unpredictable is the set of statements seen to change another number of rows than one.
type unpredictable struct{ m sync.Map }

func (u *unpredictable) has(sql string) bool { _, ok := u.m.Load(sql); return ok }
func (u *unpredictable) add(sql string)      { u.m.Store(sql, true) }

func newPipeTx(tx pgx.Tx, known *unpredictable) *pipeTx { return &pipeTx{Tx: tx, known: known} }

// assumedTag is the tag pipeTx answers for a statement it may queue.
func assumedTag(sql string) (pgconn.CommandTag, bool) {
	s := strings.TrimLeft(sql, " \t\r\n")
	if len(s) < 7 {
		return pgconn.CommandTag{}, false
	}
	switch strings.ToUpper(s[:7]) {
	case "UPDATE ":
		return pgconn.NewCommandTag("UPDATE 1"), true
	case "INSERT ":
		return pgconn.NewCommandTag("INSERT 0 1"), true
	}
	return pgconn.CommandTag{}, false
}

// withOptions reports whether args start with one of pgx's per-query options, which a batch
// does not take the same way: such statements run at once.
func withOptions(args []any) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0].(type) {
	case pgx.QueryExecMode, pgx.QueryResultFormats, pgx.QueryResultFormatsByOID, pgx.QueryRewriter:
		return true
	}
	return false
}

// Exec queues the statement when its answer can be assumed, else runs it after what is queued.
func (t *pipeTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if t.err != nil {
		return pgconn.CommandTag{}, t.err
	}
	tag, ok := assumedTag(sql)
	if !ok || withOptions(args) || t.known.has(sql) {
		if err := t.flush(ctx); err != nil {
			return pgconn.CommandTag{}, err
		}
		return t.Tx.Exec(ctx, sql, args...)
	}
	return tag, t.queue(ctx, sql, args, 1)
}

func (t *pipeTx) queue(ctx context.Context, sql string, args []any, want int64) error {
	t.batch.Queue(sql, args...)
	t.pending = append(t.pending, queued{sql, want})
	if len(t.pending) >= maxPipelined {
		return t.flush(ctx)
	}
	return nil
}

// execAnyRows runs a statement whose number of rows changed does not matter to the projector (a
// set-based change, a DELETE of what may not be there, a savepoint): on a pipeTx it is queued
// with the others and only its error counts; on another transaction it runs at once.
func execAnyRows(ctx context.Context, tx pgx.Tx, sql string, args ...any) error {
	return execRows(ctx, tx, anyRows, sql, args...)
}

// execRows runs a statement that must change want rows (a statement of many rows' values), and
// fails if it does not: on a pipeTx it is queued with the others and checked when they are sent
// (a difference fails the batch, which is then applied one statement at a time, where it fails
// again); on another transaction it runs at once.
func execRows(ctx context.Context, tx pgx.Tx, want int64, sql string, args ...any) error {
	if t, ok := tx.(*pipeTx); ok {
		if t.err != nil {
			return t.err
		}
		return t.queue(ctx, sql, args, want)
	}
	tag, err := tx.Exec(ctx, sql, args...)
	if err == nil && want != anyRows && tag.RowsAffected() != want {
		err = fmt.Errorf("%d rows changed, want %d, by %s", tag.RowsAffected(), want, sql)
	}
	return err
}

// flush sends the queued statements and checks every answer against the assumed one.
func (t *pipeTx) flush(ctx context.Context) error {
	if t.err != nil || len(t.pending) == 0 {
		return t.err
	}
	br := t.Tx.SendBatch(ctx, &t.batch)
	err := t.check(br)
	if cerr := br.Close(); err == nil {
		err = cerr
	}
	t.batch, t.pending, t.err = pgx.Batch{}, t.pending[:0], err
	return err
}

// check reads the queued statements' answers from br and compares them with the assumed ones.
func (t *pipeTx) check(br pgx.BatchResults) error {
	for _, q := range t.pending {
		tag, err := br.Exec()
		if err != nil {
			return err
		}
		if q.want != anyRows && tag.RowsAffected() != q.want {
			if q.want == 1 {
				t.known.add(q.sql) // an Exec assumed to change one row: run it at once from now on
			}
			return fmt.Errorf("%w: %d rows by %s", errMispredicted, tag.RowsAffected(), q.sql)
		}
	}
	return nil
}

// Query sends what is queued first.
func (t *pipeTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	return t.Tx.Query(ctx, sql, args...)
}

// QueryRow sends what is queued first.
func (t *pipeTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if err := t.flush(ctx); err != nil {
		return errRow{err}
	}
	return t.Tx.QueryRow(ctx, sql, args...)
}

// CopyFrom sends what is queued first.
func (t *pipeTx) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	if err := t.flush(ctx); err != nil {
		return 0, err
	}
	return t.Tx.CopyFrom(ctx, table, columns, src)
}

// SendBatch sends what is queued and b together, in one round trip: the queued statements'
// answers are checked first, and the results handed back are b's.
func (t *pipeTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	if t.err != nil {
		return errBatch{t.err}
	}
	if len(t.pending) == 0 {
		return t.Tx.SendBatch(ctx, b)
	}
	both := &pgx.Batch{QueuedQueries: append(t.batch.QueuedQueries, b.QueuedQueries...)}
	br := t.Tx.SendBatch(ctx, both)
	err := t.check(br)
	t.batch, t.pending, t.err = pgx.Batch{}, t.pending[:0], err
	if err != nil {
		_ = br.Close()
		return errBatch{err}
	}
	return br
}

// Prepare sends what is queued first.
func (t *pipeTx) Prepare(ctx context.Context, name, sql string) (*pgconn.StatementDescription, error) {
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	return t.Tx.Prepare(ctx, name, sql)
}

// Begin (a savepoint) sends what is queued first.
func (t *pipeTx) Begin(ctx context.Context) (pgx.Tx, error) {
	if err := t.flush(ctx); err != nil {
		return nil, err
	}
	return t.Tx.Begin(ctx)
}

// Commit is not for projectors: the runner commits.
func (t *pipeTx) Commit(context.Context) error {
	return errors.New("projectors do not commit the runner's transaction")
}

// Rollback is not for projectors: the runner rolls back.
func (t *pipeTx) Rollback(context.Context) error {
	return errors.New("projectors do not roll back the runner's transaction")
}

// Conn hands out the connection underneath, so what is queued is sent first; a failure then
// shows at the next call or at the end of the unit of work.
func (t *pipeTx) Conn() *pgx.Conn {
	_ = t.flush(context.Background())
	return t.Tx.Conn()
}

type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

type errBatch struct{ err error }

func (b errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, b.err }
func (b errBatch) Query() (pgx.Rows, error)         { return nil, b.err }
func (b errBatch) QueryRow() pgx.Row                { return errRow(b) }
func (b errBatch) Close() error                     { return b.err }
