package portfolio

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/smartcity/portfolio/domain"
	"github.com/smartcity/portfolio/internal/eventstore"
	"github.com/smartcity/portfolio/projections"
)

// Summary answers q. With q.AsOf it reads the versions valid at the end of that day and states the
// last event recorded by then, so the same question gives the same figures on any later day
// (asking about today gives what has been recorded so far). Without it, it reads the current
// versions and states the position the summary read model has reached.
func (r *Reader) Summary(ctx context.Context, q Query) (*Result, error) {
	if err := q.check(); err != nil {
		return nil, err
	}
	if err := r.checkKnown(ctx, q.Filter); err != nil {
		return nil, err
	}
	now := r.now()
	today := domain.DateInChina(now)
	asOf, historical, t := today, false, now
	if q.AsOf != nil {
		// The last instant of the day: versions valid then are what had been recorded by its end.
		cut, err := Cutoff(ctx, r.pool, *q.AsOf, today)
		if err != nil {
			return nil, err
		}
		asOf, historical, t = *q.AsOf, true, cut
	}
	compute := func() (*Result, error) { return r.compute(ctx, q, asOf, historical, t) }
	var res *Result
	var err error
	if r.answers == nil || (historical && !asOf.Before(today)) {
		// Today's history is still being written: an answer as of today is computed each time.
		res, err = compute()
	} else {
		var pos eventstore.Position
		if pos, err = r.probe(ctx, historical, t); err != nil {
			return nil, err
		}
		res, err = r.answers.get(ctx, question(q, asOf, historical), pos, compute)
	}
	if err != nil {
		return nil, err
	}
	return res.waitingTo(t), nil
}

// compute computes the answer to q for the date asOf, in one read-only repeatable-read
// transaction: from the history as of t when historical, else from the current read model.
func (r *Reader) compute(ctx context.Context, q Query, asOf domain.Date, historical bool, t time.Time) (*Result, error) {
	res := &Result{AsOf: asOf, Historical: historical}
	err := pgx.BeginTxFunc(ctx, r.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		// The statement's row estimates over CTEs are loose: JIT compilation, which they would
		// trigger, costs seconds and saves nothing here; the sorts fit in memory. No parallel
		// workers: on a few cores, concurrent summaries each starting workers only queue behind
		// one another (measured: a region answer 63 ms with workers, p50 2.6 s at 16 clients).
		if _, err := tx.Exec(ctx, `SET LOCAL jit = off; SET LOCAL work_mem = '32MB'; SET LOCAL max_parallel_workers_per_gather = 0`); err != nil {
			return err
		}
		if err := r.position(ctx, tx, res, t); err != nil {
			return err
		}
		var sql string
		var args []any
		if !r.projectByProject && byRegion(q) {
			sql, args = buildByRegion(q, res.AsOf.Time())
		} else {
			sql, args = build(q, res.Historical, t, res.AsOf.Time())
		}
		if err := readGroups(ctx, tx, sql, args, q, res, t); err != nil {
			return err
		}
		var regions []string
		if q.Filter.Region != "" {
			for _, r := range within(q.Filter.Region) {
				regions = append(regions, string(r.Code))
			}
		}
		return readPPP(ctx, tx, res, t, regions)
	})
	if err != nil {
		return nil, fmt.Errorf("portfolio summary: %w", err)
	}
	return res, nil
}

// lastEventBy selects the last event recorded at or before $1.
const lastEventBy = `SELECT transaction_id, "offset", recorded_at FROM events WHERE recorded_at <= $1
	ORDER BY recorded_at DESC, transaction_id DESC, "offset" DESC LIMIT 1`

// parseTxID reads a transaction id given as text (xid8); nil is 0.
func parseTxID(txid *string) (uint64, error) {
	if txid == nil {
		return 0, nil
	}
	v, err := strconv.ParseUint(*txid, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("transaction id %q: %w", *txid, err)
	}
	return v, nil
}

// position fills res.Position: for an as-of answer the last event recorded by t and how many
// there were (Cutoff has checked the date); for a current answer the position the
// summary read model has reached.
func (r *Reader) position(ctx context.Context, tx pgx.Tx, res *Result, t time.Time) error {
	var txid *string
	var off *int64
	var at *time.Time
	if res.Historical {
		err := tx.QueryRow(ctx, `SELECT e.transaction_id::text, e."offset", e.recorded_at, c.n
			FROM (SELECT count(*) AS n FROM events WHERE recorded_at <= $1) c, LATERAL (`+lastEventBy+`) e`, t).
			Scan(&txid, &off, &at, &res.Position.Events)
		if err != nil {
			return err
		}
	} else {
		err := tx.QueryRow(ctx, `SELECT o.last_processed_transaction_id::text, o.offset_acked, e.recorded_at
			FROM events_offsets o LEFT JOIN events e ON e.transaction_id = o.last_processed_transaction_id AND e."offset" = o.offset_acked
			WHERE o.consumer_group = $1`, projections.Summary{}.Name()).Scan(&txid, &off, &at)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
	}
	v, err := parseTxID(txid)
	if err != nil {
		return err
	}
	res.Position.TransactionID = v
	if off != nil {
		res.Position.Offset = *off
	}
	if at != nil {
		res.Position.RecordedAt = at.UTC()
	}
	return nil
}

func readGroups(ctx context.Context, tx pgx.Tx, sql string, args []any, q Query, res *Result, t time.Time) error {
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var g Group
		var total bool
		keys := make([]string, len(q.GroupBy))
		var steps, worst []byte
		dest := []any{&total}
		for i := range keys {
			dest = append(dest, &keys[i])
		}
		ev := &g.EarnedValue
		dest = append(dest, &g.Projects, &g.ApprovedBudget, &g.Spent, &g.Funded, &g.Reserved, &g.Disbursed,
			&g.DisbursementRate, &g.BudgetExecutionRate, &g.PlannedPercent, &g.ReportedPercent,
			&ev.PV, &ev.EV, &ev.SPI, &ev.CPI, &ev.EAC,
			&g.Rating.Red, &g.Rating.Amber, &g.Rating.Green, &g.Rating.NotRated, &g.OverdueMilestones,
			&steps, &g.Indicators.Count, &g.Indicators.Measured, &g.Indicators.Attained, &g.Indicators.Missed,
			&g.Indicators.AverageAttainment, &worst, &res.GroupCount)
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		ev.AC = g.Spent
		if err := decodeSteps(steps, &g, t); err != nil {
			return err
		}
		if err := decodeWorst(worst, &g); err != nil {
			return err
		}
		if total {
			res.Totals = g
			continue
		}
		for i, d := range q.GroupBy {
			g.Keys = append(g.Keys, GroupKey{Dimension: d, Value: keys[i], Label: label(d, keys[i])})
		}
		res.Groups = append(res.Groups, g)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(res.Groups) > limitOf(q) {
		res.Groups = res.Groups[:limitOf(q)]
	}
	return nil
}

// decodeSteps reads the waiting steps; each oldest wait is measured in whole days to t (the
// end of the asOf day, or now).
func decodeSteps(b []byte, g *Group, t time.Time) error {
	var steps []struct {
		Step  string    `json:"step"`
		Count int       `json:"count"`
		Since time.Time `json:"since"`
	}
	if err := json.Unmarshal(b, &steps); err != nil {
		return fmt.Errorf("decode waiting steps: %w", err)
	}
	for _, s := range steps {
		g.Waiting = append(g.Waiting, StepWait{Step: s.Step, Count: s.Count, OldestSince: s.Since.UTC(),
			OldestWaitDays: waitDays(s.Since, t)})
	}
	return nil
}

func decodeWorst(b []byte, g *Group) error {
	var list []struct {
		ProjectID   string      `json:"projectId"`
		Code        string      `json:"code"`
		MilestoneID string      `json:"milestoneId"`
		Name        string      `json:"name"`
		PlannedDate domain.Date `json:"plannedDate"`
		Days        int         `json:"days"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("decode overdue milestones: %w", err)
	}
	for _, m := range list {
		g.MostOverdue = append(g.MostOverdue, OverdueMilestone{ProjectID: m.ProjectID, ProjectCode: m.Code,
			MilestoneID: m.MilestoneID, Name: m.Name, PlannedDate: m.PlannedDate, DaysOverdue: m.Days})
	}
	return nil
}

func readPPP(ctx context.Context, tx pgx.Tx, res *Result, t time.Time, regions []string) error {
	sql, args := pppStatement(res.Historical, t, regions)
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var y PPPYear
		if err := rows.Scan(&y.Region, &y.Year, &y.Budget, &y.Obligations, &y.CapBP, &y.Cap, &y.Headroom); err != nil {
			return err
		}
		res.PPPHeadroom = append(res.PPPHeadroom, y)
	}
	return rows.Err()
}

// within lists the catalogue's regions at or below the region code filter (all when empty).
func within(filter string) []domain.Region {
	var out []domain.Region
	for _, r := range domain.Regions() {
		if filter == "" || r.Within(domain.RegionCode(filter)) {
			out = append(out, r)
		}
	}
	return out
}

// label is a readable name of a key: the region's or domain's name from the catalogue.
func label(d Dimension, v string) string {
	switch d {
	case ByProvince, ByCity, ByCounty:
		if r, ok := domain.LookupRegion(domain.RegionCode(v)); ok {
			return r.Name
		}
	case ByDomain:
		if l := domain.ProjectDomain(v).Label(); l != "" {
			return l
		}
	}
	return v
}
