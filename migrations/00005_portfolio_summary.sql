-- +goose Up
-- Read model "summary": the portfolio summary's history tables. Each row is one version of a
-- thing, valid from the recorded_at of the event that made it (valid_from) until the recorded_at
-- of the next event that changed it (valid_to, NULL while current). The current answer reads the
-- rows with valid_to IS NULL (partial indexes); an as-of answer at instant T reads the rows with
-- valid_from <= T < coalesce(valid_to, infinity). Events of one command share their recorded_at:
-- the projector then changes the version in place instead of leaving an empty interval behind
-- (the key with valid_from is the conflict target). seq is the stream version of the last event
-- that shaped the row.

-- One version per project: what the summary groups, filters and adds up, with its milestones and
-- indicators as arrays (element i of each array is the i-th milestone or indicator, in the order
-- they were planned or defined), so that a summary reads one row per project. What depends on
-- the summary's date (planned %, overdue milestones, missed indicators) is computed when read.
CREATE TABLE summary_projects (
    project_id       UUID        NOT NULL,
    valid_from       TIMESTAMPTZ NOT NULL,
    valid_to         TIMESTAMPTZ,
    seq              INTEGER     NOT NULL,
    code             TEXT        NOT NULL,
    region_code      TEXT        NOT NULL,
    province         TEXT        NOT NULL,             -- the region's province (GB/T 2260 code)
    city             TEXT,                             -- its city, NULL for a province-level project
    county           TEXT,                             -- its county, NULL above county level
    domain           TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    owner_org        TEXT        NOT NULL,
    year             INTEGER     NOT NULL,             -- the year of the planned start
    approved_budget  BIGINT      NOT NULL DEFAULT 0,   -- fen; 0 until approved
    spent            BIGINT      NOT NULL DEFAULT 0,   -- fen
    reported_percent INTEGER     NOT NULL DEFAULT 0,
    -- Milestones: id, name, weight, planned date, achieved date (NULL element: not achieved).
    ms_id            UUID[]      NOT NULL DEFAULT '{}',
    ms_name          TEXT[]      NOT NULL DEFAULT '{}',
    ms_weight        INTEGER[]   NOT NULL DEFAULT '{}',
    ms_planned       DATE[]      NOT NULL DEFAULT '{}',
    ms_achieved      DATE[]      NOT NULL DEFAULT '{}',
    -- Indicators: id, baseline, target, target date, and the latest measurement by measurement
    -- date (NULL elements: not measured yet).
    ind_id           UUID[]      NOT NULL DEFAULT '{}',
    ind_baseline     NUMERIC[]   NOT NULL DEFAULT '{}',
    ind_target       NUMERIC[]   NOT NULL DEFAULT '{}',
    ind_target_date  DATE[]      NOT NULL DEFAULT '{}',
    ind_latest       NUMERIC[]   NOT NULL DEFAULT '{}',
    ind_latest_date  DATE[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (project_id, valid_from)
);
CREATE INDEX summary_projects_current_idx ON summary_projects (project_id) WHERE valid_to IS NULL;
CREATE INDEX summary_projects_current_region_idx ON summary_projects (province, city, county) WHERE valid_to IS NULL;
CREATE INDEX summary_projects_asof_region_idx ON summary_projects (province, city, county, valid_from);

-- One version per funding application: its money and the step it waits at, since when.
CREATE TABLE summary_applications (
    application_id  UUID        NOT NULL,
    valid_from      TIMESTAMPTZ NOT NULL,
    valid_to        TIMESTAMPTZ,
    seq             INTEGER     NOT NULL,
    project_id      UUID        NOT NULL,
    fund_id         UUID        NOT NULL,
    support_mode    TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    step            TEXT,                            -- the step it waits at; NULL when not waiting
    step_since      TIMESTAMPTZ NOT NULL,
    experts_pending INTEGER     NOT NULL DEFAULT 0,  -- experts of the round yet to score
    requested       BIGINT      NOT NULL,
    approved        BIGINT      NOT NULL DEFAULT 0,
    disbursed       BIGINT      NOT NULL DEFAULT 0,  -- gross: tranches paid
    recovered       BIGINT      NOT NULL DEFAULT 0,
    cancelled       BIGINT      NOT NULL DEFAULT 0,  -- unpaid remainder released at closing
    PRIMARY KEY (application_id, valid_from)
);
CREATE INDEX summary_applications_current_idx ON summary_applications (project_id) WHERE valid_to IS NULL;
CREATE INDEX summary_applications_asof_idx ON summary_applications (project_id, valid_from);

-- The regions' PPP fiscal affordability: budgets and reserved obligations by year (versions), and
-- the cap rules (never withdrawn, so one row each with the instant it was recorded).
CREATE TABLE summary_ppp_budgets (
    region_code TEXT        NOT NULL,
    year        INTEGER     NOT NULL,
    valid_from  TIMESTAMPTZ NOT NULL,
    valid_to    TIMESTAMPTZ,
    seq         INTEGER     NOT NULL,
    budget      BIGINT      NOT NULL,
    PRIMARY KEY (region_code, year, valid_from)
);
CREATE TABLE summary_ppp_obligations (
    region_code TEXT        NOT NULL,
    year        INTEGER     NOT NULL,
    valid_from  TIMESTAMPTZ NOT NULL,
    valid_to    TIMESTAMPTZ,
    seq         INTEGER     NOT NULL,
    amount      BIGINT      NOT NULL,
    PRIMARY KEY (region_code, year, valid_from)
);
CREATE TABLE summary_ppp_rules (
    region_code      TEXT        NOT NULL,
    seq              INTEGER     NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    cap_bp           INTEGER     NOT NULL,
    rule_from        DATE        NOT NULL,
    return_mechanism TEXT,       -- NULL: the rule for every arrangement
    PRIMARY KEY (region_code, seq)
);

-- +goose Down
DROP TABLE summary_ppp_rules;
DROP TABLE summary_ppp_obligations;
DROP TABLE summary_ppp_budgets;
DROP TABLE summary_applications;
DROP TABLE summary_projects;
