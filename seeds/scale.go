package seeds

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
)

// ScaleOptions shapes a generated portfolio.
type ScaleOptions struct {
	Projects int    // how many projects
	Seed     uint64 // the same seed and count give the same portfolio, ids included
	// BatchEvents is about how many events one append (one transaction) carries.
	BatchEvents int
}

// ScaleSummary is what LoadScale wrote.
type ScaleSummary struct {
	Projects     int
	Funds        int
	Applications int
	// PPPArrangements is the number of PPP arrangements, PPPStages them by stage, and PPPLedgers
	// the number of regions whose fiscal affordability ledger was opened.
	PPPArrangements int
	PPPStages       map[domain.PPPStage]int
	PPPLedgers      int
	Events          int
	Transactions    int
	AlreadyLoaded   bool
	Took            time.Duration
}

// scaleToday is the generator's "today": every generated fact is dated on or before it, so the
// histories are the same whatever day they are generated.
var scaleToday = domain.MustDate("2026-06-30")

// LoadScale writes a large synthetic portfolio for benchmarks: opts.Projects projects spread over
// the catalogue's cities and counties and every domain, each with a realistic history made by the
// domain's own commands (proposal, review, approval, construction, milestones, spending,
// progress, indicators and measurements, acceptance, operation), plus one special fund per city
// and funding applications approved and paid from them, and for about one project in ten a PPP
// arrangement at some stage with its region's fiscal affordability ledger (scale_ppp.go). Events
// go to the store in large batched appends, many streams per transaction. The ids come from the
// seeded generator, so the same options give the same portfolio; loading it again finds the first
// project's code taken and writes nothing.
func LoadScale(ctx context.Context, store *eventstore.Store, opts ScaleOptions) (ScaleSummary, error) {
	start := time.Now()
	if opts.Projects <= 0 {
		return ScaleSummary{}, fmt.Errorf("scale: project count must be positive, got %d: %w", opts.Projects, domain.ErrInvalid)
	}
	if opts.BatchEvents <= 0 {
		opts.BatchEvents = 4000
	}
	g := newGenerator(opts.Seed)
	first, _, err := store.LoadEvents(ctx, domain.ProjectCodeStreamID(g.code(0)))
	if err != nil {
		return ScaleSummary{}, err
	}
	if len(first) > 0 {
		return ScaleSummary{AlreadyLoaded: true, Took: time.Since(start)}, nil
	}
	w := &batchWriter{ctx: ctx, store: store, limit: opts.BatchEvents}
	if err := g.establishFunds(w); err != nil {
		return ScaleSummary{}, err
	}
	for i := 0; i < opts.Projects; i++ {
		if err := g.project(w, i); err != nil {
			return ScaleSummary{}, fmt.Errorf("scale: project %d: %w", i, err)
		}
	}
	if err := w.flush(); err != nil {
		return ScaleSummary{}, err
	}
	return ScaleSummary{Projects: opts.Projects, Funds: len(g.fundIDs), Applications: g.applications,
		PPPArrangements: g.pppArrangements, PPPStages: g.pppStages, PPPLedgers: len(g.ledgers),
		Events: w.events, Transactions: w.txs, Took: time.Since(start)}, nil
}

// batchWriter collects whole streams' events and appends them many streams per transaction.
type batchWriter struct {
	ctx     context.Context
	store   *eventstore.Store
	limit   int
	pending []eventstore.Append
	size    int
	events  int
	txs     int
	// shared streams (the funds) get events from many projects of a batch: they are appended
	// once per transaction, from the version the previous transaction left them at.
	shared        map[string][]domain.Event
	sharedType    map[string]string
	sharedVersion map[string]int
}

var scaleCommand = eventstore.Command{Name: "LoadScale", Actor: domain.Actor{UserID: "seed-scale", Role: domain.RoleAdmin}, CorrelationID: "seed/scale"}

// add queues events for a stream that is new or was last flushed at version from.
func (w *batchWriter) add(streamID, streamType string, from int, events []domain.Event) error {
	if len(events) == 0 {
		return nil
	}
	w.pending = append(w.pending, eventstore.Append{StreamID: streamID, StreamType: streamType, ExpectedVersion: from, Events: events})
	w.size += len(events)
	if w.size >= w.limit {
		return w.flush()
	}
	return nil
}

// addShared queues events for a stream that other entries of the batch also write to.
func (w *batchWriter) addShared(streamID, streamType string, events []domain.Event) {
	if w.shared == nil {
		w.shared, w.sharedType, w.sharedVersion = map[string][]domain.Event{}, map[string]string{}, map[string]int{}
	}
	w.shared[streamID] = append(w.shared[streamID], events...)
	w.sharedType[streamID] = streamType
	w.size += len(events)
}

func (w *batchWriter) flush() error {
	for id, events := range w.shared {
		w.pending = append(w.pending, eventstore.Append{StreamID: id, StreamType: w.sharedType[id], ExpectedVersion: w.sharedVersion[id], Events: events})
		w.sharedVersion[id] += len(events)
		delete(w.shared, id)
	}
	if len(w.pending) == 0 {
		return nil
	}
	if _, err := w.store.Append(w.ctx, scaleCommand, nil, w.pending...); err != nil {
		return fmt.Errorf("scale: append %d events: %w", w.size, err)
	}
	w.events += w.size
	w.txs++
	w.pending, w.size = nil, 0
	return nil
}

// generator makes deterministic histories.
type generator struct {
	rng          *rand.Rand
	idTime       time.Time
	regions      []domain.Region
	domains      []domain.ProjectDomain
	fundIDs      map[domain.RegionCode]domain.FundID // by city
	funds        map[domain.FundID]*domain.Fund
	fundVersion  map[domain.FundID]int
	applications int
	ledgers      map[domain.RegionCode]*domain.PPPLedger // opened on first use (scale_ppp.go)
	// pppArrangements counts the PPP arrangements, pppStages them by the stage they reached.
	pppArrangements int
	pppStages       map[domain.PPPStage]int
}

func newGenerator(seed uint64) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x5eed)), idTime: time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
		domains: domain.ProjectDomains(), fundIDs: map[domain.RegionCode]domain.FundID{},
		funds: map[domain.FundID]*domain.Fund{}, fundVersion: map[domain.FundID]int{},
		ledgers: map[domain.RegionCode]*domain.PPPLedger{}, pppStages: map[domain.PPPStage]int{}}
	for _, r := range domain.Regions() {
		if r.Level != domain.RegionProvince {
			g.regions = append(g.regions, r)
		}
	}
	return g
}

// id is a UUIDv7 whose time and random parts come from the generator, so runs repeat exactly.
func (g *generator) id() string {
	g.idTime = g.idTime.Add(time.Millisecond)
	var b [16]byte
	binary.BigEndian.PutUint64(b[8:], g.rng.Uint64())
	ms := uint64(g.idTime.UnixMilli())
	b[0], b[1], b[2], b[3], b[4], b[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	r := g.rng.Uint32()
	b[6], b[7] = 0x70|byte(r>>8)&0x0f, byte(r)
	b[8] = 0x80 | b[8]&0x3f
	return uuid.UUID(b).String()
}

func (g *generator) code(i int) domain.ProjectCode {
	return domain.ProjectCode(fmt.Sprintf("SCALE-%07d", i))
}

func (g *generator) city(r domain.Region) domain.RegionCode {
	if r.Level == domain.RegionCity {
		return r.Code
	}
	return r.Parent
}

func (g *generator) date(from domain.Date, maxDays int) domain.Date {
	d := domain.DateOf(from.Time().AddDate(0, 0, 1+g.rng.IntN(maxDays)))
	if d.After(scaleToday) {
		return scaleToday
	}
	return d
}
