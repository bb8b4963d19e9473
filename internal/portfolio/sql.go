package portfolio

import (
	"fmt"
	"strings"

	"github.com/smartcity/portfolio/domain"
)

// statement builds the one SQL statement of a summary. $1 is the instant T whose versions are read
// (as-of answers) or that waits are measured to, $2 the as-of date D; filter values follow.
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
	return fmt.Sprintf("(%[1]s.valid_from <= $1 AND (%[1]s.valid_to IS NULL OR %[1]s.valid_to > $1))", alias)
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
func build(q Query, asOf bool, t, d any) (string, []any) {
	s := &statement{asOf: asOf, args: []any{t, d}}
	f := q.Filter
	var pf, af []string
	if f.Region != "" {
		r, _ := domain.LookupRegion(domain.RegionCode(f.Region))
		for _, p := range r.Path() {
			col := map[domain.RegionLevel]string{domain.RegionProvince: "province", domain.RegionCity: "city", domain.RegionCounty: "county"}[p.Level]
			pf = append(pf, "sp."+col+" = "+s.arg(string(p.Code)))
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
	using := "total" + sel("", kcols)

	q1 := `WITH p AS MATERIALIZED (
	SELECT sp.project_id, sp.code, sp.province, sp.city, sp.county, sp.domain, sp.status, sp.owner_org, sp.year,
	       sp.approved_budget AS bac, sp.spent AS ac, sp.reported_percent AS rep,
	       sp.status NOT IN ('REJECTED', 'CANCELLED', 'EVALUATED') AS live,
	       sp.ms_id, sp.ms_name, sp.ms_weight, sp.ms_planned, sp.ms_achieved,
	       sp.ind_baseline, sp.ind_target, sp.ind_target_date, sp.ind_latest
	FROM summary_projects sp WHERE ` + s.valid("sp") + and(pf) + `
), a AS MATERIALIZED (
	SELECT sa.project_id, sa.fund_id, sa.support_mode, sa.step, sa.step_since, sa.approved, sa.disbursed, sa.recovered, sa.cancelled
	FROM summary_applications sa WHERE ` + s.valid("sa") + ` AND sa.project_id IN (SELECT project_id FROM p)` + and(af) + `
), pk AS MATERIALIZED (
	SELECT ` + distinct + `false AS total, p.project_id` + prefixComma(kexprs) + ` FROM p` + join + `
	UNION ALL
	SELECT ` + distinct + `true, p.project_id` + prefixComma(empty) + ` FROM p` + join + `
), pr AS MATERIALIZED (
	-- Per project, its milestones and indicators from its row's arrays.
	SELECT x.*,
	       CASE WHEN NOT x.live THEN NULL
	            WHEN x.worst > 30 OR (x.pv100 > 0 AND x.ev100 * 10 < x.pv100 * 8) OR (x.ac > 0 AND x.ev100 < x.ac * 80) THEN 'R'
	            WHEN x.overdue > 0 OR (x.pv100 > 0 AND x.ev100 * 10 < x.pv100 * 9) OR (x.ac > 0 AND x.ev100 < x.ac * 90) THEN 'A'
	            ELSE 'G' END AS rag
	FROM (SELECT p.project_id, p.code, p.live, p.bac, p.ac, p.ms_id, p.ms_name, p.ms_planned, p.ms_achieved,
	             p.bac::numeric * coalesce(m.plan, 0) AS pv100,
	             p.bac::numeric * p.rep AS ev100,
	             CASE WHEN p.live THEN coalesce(m.overdue, 0) ELSE 0 END AS overdue,
	             CASE WHEN p.live THEN coalesce(m.worst, 0) ELSE 0 END AS worst,
	             i.n AS ind_n, i.measured AS ind_measured, i.attained AS ind_attained, i.missed AS ind_missed,
	             i.att_sum, i.att_n
	      FROM p
	      CROSS JOIN LATERAL (
	          SELECT sum(u.weight) FILTER (WHERE u.planned <= $2) AS plan,
	                 count(*) FILTER (WHERE u.achieved IS NULL AND u.planned < $2) AS overdue,
	                 max($2 - u.planned) FILTER (WHERE u.achieved IS NULL AND u.planned < $2) AS worst
	          FROM unnest(p.ms_weight, p.ms_planned, p.ms_achieved) AS u(weight, planned, achieved)) m
	      CROSS JOIN LATERAL (
	          SELECT count(*) AS n, count(v.latest) AS measured,
	                 count(*) FILTER (WHERE v.attained) AS attained,
	                 count(*) FILTER (WHERE NOT v.attained AND v.target_date < $2) AS missed,
	                 sum(v.att) AS att_sum, count(v.att) AS att_n
	          FROM (SELECT u.latest, u.target_date,
	                       coalesce((u.target >= u.baseline AND u.latest >= u.target)
	                             OR (u.target < u.baseline AND u.latest <= u.target), false) AS attained,
	                       (u.latest - u.baseline) * 100 / nullif(u.target - u.baseline, 0) AS att
	                FROM unnest(p.ind_baseline, p.ind_target, p.ind_target_date, p.ind_latest)
	                     AS u(baseline, target, target_date, latest)) v) i) x
), proj AS (
	SELECT ` + groupBy + `, count(*) AS n, sum(pr.bac) AS bac, sum(pr.ac) AS ac, sum(pr.pv100) AS pv100, sum(pr.ev100) AS ev100,
	       count(*) FILTER (WHERE pr.rag = 'R') AS red, count(*) FILTER (WHERE pr.rag = 'A') AS amber,
	       count(*) FILTER (WHERE pr.rag = 'G') AS green, count(*) FILTER (WHERE pr.rag IS NULL) AS unrated,
	       sum(pr.overdue) AS overdue, sum(pr.ind_n) AS ind_n, sum(pr.ind_measured) AS ind_measured,
	       sum(pr.ind_attained) AS ind_attained, sum(pr.ind_missed) AS ind_missed,
	       round(sum(pr.att_sum) / nullif(sum(pr.att_n), 0), 2)::text AS avg_att
	FROM pk JOIN pr USING (project_id) GROUP BY ` + groupBy + `
), money AS (
	SELECT ` + groupBy + `, sum(a.approved) AS funded, sum(a.approved - a.disbursed - a.cancelled) AS reserved,
	       sum(a.disbursed - a.recovered) AS disbursed
	FROM pk ` + appJoin + ` GROUP BY ` + groupBy + `
), waits AS (
	SELECT ` + "w.total" + sel("w.", kcols) + `, json_agg(json_build_object('step', w.step, 'count', w.n, 'since', w.since,
	       'days', floor(extract(epoch FROM $1::timestamptz - w.since) / 86400)) ORDER BY w.step) AS steps
	FROM (SELECT ` + groupBy + `, a.step, count(*) AS n, min(a.step_since) AS since
	      FROM pk ` + appJoin + ` WHERE a.step IS NOT NULL GROUP BY ` + groupBy + `, a.step) w
	GROUP BY ` + "w.total" + sel("w.", kcols) + `
), ov AS MATERIALIZED (
	-- The most overdue milestones of each project that has any (the first to be listed).
	SELECT pr.project_id, sm.milestone_id, sm.name, sm.planned_date FROM pr
	CROSS JOIN LATERAL (SELECT u.milestone_id, u.name, u.planned_date
	    FROM unnest(pr.ms_id, pr.ms_name, pr.ms_planned, pr.ms_achieved) AS u(milestone_id, name, planned_date, achieved_date)
	    WHERE u.achieved_date IS NULL AND u.planned_date < $2
	    ORDER BY u.planned_date, u.name, u.milestone_id LIMIT ` + fmt.Sprint(MaxOverdueListed) + `) sm
	WHERE pr.overdue > 0
), worst AS (
	SELECT ` + "o.total" + sel("o.", kcols) + `, json_agg(json_build_object('projectId', o.project_id, 'code', o.code,
	       'milestoneId', o.milestone_id, 'name', o.name, 'plannedDate', o.planned_date, 'days', o.days)
	       ORDER BY o.days DESC, o.code, o.name, o.milestone_id) AS list
	FROM (SELECT ` + groupBy + `, pk.project_id, pr.code, sm.milestone_id, sm.name, sm.planned_date, $2 - sm.planned_date AS days,
	             row_number() OVER (PARTITION BY ` + groupBy + ` ORDER BY $2 - sm.planned_date DESC, pr.code, sm.name, sm.milestone_id) AS rn
	      FROM pk JOIN ov AS sm USING (project_id) JOIN pr USING (project_id)) o
	WHERE o.rn <= ` + fmt.Sprint(MaxOverdueListed) + `
	GROUP BY ` + "o.total" + sel("o.", kcols) + `
)
SELECT proj.total` + sel("proj.", kcols) + `, proj.n, proj.bac, proj.ac,
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
ORDER BY proj.total DESC` + sel("proj.", kcols) + `
LIMIT ` + s.arg(limitOf(q)+1)
	return q1, s.args
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
