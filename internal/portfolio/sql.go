package portfolio

import (
	"fmt"
	"strings"

	"github.com/smartcity/portfolio/domain"
)

// statement builds the one SQL statement of a summary: its arguments are the instant T whose
// versions are read ($1, as-of answers only), the as-of date D, then the filter values.
type statement struct {
	asOf bool
	args []any
	keys []string // k1… in pk
}

func (s *statement) arg(v any) string {
	s.args = append(s.args, v)
	return fmt.Sprintf("$%d", len(s.args))
}

// valid is the predicate choosing the version of alias's rows valid at T: the current one for a
// current answer (the partial indexes), the one whose interval holds T for an as-of answer.
func (s *statement) valid(alias string) string {
	if !s.asOf {
		return alias + ".valid_to IS NULL"
	}
	return fmt.Sprintf("(%[1]s.valid_from <= $1 AND (%[1]s.valid_to IS NULL OR %[1]s.valid_to > $1))", alias) // T is $1
}

// keyExpr is a dimension's group key over p (projects) and a (applications), as text.
func keyExpr(d Dimension) string {
	switch d {
	case ByProvince:
		return "p.province"
	case ByCity:
		return "coalesce(p.city, '')"
	case ByCounty:
		return "coalesce(p.county, '')"
	case ByDomain:
		return "p.domain"
	case ByStatus:
		return "p.status"
	case ByYear:
		return "p.year::text"
	case ByOwnerOrg:
		return "p.owner_org"
	case ByFund:
		return "a.fund_id::text"
	case BySupportMode:
		return "a.support_mode"
	}
	panic("unknown dimension " + d)
}

func appColumn(d Dimension) string {
	if d == ByFund {
		return "a.fund_id::text"
	}
	return "a.support_mode"
}

// build writes the summary statement for q. Its rows: the totals first (total = true), then the
// groups in key order, each with every figure computed.
func build(q Query, asOf bool, t, date any) (string, []any) {
	s := &statement{asOf: asOf}
	if asOf {
		s.arg(t)
	}
	d := s.arg(date) + "::date"
	f := q.Filter
	var pf, af []string
	if f.Region != "" {
		r, _ := domain.LookupRegion(domain.RegionCode(f.Region))
		province, city, county := r.Levels()
		for i, code := range []domain.RegionCode{province, city, county} {
			if code != "" {
				pf = append(pf, "sp."+[]string{"province", "city", "county"}[i]+" = "+s.arg(string(code)))
			}
		}
	}
	if f.Domain != "" {
		pf = append(pf, "sp.domain = "+s.arg(f.Domain))
	}
	if f.Status != "" {
		pf = append(pf, "sp.status = "+s.arg(f.Status))
	}
	if f.Year != 0 {
		pf = append(pf, "sp.year = "+s.arg(f.Year))
	}
	if f.OwnerOrg != "" {
		pf = append(pf, "sp.owner_org = "+s.arg(f.OwnerOrg))
	}
	if f.FundID != "" {
		af = append(af, "sa.fund_id = "+s.arg(f.FundID)+"::uuid")
	}
	if f.SupportMode != "" {
		af = append(af, "sa.support_mode = "+s.arg(f.SupportMode))
	}
	and := func(conds []string) string {
		if len(conds) == 0 {
			return ""
		}
		return " AND " + strings.Join(conds, " AND ")
	}

	// Projects join their applications for the keys when a key or a filter is about applications.
	byApp := len(af) > 0
	var kexprs, kcols, empty, appConds []string
	for i, dim := range q.GroupBy {
		k := fmt.Sprintf("k%d", i+1)
		kexprs = append(kexprs, keyExpr(dim)+" AS "+k)
		kcols = append(kcols, k)
		empty = append(empty, "''")
		if dim.application() {
			byApp = true
			appConds = append(appConds, fmt.Sprintf("(pk.total OR %s = pk.%s)", appColumn(dim), k))
		}
	}
	s.keys = kcols
	// A project with several applications joins once per application: DISTINCT keeps it once per group.
	join, distinct := "", ""
	if byApp {
		join, distinct = " JOIN a ON a.project_id = p.project_id", "DISTINCT "
	}
	sel := func(prefix string, cols []string) string {
		out := ""
		for _, c := range cols {
			out += ", " + prefix + c
		}
		return out
	}
	groupBy := "pk.total" + sel("pk.", kcols)
	// appJoin joins a group's projects to the applications that belong to the group.
	appJoin := "JOIN a ON a.project_id = pk.project_id"
	if len(appConds) > 0 {
		appJoin += " AND " + strings.Join(appConds, " AND ")
	}

	// The projects: a current answer reads summary_now (one narrow row per project), an as-of
	// answer the history's versions valid at T. Both carry the figures derived from the milestones
	// and indicators when the version was written (migration 00006), evaluated here for the date
	// D with width_bucket: the number of sorted dates <= its argument.
	src := "summary_now sp WHERE true"
	if asOf {
		src = "summary_projects sp WHERE " + s.valid("sp")
	}
	q1 := `WITH p0 AS (
	SELECT sp.project_id, sp.code, sp.province, sp.city, sp.county, sp.domain, sp.status, sp.owner_org, sp.year,
	       sp.approved_budget AS bac, sp.spent AS ac, sp.reported_percent AS rep,
	       coalesce(sp.ms_plan_cum[width_bucket(` + d + `, sp.ms_plan_dates)], 0) AS plan,
	       sp.status NOT IN ('REJECTED', 'CANCELLED', 'EVALUATED') AS live,
	       sp.ms_open_dates[1] AS first_open, width_bucket(` + d + ` - 1, sp.ms_open_dates) AS open_before,
	       sp.ind_count, sp.ind_measured, sp.ind_attained, width_bucket(` + d + ` - 1, sp.ind_open_dates) AS ind_missed,
	       sp.ind_att_sum, sp.ind_att_n
	FROM ` + src + and(pf) + `
), p AS MATERIALIZED (
	-- Per project: PV and EV times 100 (BAC × planned weight, BAC × reported %), overdue
	-- milestones, and the rating. The rating's ratios are compared in integers: with BAC > 0,
	-- SPI = planned weight / reported %, and CPI = EV / AC.
	SELECT p0.project_id, p0.code, p0.province, p0.city, p0.county, p0.domain, p0.status, p0.owner_org, p0.year, p0.live,
	       p0.bac, p0.ac, p0.bac * p0.plan AS pv100, p0.bac * p0.rep AS ev100,
	       CASE WHEN p0.live THEN p0.open_before ELSE 0 END AS overdue,
	       CASE WHEN p0.live THEN p0.first_open END AS first_open,
	       CASE WHEN NOT p0.live THEN NULL
	            WHEN p0.first_open < ` + d + ` - 30 OR (p0.bac > 0 AND p0.plan > 0 AND p0.rep * 10 < p0.plan * 8)
	                 OR (p0.ac > 0 AND p0.bac * p0.rep < p0.ac * 80) THEN 'R'
	            WHEN p0.open_before > 0 OR (p0.bac > 0 AND p0.plan > 0 AND p0.rep * 10 < p0.plan * 9)
	                 OR (p0.ac > 0 AND p0.bac * p0.rep < p0.ac * 90) THEN 'A'
	            ELSE 'G' END AS rag,
	       p0.ind_count, p0.ind_measured, p0.ind_attained, p0.ind_missed, p0.ind_att_sum, p0.ind_att_n
	FROM p0
), a AS MATERIALIZED (
	SELECT sa.project_id, sa.fund_id, sa.support_mode, sa.step, sa.step_since, sa.approved, sa.disbursed, sa.recovered, sa.cancelled
	FROM summary_applications sa JOIN p USING (project_id) WHERE ` + s.valid("sa") + and(af) + `
), pk AS MATERIALIZED (
	-- Each project with its group's keys and figures, and again for the totals (total = true,
	-- empty keys).
	SELECT ` + distinct + `false AS total` + prefixComma(kexprs) + `, p.* FROM p` + join + `
	UNION ALL
	SELECT ` + distinct + `true` + prefixComma(empty) + `, p.* FROM p` + join + `
), proj AS (
	SELECT ` + groupBy + `, count(*) AS n, sum(pk.bac) AS bac, sum(pk.ac) AS ac, sum(pk.pv100) AS pv100, sum(pk.ev100) AS ev100,
	       count(*) FILTER (WHERE pk.rag = 'R') AS red, count(*) FILTER (WHERE pk.rag = 'A') AS amber,
	       count(*) FILTER (WHERE pk.rag = 'G') AS green, count(*) FILTER (WHERE pk.rag IS NULL) AS unrated,
	       sum(pk.overdue) AS overdue, sum(pk.ind_count) AS ind_n, sum(pk.ind_measured) AS ind_measured,
	       sum(pk.ind_attained) AS ind_attained, sum(pk.ind_missed) AS ind_missed,
	       round(sum(pk.ind_att_sum) / nullif(sum(pk.ind_att_n), 0), 2)::text AS avg_att
	FROM pk GROUP BY ` + groupBy + `
), money AS (
	SELECT ` + groupBy + `, sum(a.approved) AS funded, sum(a.approved - a.disbursed - a.cancelled) AS reserved,
	       sum(a.disbursed - a.recovered) AS disbursed
	FROM pk ` + appJoin + ` GROUP BY ` + groupBy + `
), waits AS (
	SELECT ` + "w.total" + sel("w.", kcols) + `, json_agg(json_build_object('step', w.step, 'count', w.n, 'since', w.since) ORDER BY w.step) AS steps
	FROM (SELECT ` + groupBy + `, a.step, count(*) AS n, min(a.step_since) AS since
	      FROM pk ` + appJoin + ` WHERE a.step IS NOT NULL GROUP BY ` + groupBy + `, a.step) w
	GROUP BY ` + "w.total" + sel("w.", kcols) + `
), firsts AS (
	-- The projects of each group with the earliest overdue milestones (by that date, then code):
	-- the group's most overdue milestones are among theirs, as each of them has one at least as
	-- overdue as any milestone of a project ranked after them.
	SELECT f.* FROM (SELECT ` + groupBy + `, pk.project_id, pk.code,
	       row_number() OVER (PARTITION BY ` + groupBy + ` ORDER BY pk.first_open, pk.code) AS rn
	       FROM pk WHERE pk.first_open < ` + d + `) f
	WHERE f.rn <= ` + fmt.Sprint(MaxOverdueListed) + `
` + worstAndFinal(s, q, kcols, d)
	return q1, s.args
}

// worstAndFinal ends a summary statement whose CTEs proj (the projects' figures per group), money,
// waits and firsts (the projects of each group with the earliest overdue milestones) are written:
// the most overdue milestones of each group and the statement's rows, totals first, then the
// groups in key order.
func worstAndFinal(s *statement, q Query, kcols []string, d string) string {
	sel := func(prefix string) string {
		out := ""
		for _, c := range kcols {
			out += ", " + prefix + c
		}
		return out
	}
	using := "total" + sel("")
	return `), worst AS (
	SELECT o.total` + sel("o.") + `, json_agg(json_build_object('projectId', o.project_id, 'code', o.code,
	       'milestoneId', o.milestone_id, 'name', o.name, 'plannedDate', o.planned_date, 'days', o.days)
	       ORDER BY o.days DESC, o.code, o.name, o.milestone_id) AS list
	FROM (SELECT f.*, m.milestone_id, m.name, m.planned_date, ` + d + ` - m.planned_date AS days,
	             row_number() OVER (PARTITION BY f.total` + sel("f.") + `
	                                ORDER BY m.planned_date, f.code, m.name, m.milestone_id) AS mrn
	      FROM firsts f
	      CROSS JOIN LATERAL (SELECT u.milestone_id, u.name, u.planned_date
	          FROM summary_projects h, unnest(h.ms_id, h.ms_name, h.ms_planned, h.ms_achieved) AS u(milestone_id, name, planned_date, achieved_date)
	          WHERE h.project_id = f.project_id AND ` + s.valid("h") + ` AND u.achieved_date IS NULL AND u.planned_date < ` + d + `
	          ORDER BY u.planned_date, u.name, u.milestone_id LIMIT ` + fmt.Sprint(MaxOverdueListed) + `) m) o
	WHERE o.mrn <= ` + fmt.Sprint(MaxOverdueListed) + `
	GROUP BY o.total` + sel("o.") + `
)
SELECT proj.total` + sel("proj.") + `, proj.n, proj.bac, proj.ac,
       coalesce(money.funded, 0), coalesce(money.reserved, 0), coalesce(money.disbursed, 0),
       round(coalesce(money.disbursed, 0)::numeric / nullif(money.funded, 0), 4)::text,
       round(proj.ac::numeric / nullif(proj.bac, 0), 4)::text,
       round(proj.pv100 / nullif(proj.bac, 0), 2)::text,
       round(proj.ev100 / nullif(proj.bac, 0), 2)::text,
       floor(proj.pv100 / 100)::bigint, floor(proj.ev100 / 100)::bigint,
       round(proj.ev100 / nullif(proj.pv100, 0), 4)::text,
       round(proj.ev100 / nullif(proj.ac * 100, 0), 4)::text,
       floor(proj.bac::numeric * proj.ac * 100 / nullif(proj.ev100, 0))::bigint,
       proj.red, proj.amber, proj.green, proj.unrated, proj.overdue,
       coalesce(waits.steps, '[]'), proj.ind_n, proj.ind_measured, proj.ind_attained, proj.ind_missed, proj.avg_att,
       coalesce(worst.list, '[]'),
       count(*) FILTER (WHERE NOT proj.total) OVER () AS groups
FROM proj
LEFT JOIN money USING (` + using + `)
LEFT JOIN waits USING (` + using + `)
LEFT JOIN worst USING (` + using + `)
ORDER BY proj.total DESC` + sel("proj.") + `
LIMIT ` + s.arg(limitOf(q)+1)
}

func prefixComma(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return ", " + strings.Join(xs, ", ")
}

func limitOf(q Query) int {
	if q.Limit == 0 {
		return DefaultGroups
	}
	return q.Limit
}

// pppStatement is the PPP headroom of the ledgers of the given regions by year, at T ($1).
func pppStatement(asOf bool, t any, regions []string) (string, []any) {
	s := &statement{asOf: asOf, args: []any{t}}
	rf := ""
	if regions != nil {
		rf = " AND b.region_code = ANY(" + s.arg(regions) + ")"
	}
	// The cap is budget × bp / 10000 rounded towards zero without overflow, as the domain's mulBP.
	return `SELECT y.region_code, y.year, y.budget, y.obligations, y.cap_bp, y.cap, greatest(0, y.cap - y.obligations)
	FROM (SELECT b.region_code, b.year, b.budget, coalesce(o.amount, 0) AS obligations, r.cap_bp,
	       (b.budget / 10000) * r.cap_bp + (b.budget % 10000) * r.cap_bp / 10000 AS cap
	FROM summary_ppp_budgets b
	LEFT JOIN summary_ppp_obligations o ON o.region_code = b.region_code AND o.year = b.year AND ` + s.valid("o") + `
	LEFT JOIN LATERAL (SELECT ru.cap_bp FROM summary_ppp_rules ru
	          WHERE ru.region_code = b.region_code AND ru.return_mechanism IS NULL AND ru.recorded_at <= $1
	            AND ru.rule_from <= make_date(b.year, 1, 1)
	          ORDER BY ru.rule_from DESC, ru.seq LIMIT 1) r ON true
	WHERE ` + s.valid("b") + rf + `) y
	ORDER BY y.region_code, y.year`, s.args
}
