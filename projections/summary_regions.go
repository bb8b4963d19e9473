package projections

import (
	"cmp"
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// The region aggregates of the summary (migration 00007): summary_region_days holds, per region
// (a project's county, else its city, else its province) and day, what the current versions of
// its projects and their applications add to its figures on that day (the row of day -infinity:
// what does not depend on the date); a region's figures at D are the sum of its rows of days up to
// D. summary_region_waits counts the current applications waiting at a step, by region and the
// instant they reached it. A batch changes them by what it changed: each project's and
// application's new current version adds, the stored one takes away.

// regionsBefore is what a batch's projects and applications contributed before it: their stored
// current versions, taken before the events are applied (an event of the stored version's instant
// changes it in place).
type regionsBefore struct {
	projects map[string]*nowRow
	apps     map[string]applicationRow
}

func regionsBeforeBatch(projects *folder[string, projectRow], apps *folder[string, applicationRow]) regionsBefore {
	b := regionsBefore{projects: map[string]*nowRow{}, apps: map[string]applicationRow{}}
	for id, c := range projects.chains {
		if c.stored {
			b.projects[id] = c.vers[0].row.now()
		}
	}
	for id, c := range apps.chains {
		if c.stored {
			b.apps[id] = c.vers[0].row
		}
	}
	return b
}

// regionMoves is what a batch writes to the region aggregates: the changed projects' current rows
// and the regions' changes.
type regionMoves struct {
	now    []summaryNowRow
	deltas *regionDeltas
}

// summaryNowColumns are summary_now's columns.
var summaryNowColumns = []string{"project_id", "code", "province", "city", "county", "domain", "status", "owner_org",
	"year", "approved_budget", "spent", "reported_percent", "ms_plan_dates", "ms_plan_cum", "ms_open_dates", "ind_count",
	"ind_measured", "ind_attained", "ind_att_sum", "ind_att_n", "ind_open_dates"}

// summaryNowRow is a project's current version as summary_now holds it.
type summaryNowRow struct {
	id string
	*projectRow
}

// planRegionMoves derives the figures of every version the batch made, and works out how the
// region aggregates change: each changed project moves from its stored current version to its new
// one, each changed application likewise (at its project's region before and after the batch),
// and a project that changed region takes its other current applications with it.
func planRegionMoves(ctx context.Context, tx pgx.Tx, before regionsBefore, projects *folder[string, projectRow], apps *folder[string, applicationRow]) (*regionMoves, error) {
	m := &regionMoves{deltas: newRegionDeltas()}
	regionAfter := map[string]string{}
	var moved []string // projects whose region changed
	for _, id := range projects.order {
		c := projects.chains[id]
		changed := false
		for i := range c.vers {
			if v := &c.vers[i]; v.dirty {
				d, err := derive(&v.row)
				if err != nil {
					return nil, fmt.Errorf("project %s: %w", id, err)
				}
				v.row.derived, changed = d, true
			}
		}
		current := &c.vers[len(c.vers)-1].row
		now := current.now()
		regionAfter[id] = now.region
		if !changed {
			continue
		}
		m.now = append(m.now, summaryNowRow{id, current})
		if old := before.projects[id]; old != nil {
			m.deltas.project(old, -1)
			if old.region != now.region {
				moved = append(moved, id)
			}
		}
		m.deltas.project(now, 1)
	}

	// The regions of the changed applications' projects that the batch did not touch.
	var others []string
	for _, id := range apps.order {
		p := apps.chains[id].vers[0].row.projectID
		if _, ok := regionAfter[p]; !ok {
			others = append(others, p)
			regionAfter[p] = ""
		}
	}
	if len(others) > 0 {
		rows, err := tx.Query(ctx, `SELECT project_id::text, coalesce(county, city, province) FROM summary_now
			WHERE project_id = ANY($1::text[]::uuid[])`, others)
		if err != nil {
			return nil, fmt.Errorf("read the regions of applications' projects: %w", err)
		}
		var p, region string
		if _, err := pgx.ForEachRow(rows, []any{&p, &region}, func() error {
			regionAfter[p] = region
			return nil
		}); err != nil {
			return nil, fmt.Errorf("read the regions of applications' projects: %w", err)
		}
	}
	regionBefore := func(p string) string {
		if old := before.projects[p]; old != nil {
			return old.region
		}
		return regionAfter[p] // a project the batch did not change
	}

	for _, id := range apps.order {
		c := apps.chains[id]
		if !slices.ContainsFunc(c.vers, func(v version[applicationRow]) bool { return v.dirty }) {
			continue
		}
		current := c.vers[len(c.vers)-1].row
		if old, ok := before.apps[id]; ok {
			m.deltas.application(&old, regionBefore(old.projectID), -1)
		}
		region := regionAfter[current.projectID]
		if region == "" {
			return nil, fmt.Errorf("summary: application %s of project %s before the project", id, current.projectID)
		}
		m.deltas.application(&current, region, 1)
	}

	// A project that changed region takes its current applications that the batch did not change.
	if len(moved) > 0 {
		rows, err := tx.Query(ctx, `SELECT application_id::text, project_id::text, step, step_since, approved, disbursed,
				recovered, cancelled
			FROM summary_applications WHERE valid_to IS NULL AND project_id = ANY($1::text[]::uuid[])`, moved)
		if err != nil {
			return nil, fmt.Errorf("read the applications of projects that moved: %w", err)
		}
		var id string
		var a applicationRow
		if _, err := pgx.ForEachRow(rows, []any{&id, &a.projectID, &a.step, &a.stepSince, &a.approved, &a.disbursed,
			&a.recovered, &a.cancelled}, func() error {
			if _, ok := apps.chains[id]; ok {
				return nil // moved above
			}
			m.deltas.application(&a, before.projects[a.projectID].region, -1) // read at once: a is reused
			m.deltas.application(&a, regionAfter[a.projectID], 1)
			return nil
		}); err != nil {
			return nil, fmt.Errorf("read the applications of projects that moved: %w", err)
		}
	}
	return m, m.deltas.err
}

// write upserts the changed projects' current rows and applies the regions' changes
// (summary_region_change, migration 00011); a region's day whose figures all come back to zero,
// and a wait count of zero, are deleted, so that the aggregates are the same rows however the
// events were grouped into batches.
func (m *regionMoves) write(ctx context.Context, tx pgx.Tx) error {
	rows := make([][]any, len(m.now))
	for i, n := range m.now {
		r := n.projectRow
		rows[i] = []any{n.id, r.code, r.province, r.city, r.county, r.domain, r.status, r.ownerOrg, r.year, r.approvedBudget,
			r.spent, r.reportedPercent, r.msPlanDates, r.msPlanCum, r.msOpenDates, r.indCount, r.indMeasured, r.indAttained,
			r.indAttSum, r.indAttN, r.indOpenDates}
	}
	casts := make([]string, len(summaryNowColumns))
	casts[0], casts[18] = "::text::uuid", "::text::numeric"
	if err := chunks(rows, func(rows [][]any) error {
		return execRows(ctx, tx, int64(len(rows)), `INSERT INTO summary_now AS n (`+strings.Join(summaryNowColumns, ", ")+`)
			VALUES `+valuesList(casts, len(rows))+`
			ON CONFLICT (project_id) DO UPDATE SET code = excluded.code, province = excluded.province,
				city = excluded.city, county = excluded.county, domain = excluded.domain, status = excluded.status,
				owner_org = excluded.owner_org, year = excluded.year, approved_budget = excluded.approved_budget,
				spent = excluded.spent, reported_percent = excluded.reported_percent,
				ms_plan_dates = excluded.ms_plan_dates, ms_plan_cum = excluded.ms_plan_cum,
				ms_open_dates = excluded.ms_open_dates, ind_count = excluded.ind_count,
				ind_measured = excluded.ind_measured, ind_attained = excluded.ind_attained,
				ind_att_sum = excluded.ind_att_sum, ind_att_n = excluded.ind_att_n, ind_open_dates = excluded.ind_open_dates`,
			flat(rows)...)
	}); err != nil {
		return fmt.Errorf("write the projects' current rows: %w", err)
	}
	if err := m.writeDays(ctx, tx); err != nil {
		return err
	}
	return m.writeWaits(ctx, tx)
}

func (m *regionMoves) writeDays(ctx context.Context, tx pgx.Tx) error {
	keys := m.deltas.sortedDays()
	if len(keys) == 0 {
		return nil
	}
	n := len(keys)
	regions, ds := make([]string, n), make([]pgtype.Date, n)
	counts := make([][]int64, 11)  // projects, unrated, red, amber, green, overdue, ind_count, ind_measured, ind_attained, ind_missed, ind_att_n
	amounts := make([][]string, 8) // bac, ac, ev100, pv100, funded, reserved, disbursed, ind_att_sum
	for i := range counts {
		counts[i] = make([]int64, n)
	}
	for i := range amounts {
		amounts[i] = make([]string, n)
	}
	for i, k := range keys {
		f := m.deltas.days[k]
		regions[i], ds[i] = k.region, k.day.pg()
		for j, v := range []int64{f.projects, f.unrated, f.red, f.amber, f.green, f.overdue, f.indCount, f.indMeasured,
			f.indAttained, f.indMissed, f.indAttN} {
			counts[j][i] = v
		}
		for j, v := range []string{f.bac.String(), f.ac.String(), f.ev100.String(), f.pv100.String(), f.funded.String(),
			f.reserved.String(), f.disbursed.String(), ratString(&f.indAttSum)} {
			amounts[j][i] = v
		}
	}
	args := []any{regions, ds}
	for _, c := range counts {
		args = append(args, c)
	}
	for _, a := range amounts {
		args = append(args, a)
	}
	if err := execAnyRows(ctx, tx, `SELECT summary_region_change($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
			$13, $14::text[]::numeric[], $15::text[]::numeric[], $16::text[]::numeric[], $17::text[]::numeric[],
			$18::text[]::numeric[], $19::text[]::numeric[], $20::text[]::numeric[], $21::text[]::numeric[])`, args...); err != nil {
		return fmt.Errorf("change the regions' figures: %w", err)
	}
	return nil
}

func (m *regionMoves) writeWaits(ctx context.Context, tx pgx.Tx) error {
	var regions, steps []string
	var since []pgtype.Timestamptz
	var ns []int64
	for _, k := range m.deltas.sortedWaits() {
		regions, steps = append(regions, k.region), append(steps, k.step)
		since, ns = append(since, pgtype.Timestamptz{Time: time.UnixMicro(k.since), Valid: true}), append(ns, m.deltas.waits[k])
	}
	if len(regions) == 0 {
		return nil
	}
	if err := execAnyRows(ctx, tx, `WITH d AS (SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[])
			AS d(region_code, step, since, n))
		INSERT INTO summary_region_waits AS w (region_code, step, since, n) SELECT * FROM d
		ON CONFLICT (region_code, step, since) DO UPDATE SET n = w.n + excluded.n`, regions, steps, since, ns); err != nil {
		return fmt.Errorf("change the regions' waits: %w", err)
	}
	if err := execAnyRows(ctx, tx, `DELETE FROM summary_region_waits w
		USING unnest($1::text[], $2::text[], $3::timestamptz[]) AS z(region_code, step, since)
		WHERE w.region_code = z.region_code AND w.step = z.step AND w.since = z.since AND w.n = 0`, regions, steps, since); err != nil {
		return fmt.Errorf("delete the regions' empty waits: %w", err)
	}
	return nil
}

// figures are a region's figures on a day (summary_region_days' columns): the amounts exact.
type figures struct {
	projects, unrated, red, amber, green, overdue          int64
	indCount, indMeasured, indAttained, indMissed, indAttN int64
	bac, ac, ev100, pv100, funded, reserved, disbursed     big.Int
	indAttSum                                              big.Rat
}

func (f *figures) zero() bool {
	return f.projects == 0 && f.unrated == 0 && f.red == 0 && f.amber == 0 && f.green == 0 && f.overdue == 0 &&
		f.indCount == 0 && f.indMeasured == 0 && f.indAttained == 0 && f.indMissed == 0 && f.indAttN == 0 &&
		f.bac.Sign() == 0 && f.ac.Sign() == 0 && f.ev100.Sign() == 0 && f.pv100.Sign() == 0 &&
		f.funded.Sign() == 0 && f.reserved.Sign() == 0 && f.disbursed.Sign() == 0 && f.indAttSum.Sign() == 0
}

type regionDay struct {
	region string
	day    day
}

// regionWait keys the applications waiting at a step since an instant (in microseconds, the
// column's precision, so that equal instants are one key whatever their time zone).
type regionWait struct {
	region, step string
	since        int64
}

// regionDeltas are the changes a batch makes to the region aggregates: what its projects'
// current versions and applications add and take away, per region and day, and the
// applications waiting at a step.
type regionDeltas struct {
	days  map[regionDay]*figures
	waits map[regionWait]int64
	err   error
}

func newRegionDeltas() *regionDeltas {
	return &regionDeltas{days: map[regionDay]*figures{}, waits: map[regionWait]int64{}}
}

func (r *regionDeltas) at(region string, d day) *figures {
	k := regionDay{region, d}
	f := r.days[k]
	if f == nil {
		f = &figures{}
		r.days[k] = f
	}
	return f
}

// addBig adds sign × a × b to z.
func addBig(z *big.Int, sign, a, b int64) {
	var p big.Int
	p.Mul(big.NewInt(a), big.NewInt(b))
	if sign < 0 {
		z.Sub(z, &p)
	} else {
		z.Add(z, &p)
	}
}

// project adds sign × what a project's current version n contributes to its region: on day
// -infinity its counts, money, earned value and indicators; on each planned date the weight
// planned that day times the budget; the day after an open milestone's date one more overdue
// (while rated), the day after an indicator's target date one more missed; and the days its
// rating changes on, -1 for the old rating and +1 for the new.
func (r *regionDeltas) project(n *nowRow, sign int64) {
	base := r.at(n.region, minusInfinity)
	live := n.live()
	base.projects += sign
	if !live {
		base.unrated += sign
	}
	addBig(&base.bac, sign, n.approvedBudget, 1)
	addBig(&base.ac, sign, n.spent, 1)
	addBig(&base.ev100, sign, n.approvedBudget, int64(n.reportedPercent))
	base.indCount += sign * int64(n.indCount)
	base.indMeasured += sign * int64(n.indMeasured)
	base.indAttained += sign * int64(n.indAttained)
	base.indAttN += sign * int64(n.indAttN)
	if n.indAttSum != nil {
		var v big.Rat
		if _, ok := v.SetString(*n.indAttSum); !ok {
			r.err = fmt.Errorf("summary: attainment sum %q is not a number", *n.indAttSum)
			return
		}
		if sign < 0 {
			v.Neg(&v)
		}
		base.indAttSum.Add(&base.indAttSum, &v)
	}

	plan, open := days(n.msPlanDates), days(n.msOpenDates)
	var prev int32
	for i, d := range plan {
		addBig(&r.at(n.region, d).pv100, sign, n.approvedBudget, int64(n.msPlanCum[i]-prev))
		prev = n.msPlanCum[i]
	}
	if live {
		for _, d := range open {
			r.at(n.region, d.plus(1)).overdue += sign
		}
	}
	for _, d := range days(n.indOpenDates) {
		r.at(n.region, d.plus(1)).indMissed += sign
	}
	if !live {
		return
	}
	// The rating is constant between the days it may change on: a planned date, the day after
	// the first open milestone's date, and 31 days after it.
	var firstOpen day
	bounds := append([]day{minusInfinity}, plan...)
	if len(open) > 0 {
		firstOpen = open[0]
		bounds = append(bounds, firstOpen.plus(1), firstOpen.plus(31))
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	var was byte
	for _, b := range bounds {
		var planned int64
		if k := atMost(plan, b); k > 0 {
			planned = int64(n.msPlanCum[k-1])
		}
		now := n.rating(b, planned, firstOpen, len(open) > 0)
		if now == was {
			continue
		}
		f := r.at(n.region, b)
		for _, c := range []struct {
			rating byte
			s      int64
		}{{was, -sign}, {now, sign}} {
			switch c.rating {
			case 'R':
				f.red += c.s
			case 'A':
				f.amber += c.s
			case 'G':
				f.green += c.s
			}
		}
		was = now
	}
}

// application adds sign × what a current application version contributes to its project's
// region: its money on day -infinity, and its wait at a step.
func (r *regionDeltas) application(a *applicationRow, region string, sign int64) {
	base := r.at(region, minusInfinity)
	addBig(&base.funded, sign, a.approved, 1)
	addBig(&base.reserved, sign, a.approved-a.disbursed-a.cancelled, 1)
	addBig(&base.disbursed, sign, a.disbursed-a.recovered, 1)
	if a.step != nil {
		r.waits[regionWait{region, *a.step, a.stepSince.UnixMicro()}] += sign
	}
}

// ratString is an exact decimal's text, with as many decimals as it needs.
func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	// A sum of decimals: the denominator is 2^a × 5^b, and max(a, b) decimals are exact.
	den := new(big.Int).Set(r.Denom())
	k := 0
	for ten, one := big.NewInt(10), big.NewInt(1); den.Cmp(one) != 0; k++ {
		g := new(big.Int).GCD(nil, nil, den, ten)
		if g.Cmp(one) == 0 {
			return r.FloatString(20) // not a decimal: cannot come from decimals
		}
		den.Quo(den, g)
	}
	return r.FloatString(k)
}

// sortedDays is the changed region days in key order (so that concurrent writers lock rows in one
// order).
func (r *regionDeltas) sortedDays() []regionDay {
	keys := make([]regionDay, 0, len(r.days))
	for k, f := range r.days {
		if !f.zero() {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b regionDay) int {
		return cmp.Or(strings.Compare(a.region, b.region), cmp.Compare(a.day, b.day))
	})
	return keys
}

// sortedWaits is the changed waits in key order.
func (r *regionDeltas) sortedWaits() []regionWait {
	keys := make([]regionWait, 0, len(r.waits))
	for k, n := range r.waits {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b regionWait) int {
		return cmp.Or(strings.Compare(a.region, b.region), strings.Compare(a.step, b.step), cmp.Compare(a.since, b.since))
	})
	return keys
}
