-- +goose Up
-- Read model "summary": pre-aggregates per region for the current summary of a region (a city's
-- portfolio, drilled down by county), kept by triggers as summary_now and the current application
-- versions change. Every figure of a region at a date D is the sum of its rows with day <= D: the
-- row of day -infinity holds what does not depend on the date (counts, money, earned value,
-- indicators), the other rows hold what changes on a day (weight planned that day times the budget,
-- milestones becoming overdue the day after their planned date, indicators becoming missed the day
-- after their target date, a project's rating changing). The region is the project's own (its
-- county, else its city, else its province); a summary of a larger region adds its regions' rows.

CREATE TABLE summary_region_days (
    region_code  TEXT    NOT NULL,
    day          DATE    NOT NULL,               -- -infinity: the figures that do not depend on the date
    projects     INTEGER NOT NULL DEFAULT 0,
    unrated      INTEGER NOT NULL DEFAULT 0,     -- projects rejected, cancelled or evaluated
    bac          NUMERIC NOT NULL DEFAULT 0,     -- approved budgets, fen
    ac           NUMERIC NOT NULL DEFAULT 0,     -- spent, fen
    ev100        NUMERIC NOT NULL DEFAULT 0,     -- BAC × reported %
    pv100        NUMERIC NOT NULL DEFAULT 0,     -- BAC × weight planned
    red          INTEGER NOT NULL DEFAULT 0,
    amber        INTEGER NOT NULL DEFAULT 0,
    green        INTEGER NOT NULL DEFAULT 0,
    overdue      INTEGER NOT NULL DEFAULT 0,
    ind_count    INTEGER NOT NULL DEFAULT 0,
    ind_measured INTEGER NOT NULL DEFAULT 0,
    ind_attained INTEGER NOT NULL DEFAULT 0,
    ind_missed   INTEGER NOT NULL DEFAULT 0,
    ind_att_sum  NUMERIC NOT NULL DEFAULT 0,
    ind_att_n    INTEGER NOT NULL DEFAULT 0,
    funded       NUMERIC NOT NULL DEFAULT 0,     -- the current applications' approved amounts, fen
    reserved     NUMERIC NOT NULL DEFAULT 0,     -- approved − disbursed − cancelled
    disbursed    NUMERIC NOT NULL DEFAULT 0,     -- disbursed − recovered
    PRIMARY KEY (region_code, day)
);

-- The current applications waiting at a step, by region and the instant they reached it.
CREATE TABLE summary_region_waits (
    region_code TEXT        NOT NULL,
    step        TEXT        NOT NULL,
    since       TIMESTAMPTZ NOT NULL,
    n           INTEGER     NOT NULL,
    PRIMARY KEY (region_code, step, since)
);

-- The changes written since the last fold: the triggers only append here, and the projector folds
-- them into summary_region_days once per transaction (summary_region_fold), so that a region's
-- rows, which every event of the region's projects changes, are updated once per batch of
-- events rather than once per event (a row updated many times in one transaction leaves a chain
-- of versions that every later update walks).
CREATE TABLE summary_region_log (LIKE summary_region_days INCLUDING DEFAULTS);

-- The most overdue milestones of a region's live projects are found from their first open date.
CREATE INDEX summary_now_first_open_idx ON summary_now (province, coalesce(city, ''), coalesce(county, ''), (ms_open_dates[1]), code)
    WHERE status NOT IN ('REJECTED', 'CANCELLED', 'EVALUATED') AND cardinality(ms_open_dates) > 0;

-- What one project adds to its region's rows (the rules of internal/portfolio's statement). PL/pgSQL,
-- so that its plan is kept for the session (an SQL function is planned again in every statement).
-- +goose StatementBegin
CREATE FUNCTION summary_project_days(n summary_now) RETURNS TABLE (
    day date, projects integer, unrated integer, bac numeric, ac numeric, ev100 numeric, pv100 numeric,
    red integer, amber integer, green integer, overdue integer, ind_count integer, ind_measured integer,
    ind_attained integer, ind_missed integer, ind_att_sum numeric, ind_att_n integer)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH f AS (SELECT n.status NOT IN ('REJECTED', 'CANCELLED', 'EVALUATED') AS live)
    SELECT '-infinity'::date, 1, (NOT f.live)::integer, n.approved_budget::numeric, n.spent::numeric,
           n.approved_budget::numeric * n.reported_percent, 0::numeric, 0, 0, 0, 0,
           n.ind_count, n.ind_measured, n.ind_attained, 0, coalesce(n.ind_att_sum, 0), n.ind_att_n
    FROM f
    UNION ALL
    SELECT u.d, 0, 0, 0, 0, 0, n.approved_budget::numeric * (u.c - coalesce(n.ms_plan_cum[u.i - 1], 0)),
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM unnest(n.ms_plan_dates, n.ms_plan_cum) WITH ORDINALITY AS u(d, c, i)
    UNION ALL
    SELECT u.d + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
    FROM f, unnest(n.ms_open_dates) AS u(d) WHERE f.live
    UNION ALL
    SELECT u.d + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0
    FROM unnest(n.ind_open_dates) AS u(d)
    UNION ALL
    -- The rating: constant between the days it may change on (a planned date, the day after the
    -- first open milestone's date, and 31 days after it); each change is -1 for the old rating and
    -- +1 for the new.
    SELECT r.b, 0, 0, 0, 0, 0, 0,
           (r.rag = 'R')::integer - (coalesce(r.prev, '') = 'R')::integer,
           (r.rag = 'A')::integer - (coalesce(r.prev, '') = 'A')::integer,
           (r.rag = 'G')::integer - (coalesce(r.prev, '') = 'G')::integer, 0, 0, 0, 0, 0, 0, 0
    FROM (SELECT x.b, x.rag, lag(x.rag) OVER (ORDER BY x.b) AS prev
          FROM (SELECT b.b,
                       CASE WHEN n.ms_open_dates[1] < b.b - 30
                                 OR (n.approved_budget > 0 AND p.plan > 0 AND n.reported_percent * 10 < p.plan * 8)
                                 OR (n.spent > 0 AND n.approved_budget * n.reported_percent < n.spent * 80) THEN 'R'
                            WHEN n.ms_open_dates[1] < b.b
                                 OR (n.approved_budget > 0 AND p.plan > 0 AND n.reported_percent * 10 < p.plan * 9)
                                 OR (n.spent > 0 AND n.approved_budget * n.reported_percent < n.spent * 90) THEN 'A'
                            ELSE 'G' END AS rag
                FROM f, (SELECT DISTINCT b FROM unnest(ARRAY['-infinity'::date, n.ms_open_dates[1] + 1, n.ms_open_dates[1] + 31]
                                                      || n.ms_plan_dates) AS b WHERE b IS NOT NULL) b,
                     LATERAL (SELECT coalesce(n.ms_plan_cum[width_bucket(b.b, n.ms_plan_dates)], 0) AS plan) p
                WHERE f.live) x) r
    WHERE r.prev IS DISTINCT FROM r.rag;
END
$$;
-- +goose StatementEnd

-- Moves a project's rows from its old version o to its new one n (either may be NULL): the net
-- change per region and day, leaving out the days that do not change (most events change one or
-- two rows).
-- +goose StatementBegin
CREATE FUNCTION summary_region_move(o summary_now, n summary_now) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO summary_region_log (region_code, day, projects, unrated, bac, ac, ev100, pv100, red, amber,
        green, overdue, ind_count, ind_measured, ind_attained, ind_missed, ind_att_sum, ind_att_n)
    SELECT x.* FROM (
        SELECT d.region, d.day, sum(d.s * d.projects), sum(d.s * d.unrated), sum(d.s * d.bac), sum(d.s * d.ac),
               sum(d.s * d.ev100), sum(d.s * d.pv100), sum(d.s * d.red), sum(d.s * d.amber), sum(d.s * d.green),
               sum(d.s * d.overdue), sum(d.s * d.ind_count), sum(d.s * d.ind_measured), sum(d.s * d.ind_attained),
               sum(d.s * d.ind_missed), sum(d.s * d.ind_att_sum), sum(d.s * d.ind_att_n)
        FROM (SELECT coalesce(o.county, o.city, o.province) AS region, -1 AS s, od.* FROM summary_project_days(o) od
              WHERE o.project_id IS NOT NULL
              UNION ALL
              SELECT coalesce(n.county, n.city, n.province), 1, nd.* FROM summary_project_days(n) nd
              WHERE n.project_id IS NOT NULL) d
        GROUP BY d.region, d.day) x (region, day, projects, unrated, bac, ac, ev100, pv100, red, amber, green, overdue,
                                     ind_count, ind_measured, ind_attained, ind_missed, ind_att_sum, ind_att_n)
    WHERE (x.projects, x.unrated, x.red, x.amber, x.green, x.overdue, x.ind_count, x.ind_measured, x.ind_attained,
           x.ind_missed, x.ind_att_n) IS DISTINCT FROM (0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
           0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint)
       OR x.bac <> 0 OR x.ac <> 0 OR x.ev100 <> 0 OR x.pv100 <> 0 OR x.ind_att_sum <> 0;
END $$;
-- +goose StatementEnd

-- Adds sign × one current application version to its project's region.
-- +goose StatementBegin
CREATE FUNCTION summary_region_application(a summary_applications, region text, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO summary_region_log (region_code, day, funded, reserved, disbursed)
    VALUES (region, '-infinity', sign * a.approved, sign * (a.approved - a.disbursed - a.cancelled),
            sign * (a.disbursed - a.recovered));
    IF a.step IS NOT NULL THEN
        INSERT INTO summary_region_waits AS w (region_code, step, since, n) VALUES (region, a.step, a.step_since, sign)
        ON CONFLICT (region_code, step, since) DO UPDATE SET n = w.n + excluded.n;
        DELETE FROM summary_region_waits WHERE region_code = region AND step = a.step AND since = a.step_since AND n = 0;
    END IF;
END $$;
-- +goose StatementEnd

-- Folds the log into summary_region_days: each region's day updated once.
-- +goose StatementBegin
CREATE FUNCTION summary_region_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH moved AS (DELETE FROM summary_region_log RETURNING *)
    INSERT INTO summary_region_days AS c
    SELECT region_code, day, sum(projects), sum(unrated), sum(bac), sum(ac), sum(ev100), sum(pv100), sum(red),
           sum(amber), sum(green), sum(overdue), sum(ind_count), sum(ind_measured), sum(ind_attained),
           sum(ind_missed), sum(ind_att_sum), sum(ind_att_n), sum(funded), sum(reserved), sum(disbursed)
    FROM moved GROUP BY region_code, day
    ON CONFLICT (region_code, day) DO UPDATE SET projects = c.projects + excluded.projects,
        unrated = c.unrated + excluded.unrated, bac = c.bac + excluded.bac, ac = c.ac + excluded.ac,
        ev100 = c.ev100 + excluded.ev100, pv100 = c.pv100 + excluded.pv100, red = c.red + excluded.red,
        amber = c.amber + excluded.amber, green = c.green + excluded.green, overdue = c.overdue + excluded.overdue,
        ind_count = c.ind_count + excluded.ind_count, ind_measured = c.ind_measured + excluded.ind_measured,
        ind_attained = c.ind_attained + excluded.ind_attained, ind_missed = c.ind_missed + excluded.ind_missed,
        ind_att_sum = c.ind_att_sum + excluded.ind_att_sum, ind_att_n = c.ind_att_n + excluded.ind_att_n,
        funded = c.funded + excluded.funded, reserved = c.reserved + excluded.reserved,
        disbursed = c.disbursed + excluded.disbursed;
END $$;
-- +goose StatementEnd

-- summary_now changed: the project's rows move from its old version to its new one; a project
-- that changes region takes its current applications with it.
-- +goose StatementBegin
CREATE FUNCTION summary_region_project() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    a summary_applications;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF coalesce(OLD.county, OLD.city, OLD.province) <> coalesce(NEW.county, NEW.city, NEW.province) THEN
            FOR a IN SELECT * FROM summary_applications WHERE project_id = NEW.project_id AND valid_to IS NULL LOOP
                PERFORM summary_region_application(a, coalesce(OLD.county, OLD.city, OLD.province), -1);
                PERFORM summary_region_application(a, coalesce(NEW.county, NEW.city, NEW.province), 1);
            END LOOP;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM summary_region_move(NULL, NEW);
    ELSE
        PERFORM summary_region_move(OLD, NEW);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER summary_region_project AFTER INSERT OR UPDATE ON summary_now
    FOR EACH ROW EXECUTE FUNCTION summary_region_project();

-- A current application version written (new, or changed in place) adds to its project's region; a
-- version closed (valid_to set) or changed in place takes its old figures out.
-- +goose StatementBegin
CREATE FUNCTION summary_region_app_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    region text;
BEGIN
    SELECT coalesce(county, city, province) INTO region FROM summary_now WHERE project_id = NEW.project_id;
    IF region IS NULL THEN
        RAISE EXCEPTION 'summary: application % of project % before the project', NEW.application_id, NEW.project_id;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.valid_to IS NULL THEN
        PERFORM summary_region_application(OLD, region, -1);
    END IF;
    IF NEW.valid_to IS NULL THEN
        PERFORM summary_region_application(NEW, region, 1);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER summary_region_app_version AFTER INSERT OR UPDATE ON summary_applications
    FOR EACH ROW EXECUTE FUNCTION summary_region_app_version();

-- Fill them from what is there.
SELECT summary_region_move(NULL, n) FROM summary_now n;
SELECT summary_region_application(a, coalesce(n.county, n.city, n.province), 1)
FROM summary_applications a JOIN summary_now n USING (project_id) WHERE a.valid_to IS NULL;
SELECT summary_region_fold();

-- +goose Down
DROP TRIGGER summary_region_app_version ON summary_applications;
DROP FUNCTION summary_region_app_version();
DROP TRIGGER summary_region_project ON summary_now;
DROP FUNCTION summary_region_project();
DROP FUNCTION summary_region_application(summary_applications, text, integer);
DROP FUNCTION summary_region_move(summary_now, summary_now);
DROP FUNCTION summary_region_fold();
DROP FUNCTION summary_project_days(summary_now);
DROP INDEX summary_now_first_open_idx;
DROP TABLE summary_region_log;
DROP TABLE summary_region_waits;
DROP TABLE summary_region_days;
