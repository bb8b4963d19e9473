package projections

import (
	"fmt"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
)

// What the summary derives from a project version's milestones and indicators, stored with the
// version (summary_projects) and in the project's current row (summary_now), so that a summary
// evaluates them for its date D with width_bucket (the number of sorted dates <= D):
//
//	planned weight     = ms_plan_cum[width_bucket(D, ms_plan_dates)]   (0 when the bucket is 0)
//	overdue milestones = width_bucket(D - 1, ms_open_dates)            (not achieved, planned < D)
//	most overdue since = ms_open_dates[1]
//	missed indicators  = width_bucket(D - 1, ind_open_dates)           (not attained, target date < D)
//
// Computed here, once per version written (migration 00010 replaced the trigger of 00006 that
// computed them in SQL, by the same rules).
type derived struct {
	msPlanDates  []pgtype.Date // the planned dates in order (of date, then of planning)
	msPlanCum    []int32       // the weight planned up to and including each
	msOpenDates  []pgtype.Date // the planned dates of the milestones not achieved, in order
	indCount     int32         // indicators defined
	indMeasured  int32         // ... with a measurement
	indAttained  int32         // ... whose latest value has reached the target
	indAttSum    *string       // the sum of the attainment percentages; nil: none
	indAttN      int32         // how many attainment percentages there are
	indOpenDates []pgtype.Date // the target dates of the indicators not attained, in order
}

func (d derived) clone() derived {
	d.msPlanDates, d.msPlanCum, d.msOpenDates = slices.Clone(d.msPlanDates), slices.Clone(d.msPlanCum), slices.Clone(d.msOpenDates)
	d.indOpenDates = slices.Clone(d.indOpenDates)
	if d.indAttSum != nil {
		s := *d.indAttSum
		d.indAttSum = &s
	}
	return d
}

// derive computes what the summary derives from r's milestones and indicators.
func derive(r *projectRow) (derived, error) {
	var d derived
	order := make([]int, 0, len(r.msPlanned))
	for i, p := range r.msPlanned {
		if p.Valid {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return r.msPlanned[a].Time.Compare(r.msPlanned[b].Time) })
	d.msPlanDates, d.msPlanCum, d.msOpenDates = make([]pgtype.Date, len(order)), make([]int32, len(order)), []pgtype.Date{}
	var cum int32
	for k, i := range order {
		cum += r.msWeight[i]
		d.msPlanDates[k], d.msPlanCum[k] = r.msPlanned[i], cum
		if !r.msAchieved[i].Valid {
			d.msOpenDates = append(d.msOpenDates, r.msPlanned[i])
		}
	}

	d.indOpenDates = []pgtype.Date{}
	var sum decimal
	for i := range r.indID {
		d.indCount++
		baseline, err := parseDecimal(r.indBaseline[i])
		if err != nil {
			return d, err
		}
		target, err := parseDecimal(r.indTarget[i])
		if err != nil {
			return d, err
		}
		attained := false
		if r.indLatest[i] != nil {
			d.indMeasured++
			latest, err := parseDecimal(*r.indLatest[i])
			if err != nil {
				return d, err
			}
			// Reached in the target's direction from the baseline.
			up := target.cmp(baseline) >= 0
			attained = (up && latest.cmp(target) >= 0) || (!up && latest.cmp(target) <= 0)
			if span := target.sub(baseline); span.sign() != 0 {
				sum = sum.add(latest.sub(baseline).mulInt(100).div(span))
				d.indAttN++
			}
		}
		if attained {
			d.indAttained++
		} else if r.indTargetDate[i].Valid {
			d.indOpenDates = append(d.indOpenDates, r.indTargetDate[i])
		}
	}
	slices.SortStableFunc(d.indOpenDates, func(a, b pgtype.Date) int { return a.Time.Compare(b.Time) })
	if d.indAttN > 0 {
		s := sum.String()
		d.indAttSum = &s
	}
	return d, nil
}

// decimal is an exact decimal number, u × 10^-scale, that keeps PostgreSQL numeric's display
// scale through addition, subtraction, multiplication and division, so that a figure computed
// here is the one the SQL that computed it before gave, digit for digit.
type decimal struct {
	u     big.Int
	scale int
}

// parseDecimal reads a numeric's text form ("680000", "-3.50"), keeping its scale.
func parseDecimal(s string) (decimal, error) {
	var d decimal
	digits := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		digits, d.scale = s[:i]+s[i+1:], len(s)-i-1
	}
	if _, ok := d.u.SetString(digits, 10); !ok || strings.ContainsAny(s, "eE_") {
		return d, fmt.Errorf("summary: %q is not a decimal number", s)
	}
	return d, nil
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// rescaled is d's unscaled value at scale s >= d.scale.
func (d decimal) rescaled(s int) *big.Int {
	return new(big.Int).Mul(&d.u, pow10(s-d.scale))
}

func (d decimal) sign() int { return d.u.Sign() }

func (d decimal) cmp(e decimal) int {
	s := max(d.scale, e.scale)
	return d.rescaled(s).Cmp(e.rescaled(s))
}

// add and sub: the larger of the scales.
func (d decimal) add(e decimal) decimal {
	var r decimal
	r.scale = max(d.scale, e.scale)
	r.u.Add(d.rescaled(r.scale), e.rescaled(r.scale))
	return r
}

func (d decimal) sub(e decimal) decimal {
	var r decimal
	r.scale = max(d.scale, e.scale)
	r.u.Sub(d.rescaled(r.scale), e.rescaled(r.scale))
	return r
}

// mulInt multiplies by a whole number (scale 0): the scale stays.
func (d decimal) mulInt(n int64) decimal {
	var r decimal
	r.scale = d.scale
	r.u.Mul(&d.u, big.NewInt(n))
	return r
}

// div divides by e (not zero) as numeric division does: rounded half away from zero at the scale
// PostgreSQL selects (select_div_scale: at least 16 significant digits, and no less than either
// operand's scale).
func (d decimal) div(e decimal) decimal {
	w1, f1 := d.baseWeight()
	w2, f2 := e.baseWeight()
	qweight := w1 - w2
	if f1 <= f2 {
		qweight--
	}
	var r decimal
	r.scale = min(max(16-4*qweight, d.scale, e.scale, 0), 1000)
	// d/e × 10^scale = d.u × 10^(scale - d.scale + e.scale) / e.u
	num := new(big.Int).Set(&d.u)
	den := new(big.Int).Set(&e.u)
	if k := r.scale - d.scale + e.scale; k >= 0 {
		num.Mul(num, pow10(k))
	} else {
		den.Mul(den, pow10(-k))
	}
	neg := num.Sign()*den.Sign() < 0
	num.Abs(num)
	den.Abs(den)
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Lsh(rem, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	r.u.Set(q)
	return r
}

// baseWeight is the weight and value of d's first non-zero digit in base 10,000, numeric's
// internal base (0, 0 for zero): the digit groups are aligned on the decimal point, so a value of
// 12,345.6 has the groups 1 | 2345 . 6000, the first of weight 1 and value 1.
func (d decimal) baseWeight() (weight, first int) {
	if d.u.Sign() == 0 {
		return 0, 0
	}
	a := new(big.Int).Abs(&d.u)
	e := len(a.String()) - 1 - d.scale // 10^e <= |d| < 10^(e+1)
	weight = e / 4
	if e < 0 && e%4 != 0 {
		weight-- // floor
	}
	// |d| / 10000^weight, whole part: a / 10^(scale + 4·weight)
	if k := d.scale + 4*weight; k >= 0 {
		a.Quo(a, pow10(k))
	} else {
		a.Mul(a, pow10(-k))
	}
	return weight, int(a.Int64())
}

// String is the numeric's text form at its scale.
func (d decimal) String() string {
	s := new(big.Int).Abs(&d.u).String()
	if d.scale > 0 {
		if len(s) <= d.scale {
			s = strings.Repeat("0", d.scale-len(s)+1) + s
		}
		s = s[:len(s)-d.scale] + "." + s[len(s)-d.scale:]
	}
	if d.u.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// day is a date as a day number (days since 1970-01-01), or -infinity: the day of the figures of
// a region that do not depend on the date.
type day int32

const minusInfinity day = math.MinInt32

func dayOf(d pgtype.Date) day {
	switch d.InfinityModifier {
	case pgtype.NegativeInfinity:
		return minusInfinity
	case pgtype.Infinity:
		return math.MaxInt32
	}
	s := d.Time.Unix()
	n := s / 86400
	if s%86400 < 0 {
		n--
	}
	return day(n)
}

// plus is the day n days later; -infinity stays.
func (d day) plus(n int) day {
	if d == minusInfinity {
		return d
	}
	return d + day(n)
}

func (d day) pg() pgtype.Date {
	if d == minusInfinity {
		return pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	}
	return pgtype.Date{Time: time.Unix(int64(d)*86400, 0).UTC(), Valid: true}
}

func days(ds []pgtype.Date) []day {
	out := make([]day, len(ds))
	for i, d := range ds {
		out[i] = dayOf(d)
	}
	return out
}

// atMost is how many of the sorted days are <= d (width_bucket over sorted thresholds).
func atMost(sorted []day, d day) int {
	n, _ := slices.BinarySearchFunc(sorted, d, func(e, t day) int {
		if e <= t {
			return -1
		}
		return 1
	})
	return n
}

// nowRow is what the region aggregates need of a project's current version.
type nowRow struct {
	region          string // its county, else its city, else its province
	status          string
	approvedBudget  int64
	spent           int64
	reportedPercent int32
	derived
}

// live is whether the project is rated (not rejected, cancelled or evaluated).
func (n *nowRow) live() bool {
	return n.status != "REJECTED" && n.status != "CANCELLED" && n.status != "EVALUATED"
}

// lessProduct reports a×b < c×d for non-negative a, b, c, d, without overflow.
func lessProduct(a, b, c, d int64) bool {
	h1, l1 := bits.Mul64(uint64(a), uint64(b))
	h2, l2 := bits.Mul64(uint64(c), uint64(d))
	return h1 < h2 || (h1 == h2 && l1 < l2)
}

// rating is the project's rating on day b with weight plan planned by then (the rules of the
// summary's statement, internal/portfolio): red, amber or green.
func (n *nowRow) rating(b day, plan int64, firstOpen day, hasOpen bool) byte {
	bac, rep, ac := n.approvedBudget, int64(n.reportedPercent), n.spent
	behind := func(tenths int64) bool { return bac > 0 && plan > 0 && rep*10 < plan*tenths }
	over := func(pct int64) bool { return ac > 0 && rep >= 0 && lessProduct(bac, rep, ac, pct) }
	switch {
	case (hasOpen && b != minusInfinity && firstOpen < b.plus(-30)) || behind(8) || over(80):
		return 'R'
	case (hasOpen && b != minusInfinity && firstOpen < b) || behind(9) || over(90):
		return 'A'
	}
	return 'G'
}
