-- +goose Up
-- Read model "summary", for speed: what the summary computes per project from the milestone and
-- indicator arrays is derived once per version, when the version is written (a trigger), as sorted
-- date arrays that a summary evaluates for its date D with width_bucket (a binary search: the number
-- of elements <= D), and the current version of every project is copied into summary_now, a
-- narrow table of one row per project, so that a current summary reads a few pages of one small
-- table instead of scattered rows of the history.
--
-- For a project and a date D:
--   planned weight      = ms_plan_cum[width_bucket(D, ms_plan_dates)]      (0 when the bucket is 0)
--   overdue milestones  = width_bucket(D - 1, ms_open_dates)               (not achieved, planned < D)
--   most overdue since  = ms_open_dates[1]
--   missed indicators   = width_bucket(D - 1, ind_open_dates)              (not attained, target date < D)

-- Whether an indicator's latest value has reached its target, in the target's direction from the
-- baseline (false while not measured).
-- +goose StatementBegin
CREATE FUNCTION summary_attained(baseline numeric, target numeric, latest numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce((target >= baseline AND latest >= target) OR (target < baseline AND latest <= target), false);
-- +goose StatementEnd

ALTER TABLE summary_projects
    ADD COLUMN ms_plan_dates  date[],    -- the planned dates in order
    ADD COLUMN ms_plan_cum    integer[], -- the weight planned up to and including each
    ADD COLUMN ms_open_dates  date[],    -- the planned dates of the milestones not achieved, in order
    ADD COLUMN ind_count      integer,   -- indicators defined
    ADD COLUMN ind_measured   integer,   -- ... with a measurement
    ADD COLUMN ind_attained   integer,   -- ... whose latest value has reached the target
    ADD COLUMN ind_att_sum    numeric,   -- the sum of the attainment percentages (NULL: none)
    ADD COLUMN ind_att_n      integer,   -- how many attainment percentages there are
    ADD COLUMN ind_open_dates date[];    -- the target dates of the indicators not attained, in order

-- The derived columns are computed when a version is written: on insert, and on an update that
-- changes the milestone or indicator arrays (or finds them not derived yet). A PL/pgSQL trigger,
-- not generated columns: its statements' plans are kept for the session, where a generated
-- column's SQL function plans its body again in every statement that writes a row.
-- +goose StatementBegin
CREATE FUNCTION summary_projects_derive() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.ms_plan_dates IS NULL OR NEW.ms_planned IS DISTINCT FROM OLD.ms_planned
       OR NEW.ms_weight IS DISTINCT FROM OLD.ms_weight OR NEW.ms_achieved IS DISTINCT FROM OLD.ms_achieved THEN
        SELECT coalesce(array_agg(m.d ORDER BY m.d, m.i), '{}'), coalesce(array_agg(m.c ORDER BY m.d, m.i), '{}'),
               coalesce(array_agg(m.d ORDER BY m.d, m.i) FILTER (WHERE m.a IS NULL), '{}')
        INTO NEW.ms_plan_dates, NEW.ms_plan_cum, NEW.ms_open_dates
        FROM (SELECT u.d, u.i, u.a, (sum(u.w) OVER (ORDER BY u.d, u.i ROWS UNBOUNDED PRECEDING))::integer AS c
              FROM unnest(NEW.ms_planned, NEW.ms_weight, NEW.ms_achieved) WITH ORDINALITY AS u(d, w, a, i)
              WHERE u.d IS NOT NULL) m;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.ind_count IS NULL OR NEW.ind_baseline IS DISTINCT FROM OLD.ind_baseline
       OR NEW.ind_target IS DISTINCT FROM OLD.ind_target OR NEW.ind_target_date IS DISTINCT FROM OLD.ind_target_date
       OR NEW.ind_latest IS DISTINCT FROM OLD.ind_latest THEN
        SELECT count(*), count(v.l), count(*) FILTER (WHERE v.ok), sum(v.att), count(v.att),
               coalesce(array_agg(v.d ORDER BY v.d) FILTER (WHERE NOT v.ok AND v.d IS NOT NULL), '{}')
        INTO NEW.ind_count, NEW.ind_measured, NEW.ind_attained, NEW.ind_att_sum, NEW.ind_att_n, NEW.ind_open_dates
        FROM (SELECT u.l, u.d, summary_attained(u.b, u.t, u.l) AS ok, (u.l - u.b) * 100 / nullif(u.t - u.b, 0) AS att
              FROM unnest(NEW.ind_baseline, NEW.ind_target, NEW.ind_target_date, NEW.ind_latest) AS u(b, t, d, l)) v;
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER summary_projects_derive BEFORE INSERT OR UPDATE ON summary_projects
    FOR EACH ROW EXECUTE FUNCTION summary_projects_derive();
-- Derive them for the versions already there.
UPDATE summary_projects SET ms_plan_dates = NULL;

-- The current version of each project, narrow: no names, ids or raw arrays (a summary that lists
-- overdue milestones reads them from the history row of the few projects it lists). Updated in
-- place on most events: the fillfactor leaves room for those updates on the same page.
CREATE TABLE summary_now (
    project_id       UUID      PRIMARY KEY,
    code             TEXT      NOT NULL,
    province         TEXT      NOT NULL,
    city             TEXT,
    county           TEXT,
    domain           TEXT      NOT NULL,
    status           TEXT      NOT NULL,
    owner_org        TEXT      NOT NULL,
    year             INTEGER   NOT NULL,
    approved_budget  BIGINT    NOT NULL,
    spent            BIGINT    NOT NULL,
    reported_percent INTEGER   NOT NULL,
    ms_plan_dates    DATE[]    NOT NULL,
    ms_plan_cum      INTEGER[] NOT NULL,
    ms_open_dates    DATE[]    NOT NULL,
    ind_count        INTEGER   NOT NULL,
    ind_measured     INTEGER   NOT NULL,
    ind_attained     INTEGER   NOT NULL,
    ind_att_sum      NUMERIC,
    ind_att_n        INTEGER   NOT NULL,
    ind_open_dates   DATE[]    NOT NULL
) WITH (fillfactor = 50);
CREATE INDEX summary_now_region_idx ON summary_now (province, city, county);

-- Every current version written to summary_projects (a new one, or the current one changed in
-- place) is copied; closing a version (valid_to set) changes nothing here, as a new current
-- version follows it in the same statement. A rebuild truncates both tables.
-- +goose StatementBegin
CREATE FUNCTION summary_now_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO summary_now AS n VALUES (NEW.project_id, NEW.code, NEW.province, NEW.city, NEW.county, NEW.domain,
        NEW.status, NEW.owner_org, NEW.year, NEW.approved_budget, NEW.spent, NEW.reported_percent,
        NEW.ms_plan_dates, NEW.ms_plan_cum, NEW.ms_open_dates, NEW.ind_count, NEW.ind_measured, NEW.ind_attained,
        NEW.ind_att_sum, NEW.ind_att_n, NEW.ind_open_dates)
    ON CONFLICT (project_id) DO UPDATE SET code = EXCLUDED.code, province = EXCLUDED.province, city = EXCLUDED.city,
        county = EXCLUDED.county, domain = EXCLUDED.domain, status = EXCLUDED.status, owner_org = EXCLUDED.owner_org,
        year = EXCLUDED.year, approved_budget = EXCLUDED.approved_budget, spent = EXCLUDED.spent,
        reported_percent = EXCLUDED.reported_percent, ms_plan_dates = EXCLUDED.ms_plan_dates,
        ms_plan_cum = EXCLUDED.ms_plan_cum, ms_open_dates = EXCLUDED.ms_open_dates, ind_count = EXCLUDED.ind_count,
        ind_measured = EXCLUDED.ind_measured, ind_attained = EXCLUDED.ind_attained, ind_att_sum = EXCLUDED.ind_att_sum,
        ind_att_n = EXCLUDED.ind_att_n, ind_open_dates = EXCLUDED.ind_open_dates;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER summary_now_copy AFTER INSERT OR UPDATE ON summary_projects
    FOR EACH ROW WHEN (NEW.valid_to IS NULL) EXECUTE FUNCTION summary_now_copy();

INSERT INTO summary_now SELECT project_id, code, province, city, county, domain, status, owner_org, year,
    approved_budget, spent, reported_percent, ms_plan_dates, ms_plan_cum, ms_open_dates, ind_count,
    ind_measured, ind_attained, ind_att_sum, ind_att_n, ind_open_dates
FROM summary_projects WHERE valid_to IS NULL;

-- +goose Down
DROP TRIGGER summary_now_copy ON summary_projects;
DROP FUNCTION summary_now_copy();
DROP TABLE summary_now;
DROP TRIGGER summary_projects_derive ON summary_projects;
DROP FUNCTION summary_projects_derive();
ALTER TABLE summary_projects
    DROP COLUMN ms_plan_dates, DROP COLUMN ms_plan_cum, DROP COLUMN ms_open_dates, DROP COLUMN ind_count,
    DROP COLUMN ind_measured, DROP COLUMN ind_attained, DROP COLUMN ind_att_sum, DROP COLUMN ind_att_n,
    DROP COLUMN ind_open_dates;
DROP FUNCTION summary_attained(numeric, numeric, numeric);
