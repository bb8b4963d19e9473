package portfolio

import (
	"fmt"
	"strings"
)

// byRegion reports whether q is answered from the regions' pre-aggregates (migration 00007): a
// current answer, filtered by region only, grouped by region levels only (a city's portfolio
// drilled down by county, a province by city, ...). Such an answer adds up a few rows per region
// instead of evaluating every project; every other question is computed project by project.
func byRegion(q Query) bool {
	f := q.Filter
	if q.AsOf != nil || f.Domain != "" || f.Status != "" || f.Year != 0 || f.OwnerOrg != "" || f.FundID != "" || f.SupportMode != "" {
		return false
	}
	for _, d := range q.GroupBy {
		if d != ByProvince && d != ByCity && d != ByCounty {
			return false
		}
	}
	return true
}

// buildByRegion writes the statement of a byRegion question for the date D: the same rows as
// build's, from summary_region_days (the figures of a region at D are the sum of its rows of days
// up to D), summary_region_waits, and the first open milestones of each region's live projects
// (an index of summary_now).
func buildByRegion(q Query, date any) (string, []any) {
	s := &statement{}
	d := s.arg(date) + "::date"
	// The catalogue's regions within the filter: each one's own province, city and county (empty
	// when above that level) and its group keys.
	var codes, provs, cities, counties []string
	keys := make([][]string, len(q.GroupBy))
	for _, r := range within(q.Filter.Region) {
		p, c, k := r.Levels()
		prov, city, county := string(p), string(c), string(k)
		codes, provs, cities, counties = append(codes, string(r.Code)), append(provs, prov), append(cities, city), append(counties, county)
		for i, dim := range q.GroupBy {
			keys[i] = append(keys[i], map[Dimension]string{ByProvince: prov, ByCity: city, ByCounty: county}[dim])
		}
	}
	regions := s.arg(codes)
	unnest := []string{regions + "::text[]", s.arg(provs) + "::text[]", s.arg(cities) + "::text[]", s.arg(counties) + "::text[]"}
	cols := []string{"region_code", "prov", "city", "county"}
	var kcols, mkeys, outKeys, lkeys []string
	for i := range q.GroupBy {
		k := fmt.Sprintf("k%d", i+1)
		unnest = append(unnest, s.arg(keys[i])+"::text[]")
		cols = append(cols, k)
		kcols = append(kcols, k)
		mkeys = append(mkeys, "m."+k)
		outKeys = append(outKeys, fmt.Sprintf("coalesce(m.%s, '') AS %s", k, k))
		lkeys = append(lkeys, "lt."+k)
	}
	// The groups and the totals in one pass: g0 is a key every region shares, so that the set
	// (g0, keys…) is the groups (one group, without keys, when there are none) and () the totals.
	grouping := "GROUP BY GROUPING SETS ((), (" + strings.Join(append([]string{"m.g0"}, mkeys...), ", ") + "))"
	head := "GROUPING(m.g0) <> 0 AS total" + prefixComma(outKeys)
	empties := strings.Repeat(", ''", len(kcols))
	const live = "sn.status NOT IN ('REJECTED', 'CANCELLED', 'EVALUATED') AND cardinality(sn.ms_open_dates) > 0"
	q1 := `WITH m AS (
	SELECT m.*, '' AS g0 FROM unnest(` + strings.Join(unnest, ", ") + `) AS m(` + strings.Join(cols, ", ") + `)
), c AS (
	SELECT c.region_code, sum(c.projects) AS projects, sum(c.unrated) AS unrated, sum(c.bac) AS bac, sum(c.ac) AS ac,
	       sum(c.ev100) AS ev100, sum(c.pv100) AS pv100, sum(c.red) AS red, sum(c.amber) AS amber, sum(c.green) AS green,
	       sum(c.overdue) AS overdue, sum(c.ind_count) AS ind_count, sum(c.ind_measured) AS ind_measured,
	       sum(c.ind_attained) AS ind_attained, sum(c.ind_missed) AS ind_missed, sum(c.ind_att_sum) AS ind_att_sum,
	       sum(c.ind_att_n) AS ind_att_n, sum(c.funded) AS funded, sum(c.reserved) AS reserved, sum(c.disbursed) AS disbursed
	FROM summary_region_days c WHERE c.region_code = ANY(` + regions + `) AND c.day <= ` + d + `
	GROUP BY c.region_code
), proj AS (
	SELECT ` + head + `, sum(c.projects) AS n, sum(c.bac) AS bac, sum(c.ac) AS ac, sum(c.pv100) AS pv100,
	       sum(c.ev100) AS ev100, sum(c.red) AS red, sum(c.amber) AS amber, sum(c.green) AS green,
	       sum(c.unrated) AS unrated, sum(c.overdue) AS overdue, sum(c.ind_count) AS ind_n,
	       sum(c.ind_measured) AS ind_measured, sum(c.ind_attained) AS ind_attained, sum(c.ind_missed) AS ind_missed,
	       round(sum(c.ind_att_sum) / nullif(sum(c.ind_att_n), 0), 2)::text AS avg_att
	FROM c JOIN m USING (region_code) ` + grouping + ` HAVING sum(c.projects) > 0
), money AS (
	SELECT ` + head + `, sum(c.funded) AS funded, sum(c.reserved) AS reserved, sum(c.disbursed) AS disbursed
	FROM c JOIN m USING (region_code) ` + grouping + `
), waits AS (
	SELECT w.total` + prefixComma(prefixed("w.", kcols)) + `, json_agg(json_build_object('step', w.step, 'count', w.n, 'since', w.since) ORDER BY w.step) AS steps
	FROM (SELECT GROUPING(m.g0) <> 0 AS total` + prefixComma(outKeys) + `, x.step, sum(x.n) AS n, min(x.since) AS since
	      FROM summary_region_waits x JOIN m USING (region_code)
	      GROUP BY GROUPING SETS ((x.step), (` + strings.Join(append(append([]string{"m.g0"}, mkeys...), "x.step"), ", ") + `))) w
	GROUP BY w.total` + prefixComma(prefixed("w.", kcols)) + `
), lt AS (
	-- Each region's live projects with the earliest open milestones (at most as many as are listed).
	SELECT m.*, x.project_id, x.code, x.first_open FROM m
	CROSS JOIN LATERAL (SELECT sn.project_id, sn.code, sn.ms_open_dates[1] AS first_open FROM summary_now sn
	    WHERE sn.province = m.prov AND coalesce(sn.city, '') = m.city AND coalesce(sn.county, '') = m.county
	      AND ` + live + ` AND sn.ms_open_dates[1] < ` + d + `
	    ORDER BY sn.ms_open_dates[1], sn.code LIMIT ` + fmt.Sprint(MaxOverdueListed) + `) x
), firsts AS (
	-- A group's projects with the earliest open milestones are among its regions' (see build).
	SELECT f.* FROM (SELECT f.*, row_number() OVER (PARTITION BY f.total` + prefixComma(prefixed("f.", kcols)) + ` ORDER BY f.first_open, f.code) AS rn
	      FROM (SELECT false AS total` + prefixComma(lkeys) + `, lt.project_id, lt.code, lt.first_open FROM lt
	            UNION ALL
	            SELECT true` + empties + `, lt.project_id, lt.code, lt.first_open FROM lt) f) f
	WHERE f.rn <= ` + fmt.Sprint(MaxOverdueListed) + worstAndFinal(s, q, kcols, d)
	return q1, s.args
}

func prefixed(prefix string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = prefix + x
	}
	return out
}
