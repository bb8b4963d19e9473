package portfolio

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/projections"
)

// MaxCachedAnswers is how many questions the reader keeps an answer for (the most recently
// computed ones).
const MaxCachedAnswers = 128

// answers keeps the latest answer to each question with the event position it was computed at,
// and lets the askers of a question being computed wait for that computation instead of starting
// their own. An answer is a function of the question, the date and the position only (the read
// model at a position is what the events up to it made it; an as-of answer reads the versions
// valid at the end of a past day, which no later event changes), so an answer computed at the
// position the database still shows is the answer a new computation would give.
type answers struct {
	mu       sync.Mutex
	entries  map[string]*answer
	seq      uint64
	computed atomic.Int64 // computations started (tests)
}

// answer is one question's answer, or its computation under way (done open).
type answer struct {
	probe eventstore.Position // the position seen before computing
	got   eventstore.Position // the position the answer states (set when done)
	used  uint64
	done  chan struct{}
	res   *Result
	err   error
}

func newAnswers() *answers { return &answers{entries: map[string]*answer{}} }

// get returns the answer to the question key at position pos: the kept one if it was computed
// at pos, else the one being computed by another asker at pos, else compute's (kept for the
// next askers). A failed computation is not kept; its waiters compute for themselves.
func (c *answers) get(ctx context.Context, key string, pos eventstore.Position, compute func() (*Result, error)) (*Result, error) {
	c.mu.Lock()
	c.seq++
	if e, ok := c.entries[key]; ok && (e.probe == pos || e.got == pos) {
		e.used = c.seq
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err == nil {
			return e.res, nil
		}
		return compute()
	}
	e := &answer{probe: pos, used: c.seq, done: make(chan struct{})}
	c.entries[key] = e
	c.evict()
	c.mu.Unlock()

	c.computed.Add(1)
	res, err := compute()
	c.mu.Lock()
	e.res, e.err = res, err
	if err == nil {
		e.got = eventstore.Position{TxID: res.Position.TransactionID, Offset: res.Position.Offset}
	} else if c.entries[key] == e {
		delete(c.entries, key)
	}
	close(e.done)
	c.mu.Unlock()
	return res, err
}

// evict drops the least recently used answers beyond MaxCachedAnswers (the caller holds mu).
func (c *answers) evict() {
	for len(c.entries) > MaxCachedAnswers {
		var oldest string
		var used uint64 = math.MaxUint64
		for k, e := range c.entries {
			if e.used < used {
				oldest, used = k, e.used
			}
		}
		delete(c.entries, oldest)
	}
}

// question is the cache key of q answered for the date d (historical: from the history).
func question(q Query, d domain.Date, historical bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%t|%d|", d, historical, limitOf(q))
	for _, g := range q.GroupBy {
		b.WriteString(string(g) + ",")
	}
	f := q.Filter
	for _, v := range []string{f.Region, f.Domain, f.Status, strconv.Itoa(f.Year), f.OwnerOrg, f.FundID, f.SupportMode} {
		b.WriteString("|" + strconv.Quote(v))
	}
	return b.String()
}

// probe reads the position an answer would be computed at, cheaply: for a current answer the
// position the summary read model has reached, for an as-of answer the last event recorded by t.
func (r *Reader) probe(ctx context.Context, historical bool, t time.Time) (eventstore.Position, error) {
	var txid *string
	var off *int64
	var err error
	if historical {
		err = r.pool.QueryRow(ctx, `SELECT transaction_id::text, "offset" FROM (`+lastEventBy+`) e`, t).Scan(&txid, &off)
	} else {
		err = r.pool.QueryRow(ctx, `SELECT last_processed_transaction_id::text, offset_acked FROM events_offsets
			WHERE consumer_group = $1`, projections.Summary{}.Name()).Scan(&txid, &off)
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return eventstore.Position{}, nil
	}
	if err != nil {
		return eventstore.Position{}, fmt.Errorf("portfolio summary position: %w", err)
	}
	var pos eventstore.Position
	if pos.TxID, err = parseTxID(txid); err != nil {
		return eventstore.Position{}, err
	}
	if off != nil {
		pos.Offset = *off
	}
	return pos, nil
}

// waitingTo returns res with every oldest wait measured in whole days to t: a kept current
// answer is served later than it was computed. res itself is not changed (it is shared).
func (res *Result) waitingTo(t time.Time) *Result {
	out := *res
	out.Totals = res.Totals.waitingTo(t)
	if res.Groups != nil {
		out.Groups = make([]Group, len(res.Groups))
		for i, g := range res.Groups {
			out.Groups[i] = g.waitingTo(t)
		}
	}
	return &out
}

func (g Group) waitingTo(t time.Time) Group {
	if g.Waiting == nil {
		return g
	}
	steps := make([]StepWait, len(g.Waiting))
	for i, s := range g.Waiting {
		s.OldestWaitDays = waitDays(s.OldestSince, t)
		steps[i] = s
	}
	g.Waiting = steps
	return g
}

// waitDays is the whole days from since to t.
func waitDays(since, t time.Time) int {
	return int(math.Floor(t.Sub(since).Hours() / 24))
}
