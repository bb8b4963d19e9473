package projections

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/smartcity/portfolio/internal/testdb"
)

// The SQL that derived a version's figures before the projector did (the trigger of migration
// 00006, dropped by 00010), kept here as the reference derive must agree with: parameters are the
// milestones' planned dates, weights and achieved dates, the indicators' baselines, targets,
// target dates and latest values; then derive's own answer, to be printed the same way.
const derivedBySQL = `WITH ms AS (
	SELECT coalesce(array_agg(m.d ORDER BY m.d, m.i), '{}') AS plan, coalesce(array_agg(m.c ORDER BY m.d, m.i), '{}') AS cum,
	       coalesce(array_agg(m.d ORDER BY m.d, m.i) FILTER (WHERE m.a IS NULL), '{}') AS open
	FROM (SELECT u.d, u.i, u.a, (sum(u.w) OVER (ORDER BY u.d, u.i ROWS UNBOUNDED PRECEDING))::integer AS c
	      FROM unnest($1::date[], $2::int[], $3::date[]) WITH ORDINALITY AS u(d, w, a, i) WHERE u.d IS NOT NULL) m
), ind AS (
	SELECT count(*) AS n, count(v.l) AS measured, count(*) FILTER (WHERE v.ok) AS attained, sum(v.att) AS att_sum,
	       count(v.att) AS att_n, coalesce(array_agg(v.d ORDER BY v.d) FILTER (WHERE NOT v.ok AND v.d IS NOT NULL), '{}') AS open
	FROM (SELECT u.l, u.d, coalesce((u.t >= u.b AND u.l >= u.t) OR (u.t < u.b AND u.l <= u.t), false) AS ok,
	             (u.l - u.b) * 100 / nullif(u.t - u.b, 0) AS att
	      FROM unnest($4::text[]::numeric[], $5::text[]::numeric[], $6::date[], $7::text[]::numeric[]) AS u(b, t, d, l)) v
)
SELECT format('%s %s %s %s %s %s %s %s %s', ms.plan, ms.cum, ms.open, ind.n, ind.measured, ind.attained,
              coalesce(ind.att_sum::text, 'none'), ind.att_n, ind.open),
       format('%s %s %s %s %s %s %s %s %s', $8::date[], $9::int[], $10::date[], $11::int, $12::int, $13::int,
              coalesce($14::text, 'none'), $15::int, $16::date[])
FROM ms, ind`

// randomDecimal is a decimal of 0 to 6 places and up to 13 digits, often a round or tiny one.
func randomDecimal(r *rand.Rand) string {
	scale := r.IntN(7)
	var digits int64
	switch r.IntN(4) {
	case 0:
		digits = r.Int64N(10)
	case 1:
		digits = r.Int64N(1000)
	default:
		digits = r.Int64N(10_000_000_000_000)
	}
	s := fmt.Sprint(digits)
	if scale > 0 {
		s = strings.Repeat("0", max(0, scale-len(s)+1)) + s
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if r.IntN(5) == 0 {
		s = "-" + s
	}
	return s
}

// TestDeriveEqualsTheSQLItReplaced: for random milestones and indicators (dates that tie, missing
// measurements, baselines equal to targets, decimals of every scale and size, targets above and
// below the baseline), derive gives what the SQL gave, printed by PostgreSQL: the same dates in
// the same order, the same counts, and the attainment sum to the last digit of numeric division.
func TestDeriveEqualsTheSQLItReplaced(t *testing.T) {
	db := testdb.New(t)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(2026, 11))
	date := func() pgtype.Date {
		return pgtype.Date{Time: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(40)), Valid: true}
	}
	for round := range 400 {
		var row projectRow
		for range r.IntN(6) {
			row.msPlanned, row.msWeight = append(row.msPlanned, date()), append(row.msWeight, int32(r.IntN(40)))
			achieved := pgtype.Date{}
			if r.IntN(2) == 0 {
				achieved = date()
			}
			row.msAchieved = append(row.msAchieved, achieved)
		}
		for i := range r.IntN(6) {
			b, tg := randomDecimal(r), randomDecimal(r)
			switch r.IntN(5) {
			case 0:
				tg = b // no span: no attainment percentage
			case 1:
				b = "0"
			}
			var latest *string
			if r.IntN(4) > 0 {
				l := randomDecimal(r)
				if r.IntN(4) == 0 {
					l = tg // exactly reached
				}
				latest = &l
			}
			row.indID = append(row.indID, fmt.Sprint(i))
			row.indBaseline, row.indTarget = append(row.indBaseline, b), append(row.indTarget, tg)
			row.indTargetDate, row.indLatest = append(row.indTargetDate, date()), append(row.indLatest, latest)
		}
		d, err := derive(&row)
		if err != nil {
			t.Fatal(err)
		}
		var want, got string
		if err := db.Pool.QueryRow(ctx, derivedBySQL, orEmpty(row.msPlanned), orEmpty(row.msWeight), orEmpty(row.msAchieved),
			orEmpty(row.indBaseline), orEmpty(row.indTarget), orEmpty(row.indTargetDate), orEmpty(row.indLatest),
			d.msPlanDates, d.msPlanCum, d.msOpenDates, d.indCount, d.indMeasured, d.indAttained, d.indAttSum, d.indAttN,
			d.indOpenDates).Scan(&want, &got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("round %d: milestones %v %v %v, indicators %v %v %v:\nderive %s\nSQL    %s", round, row.msPlanned,
				row.msWeight, row.msAchieved, row.indBaseline, row.indTarget, row.indLatest, got, want)
		}
	}
}
