package projections

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// Applied is one event as a Batcher gets it: the record and its decoded event.
type Applied struct {
	Rec   eventstore.Recorded
	Event domain.Event
}

// history is one history table of the summary: its key columns and every column in order. Each
// row is one version of a thing, valid from valid_from until valid_to (NULL while current); seq is
// the stream version of the last event that shaped it.
type history struct {
	table    string
	key      []string
	keyTypes []string // the key columns' SQL types
	cols     []string
	casts    map[string]string // a column's parameter cast when it is not the column's own type
}

// upsertSQL writes one version: a new one, or (same key and valid_from) the one stored, replaced.
// Its parameters are the columns in h.cols order.
func (h history) upsertSQL() string {
	params := make([]string, len(h.cols))
	var update []string
	for i, c := range h.cols {
		params[i] = fmt.Sprintf("$%d%s", i+1, h.casts[c])
		if c != "valid_from" && !slices.Contains(h.key, c) {
			update = append(update, c+" = excluded."+c)
		}
	}
	return `INSERT INTO ` + h.table + ` (` + strings.Join(h.cols, ", ") + `) VALUES (` + strings.Join(params, ", ") + `)
		ON CONFLICT (` + strings.Join(h.key, ", ") + `, valid_from) DO UPDATE SET ` + strings.Join(update, ", ")
}

// closeSQL ends the stored current versions of n keys: per key, its parameters are valid_to, the
// stored version's valid_from and the key's columns.
func (h history) closeSQL(n int) string {
	casts := append([]string{"::timestamptz", "::timestamptz"}, h.keyTypes...)
	for i := 2; i < len(casts); i++ {
		casts[i] = "::" + casts[i]
	}
	cols := append([]string{"valid_to", "valid_from"}, h.key...)
	where := make([]string, len(h.key))
	for i, k := range h.key {
		where[i] = "h." + k + " = v." + k
	}
	return `UPDATE ` + h.table + ` h SET valid_to = v.valid_to FROM (VALUES ` + valuesList(casts, n) + `) AS v(` +
		strings.Join(cols, ", ") + `) WHERE h.valid_from = v.valid_from AND h.valid_to IS NULL AND ` + strings.Join(where, " AND ")
}

// insertSQL writes n new versions (never in the table yet); parameters are the columns in h.cols
// order, row after row.
func (h history) insertSQL(n int) string {
	casts := make([]string, len(h.cols))
	for i, c := range h.cols {
		casts[i] = h.casts[c]
	}
	return `INSERT INTO ` + h.table + ` (` + strings.Join(h.cols, ", ") + `) VALUES ` + valuesList(casts, n)
}

// valuesList is the rows of a VALUES list of n rows of len(casts) parameters, numbered from 1 row
// after row, each followed by its cast.
func valuesList(casts []string, n int) string {
	var b strings.Builder
	p := 1
	for r := 0; r < n; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i, c := range casts {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "$%d%s", p, c)
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// rowsPerStatement bounds how many rows one statement of many rows' values carries.
const rowsPerStatement = 100

// chunks calls fn with successive runs of at most rowsPerStatement rows.
func chunks(rows [][]any, fn func([][]any) error) error {
	for len(rows) > 0 {
		n := min(len(rows), rowsPerStatement)
		if err := fn(rows[:n]); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// flat is the rows' values, row after row.
func flat(rows [][]any) []any {
	var out []any
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// version is one version of a row of a history table.
type version[R any] struct {
	from  time.Time
	seq   int
	row   R
	dirty bool // made or changed by this batch: to be written
}

// chain is one key's versions during a batch: the stored current version first (when there is
// one), then the versions the batch made; the last is current.
type chain[R any] struct {
	stored bool
	vers   []version[R]
}

// folder applies a batch of events to the rows of one history table in memory, one version per
// distinct instant (the events of one command share their recorded_at, and change one version),
// and then writes each version once. clone copies a row deeply enough that changing the copy
// leaves the original as it was; values gives a version's columns in h.cols order.
type folder[K comparable, R any] struct {
	h      history
	clone  func(R) R
	values func(key K, v version[R], to *time.Time) []any
	keyOf  func(K) []any
	chains map[K]*chain[R]
	order  []K
}

func newFolder[K comparable, R any](h history, clone func(R) R, keyOf func(K) []any, values func(K, version[R], *time.Time) []any) *folder[K, R] {
	return &folder[K, R]{h: h, clone: clone, values: values, keyOf: keyOf, chains: map[K]*chain[R]{}}
}

// stored records the database's current version of key (loaded before the batch is applied).
func (f *folder[K, R]) stored(key K, from time.Time, seq int, row R) {
	f.order = append(f.order, key)
	f.chains[key] = &chain[R]{stored: true, vers: []version[R]{{from: from, seq: seq, row: row}}}
}

// queueLoad queues on reads the query of stored current versions, sql with args, whose columns
// dest points at (the key's, valid_from, seq and the row's, in the query's order); each is stored,
// copied by clone, when the answer is read.
func (f *folder[K, R]) queueLoad(reads *pgx.Batch, sql string, args []any, dest func(key *K, from *time.Time, seq *int, row *R) []any) {
	reads.Queue(sql, args...).Query(func(rows pgx.Rows) error {
		var (
			key  K
			from time.Time
			seq  int
			row  R
		)
		if _, err := pgx.ForEachRow(rows, dest(&key, &from, &seq, &row), func() error {
			f.stored(key, from, seq, f.clone(row))
			return nil
		}); err != nil {
			return fmt.Errorf("read current versions of %s: %w", f.h.table, err)
		}
		return nil
	})
}

// has reports whether key has a current version.
func (f *folder[K, R]) has(key K) bool {
	c := f.chains[key]
	return c != nil && len(c.vers) > 0
}

// create starts key's history with row at rec; key must have no version.
func (f *folder[K, R]) create(key K, rec eventstore.Recorded, row R) error {
	if f.has(key) {
		return fmt.Errorf("%s already holds %v", f.h.table, key)
	}
	f.order = append(f.order, key)
	f.chains[key] = &chain[R]{vers: []version[R]{{from: rec.RecordedAt, seq: rec.Version, row: row, dirty: true}}}
	return nil
}

// change makes key's next version at rec from a copy of the current one changed by fn: a new
// version from rec's instant, or, when the current version is from that instant or later (the
// same command's earlier event), the current one changed in place, so no empty interval is left.
func (f *folder[K, R]) change(key K, rec eventstore.Recorded, fn func(*R) error) error {
	c := f.chains[key]
	if c == nil || len(c.vers) == 0 {
		return fmt.Errorf("%s has no current version of %v", f.h.table, key)
	}
	cur := &c.vers[len(c.vers)-1]
	row := f.clone(cur.row)
	if err := fn(&row); err != nil {
		return err
	}
	if rec.RecordedAt.After(cur.from) {
		c.vers = append(c.vers, version[R]{from: rec.RecordedAt, seq: rec.Version, row: row, dirty: true})
		return nil
	}
	cur.seq, cur.row, cur.dirty = rec.Version, row, true
	return nil
}

// copyRowsFrom is how many new rows (versions) of one table a batch writes with COPY rather than
// one queued statement each: a catch-up batch makes thousands, where COPY costs a fraction of as
// many statements; a live round's few go with its other statements (COPY takes a round trip of its
// own).
const copyRowsFrom = 100

// write sends the batch's versions: the stored current version is closed when the batch made a
// later one (or replaced, when the batch changed it in place), and every version the batch made
// or changed is written once, closed at the next one's instant, the last one current. Keys are
// written in the order they were first seen.
func (f *folder[K, R]) write(ctx context.Context, tx pgx.Tx) error {
	upsert := f.h.upsertSQL()
	var fresh [][]any  // versions the batch made: never in the table yet
	var closes [][]any // stored versions a later one follows: valid_to, valid_from, key
	for _, key := range f.order {
		c := f.chains[key]
		for i, v := range c.vers {
			var to *time.Time
			if i+1 < len(c.vers) {
				to = &c.vers[i+1].from
			}
			stored := i == 0 && c.stored
			switch {
			case v.dirty && !stored:
				fresh = append(fresh, f.values(key, v, to))
			case v.dirty:
				if _, err := tx.Exec(ctx, upsert, f.values(key, v, to)...); err != nil {
					return fmt.Errorf("write version of %v in %s: %w", key, f.h.table, err)
				}
			case stored && to != nil:
				closes = append(closes, append([]any{*to, v.from}, f.keyOf(key)...))
			}
		}
	}
	if err := chunks(closes, func(rows [][]any) error {
		return execRows(ctx, tx, int64(len(rows)), f.h.closeSQL(len(rows)), flat(rows)...)
	}); err != nil {
		return fmt.Errorf("close current versions in %s: %w", f.h.table, err)
	}
	if len(fresh) < copyRowsFrom {
		if err := chunks(fresh, func(rows [][]any) error {
			return execRows(ctx, tx, int64(len(rows)), f.h.insertSQL(len(rows)), flat(rows)...)
		}); err != nil {
			return fmt.Errorf("write versions in %s: %w", f.h.table, err)
		}
		return nil
	}
	for _, vals := range fresh {
		for i, c := range f.h.cols {
			var err error
			if vals[i], err = copyValue(f.h.casts[c], vals[i]); err != nil {
				return fmt.Errorf("write versions in %s: %s: %w", f.h.table, c, err)
			}
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{f.h.table}, f.h.cols, pgx.CopyFromRows(fresh)); err != nil {
		return fmt.Errorf("write versions in %s: %w", f.h.table, err)
	}
	return nil
}

// copyValue is a column's value as COPY takes it: COPY has no casts, so what an upsert casts from
// text (cast) is converted here. A text comes as a string or a pointer to one (a rowSet's field;
// a nil pointer, or a pointer to a nil one, is NULL).
func copyValue(cast string, v any) (any, error) {
	if cast == "" {
		return v, nil
	}
	var text *string
	switch t := v.(type) {
	case string:
		text = &t
	case *string:
		text = t
	case **string:
		if t != nil {
			text = *t
		}
	}
	switch cast {
	case "::text::uuid":
		if text == nil {
			return pgtype.UUID{}, nil
		}
		u, err := uuid.Parse(*text)
		return pgtype.UUID{Bytes: u, Valid: err == nil}, err
	case "::text::numeric":
		var n pgtype.Numeric
		if text == nil {
			return n, nil
		}
		return n, n.Scan(*text)
	case "::text[]::uuid[]":
		ids, ok := v.([]string)
		if !ok {
			return nil, fmt.Errorf("a uuid array from %T", v)
		}
		out := make([]pgtype.UUID, len(ids))
		for i, s := range ids {
			u, err := uuid.Parse(s)
			if err != nil {
				return nil, err
			}
			out[i] = pgtype.UUID{Bytes: u, Valid: true}
		}
		return out, nil
	case "::text[]::numeric[]":
		var texts []*string
		switch v := v.(type) {
		case []string:
			for i := range v {
				texts = append(texts, &v[i])
			}
		case []*string:
			texts = v
		default:
			return nil, fmt.Errorf("a numeric array from %T", v)
		}
		out := make([]pgtype.Numeric, len(texts))
		for i, s := range texts {
			if s != nil {
				if err := out[i].Scan(*s); err != nil {
					return nil, err
				}
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("no conversion for the cast %s", cast)
}

// rowTable is a read model of one row per key (a project, a milestone, ...), which a Batcher reads
// once per batch and writes once per changed row.
type rowTable struct {
	table string
	what  string            // what a row is, for errors ("project")
	key   string            // the key column
	cols  []string          // every column, the key first, in the order of the row's fields
	texts map[string]string // columns carried as text in Go (uuids, numerics): their SQL type
}

// rowSet is a batch's rows of a rowTable: those read before the batch and those it made.
type rowSet[R any] struct {
	t       rowTable
	fields  func(*R) []any // pointers to the row's fields, in t.cols order
	rows    map[string]*R
	dirty   map[string]bool
	created map[string]bool // rows the batch made: never in the table yet
	order   []string        // the changed rows' keys, as first changed
}

func newRows[R any](t rowTable, fields func(*R) []any) *rowSet[R] {
	return &rowSet[R]{t: t, fields: fields, rows: map[string]*R{}, dirty: map[string]bool{}, created: map[string]bool{}}
}

// queueLoad queues the read of the rows of the keys on reads.
func (s *rowSet[R]) queueLoad(reads *pgx.Batch, keys []string) {
	keys = slices.Compact(slices.Sorted(slices.Values(keys)))
	if len(keys) == 0 {
		return
	}
	sel := make([]string, len(s.t.cols))
	for i, c := range s.t.cols {
		sel[i] = c
		if _, ok := s.t.texts[c]; ok {
			sel[i] = c + "::text"
		}
	}
	key := s.t.key
	if typ, ok := s.t.texts[key]; ok {
		key += " = ANY($1::text[]::" + typ + "[])"
	} else {
		key += " = ANY($1)"
	}
	reads.Queue(`SELECT `+strings.Join(sel, ", ")+` FROM `+s.t.table+` WHERE `+key, keys).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			r := new(R)
			f := s.fields(r)
			if err := rows.Scan(f...); err != nil {
				return fmt.Errorf("read %s: %w", s.t.table, err)
			}
			s.rows[*f[0].(*string)] = r
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read %s: %w", s.t.table, err)
		}
		return nil
	})
}

// create adds the row of key, which must not exist.
func (s *rowSet[R]) create(key string, r R) error {
	if _, ok := s.rows[key]; ok {
		return fmt.Errorf("%s %s is already in %s", s.t.what, key, s.t.table)
	}
	s.rows[key] = &r
	s.created[key] = true
	s.mark(key)
	return nil
}

// change is the row of key, to be changed and written.
func (s *rowSet[R]) change(key string) (*R, error) {
	r, ok := s.rows[key]
	if !ok {
		return nil, fmt.Errorf("%s %s is not in %s", s.t.what, key, s.t.table)
	}
	s.mark(key)
	return r, nil
}

func (s *rowSet[R]) mark(key string) {
	if !s.dirty[key] {
		s.dirty[key] = true
		s.order = append(s.order, key)
	}
}

// write upserts every changed row, many rows per statement; when the batch made copyRowsFrom rows
// or more, those go by COPY.
func (s *rowSet[R]) write(ctx context.Context, tx pgx.Tx) error {
	if len(s.order) == 0 {
		return nil
	}
	casts := make([]string, len(s.t.cols))
	var update []string
	for i, c := range s.t.cols {
		if typ, ok := s.t.texts[c]; ok {
			casts[i] = "::text::" + typ
		}
		if c != s.t.key {
			update = append(update, c+" = excluded."+c)
		}
	}
	upsert := func(n int) string {
		return `INSERT INTO ` + s.t.table + ` (` + strings.Join(s.t.cols, ", ") + `) VALUES ` + valuesList(casts, n) + `
			ON CONFLICT (` + s.t.key + `) DO UPDATE SET ` + strings.Join(update, ", ")
	}
	bulk := len(s.created) >= copyRowsFrom
	var fresh, changed [][]any
	for _, key := range s.order {
		vals := s.fields(s.rows[key])
		if bulk && s.created[key] {
			for i, c := range s.t.cols {
				var err error
				if vals[i], err = copyValue(casts[i], vals[i]); err != nil {
					return fmt.Errorf("write %s %s: %s: %w", s.t.what, key, c, err)
				}
			}
			fresh = append(fresh, vals)
			continue
		}
		changed = append(changed, vals)
	}
	if err := chunks(changed, func(rows [][]any) error {
		return execRows(ctx, tx, int64(len(rows)), upsert(len(rows)), flat(rows)...)
	}); err != nil {
		return fmt.Errorf("write %s rows: %w", s.t.what, err)
	}
	if len(fresh) > 0 {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{s.t.table}, s.t.cols, pgx.CopyFromRows(fresh)); err != nil {
			return fmt.Errorf("write %s rows: %w", s.t.what, err)
		}
	}
	return nil
}
