-- +goose Up
-- Read model "summary", for speed: what the summary computes per project from the milestone and
-- indicator arrays is derived once per version, when the version is written, as sorted date
-- arrays that a summary evaluates for its date D with width_bucket (a binary search: the number
-- of elements <= D), and the current version of every project is copied into summary_now, a
-- narrow table of one row per project, so that a current summary reads a few pages of one small
-- table instead of scattered rows of the history.
--
-- For a project and a date D:
--   planned weight      = ms_plan_cum[width_bucket(D, ms_plan_dates)]      (0 when the bucket is 0)
--   overdue milestones  = width_bucket(D - 1, ms_open_dates)               (not achieved, planned < D)
--   most overdue since  = ms_open_dates[1]
--   missed indicators   = width_bucket(D - 1, ind_open_dates)              (not attained, target date < D)

-- The planned dates in order, and the weight planned up to and including each.
-- +goose StatementBegin
CREATE FUNCTION summary_plan_dates(planned date[]) RETURNS date[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT u.d FROM unnest(planned) WITH ORDINALITY AS u(d, i) WHERE u.d IS NOT NULL ORDER BY u.d, u.i);
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION summary_plan_cum(planned date[], weight integer[]) RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT (sum(u.w) OVER (ORDER BY u.d, u.i ROWS UNBOUNDED PRECEDING))::integer
                 FROM unnest(planned, weight) WITH ORDINALITY AS u(d, w, i) WHERE u.d IS NOT NULL ORDER BY u.d, u.i);
-- +goose StatementEnd
-- The planned dates of the milestones not achieved, in order.
-- +goose StatementBegin
CREATE FUNCTION summary_open_dates(planned date[], achieved date[]) RETURNS date[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT u.d FROM unnest(planned, achieved) AS u(d, a) WHERE u.a IS NULL AND u.d IS NOT NULL ORDER BY u.d);
-- +goose StatementEnd
-- Whether an indicator's latest value has reached its target, in the target's direction from the
-- baseline (false while not measured).
-- +goose StatementBegin
CREATE FUNCTION summary_attained(baseline numeric, target numeric, latest numeric) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN coalesce((target >= baseline AND latest >= target) OR (target < baseline AND latest <= target), false);
-- +goose StatementEnd
-- How many indicators are measured and attained; the sum and count of the attainment percentages.
-- +goose StatementBegin
CREATE FUNCTION summary_ind_measured(latest numeric[]) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT count(u.l) FROM unnest(latest) AS u(l));
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION summary_ind_attained(baseline numeric[], target numeric[], latest numeric[]) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT count(*) FILTER (WHERE summary_attained(u.b, u.t, u.l))
            FROM unnest(baseline, target, latest) AS u(b, t, l));
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION summary_ind_att_sum(baseline numeric[], target numeric[], latest numeric[]) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT sum((u.l - u.b) * 100 / nullif(u.t - u.b, 0)) FROM unnest(baseline, target, latest) AS u(b, t, l));
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION summary_ind_att_n(baseline numeric[], target numeric[], latest numeric[]) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT count((u.l - u.b) * 100 / nullif(u.t - u.b, 0)) FROM unnest(baseline, target, latest) AS u(b, t, l));
-- +goose StatementEnd
-- The target dates of the indicators not attained, in order.
-- +goose StatementBegin
CREATE FUNCTION summary_ind_open_dates(baseline numeric[], target numeric[], target_date date[], latest numeric[]) RETURNS date[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT u.d FROM unnest(baseline, target, target_date, latest) AS u(b, t, d, l)
                 WHERE NOT summary_attained(u.b, u.t, u.l) AND u.d IS NOT NULL ORDER BY u.d);
-- +goose StatementEnd

ALTER TABLE summary_projects
    ADD COLUMN ms_plan_dates  date[]    GENERATED ALWAYS AS (summary_plan_dates(ms_planned)) STORED,
    ADD COLUMN ms_plan_cum    integer[] GENERATED ALWAYS AS (summary_plan_cum(ms_planned, ms_weight)) STORED,
    ADD COLUMN ms_open_dates  date[]    GENERATED ALWAYS AS (summary_open_dates(ms_planned, ms_achieved)) STORED,
    ADD COLUMN ind_count      integer   GENERATED ALWAYS AS (cardinality(ind_id)) STORED,
    ADD COLUMN ind_measured   integer   GENERATED ALWAYS AS (summary_ind_measured(ind_latest)) STORED,
    ADD COLUMN ind_attained   integer   GENERATED ALWAYS AS (summary_ind_attained(ind_baseline, ind_target, ind_latest)) STORED,
    ADD COLUMN ind_att_sum    numeric   GENERATED ALWAYS AS (summary_ind_att_sum(ind_baseline, ind_target, ind_latest)) STORED,
    ADD COLUMN ind_att_n      integer   GENERATED ALWAYS AS (summary_ind_att_n(ind_baseline, ind_target, ind_latest)) STORED,
    ADD COLUMN ind_open_dates date[]    GENERATED ALWAYS AS (summary_ind_open_dates(ind_baseline, ind_target, ind_target_date, ind_latest)) STORED;

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
ALTER TABLE summary_projects
    DROP COLUMN ms_plan_dates, DROP COLUMN ms_plan_cum, DROP COLUMN ms_open_dates, DROP COLUMN ind_count,
    DROP COLUMN ind_measured, DROP COLUMN ind_attained, DROP COLUMN ind_att_sum, DROP COLUMN ind_att_n,
    DROP COLUMN ind_open_dates;
DROP FUNCTION summary_ind_open_dates(numeric[], numeric[], date[], numeric[]);
DROP FUNCTION summary_ind_att_n(numeric[], numeric[], numeric[]);
DROP FUNCTION summary_ind_att_sum(numeric[], numeric[], numeric[]);
DROP FUNCTION summary_ind_attained(numeric[], numeric[], numeric[]);
DROP FUNCTION summary_ind_measured(numeric[]);
DROP FUNCTION summary_attained(numeric, numeric, numeric);
DROP FUNCTION summary_open_dates(date[], date[]);
DROP FUNCTION summary_plan_cum(date[], integer[]);
DROP FUNCTION summary_plan_dates(date[]);
