-- +goose Up
-- Which stream version each projector has applied, per stream: the projectors' idempotency.
CREATE TABLE projection_streams (
    projection TEXT    NOT NULL,
    stream_id  TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    PRIMARY KEY (projection, stream_id)
);

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Read model "projects": one row per project, as the portfolio lists and filters it.
CREATE TABLE project_view (
    id                   UUID PRIMARY KEY,
    code                 TEXT        NOT NULL,
    name                 TEXT        NOT NULL,
    domain               TEXT        NOT NULL,
    region_code          TEXT        NOT NULL,
    owner_org            TEXT        NOT NULL,
    description          TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    status_before_suspension TEXT,
    planned_investment   BIGINT      NOT NULL,
    fund_fiscal          BIGINT      NOT NULL,
    fund_construction    BIGINT      NOT NULL,
    fund_ppp             BIGINT      NOT NULL,
    fund_self_raised     BIGINT      NOT NULL,
    fund_bank_loan       BIGINT      NOT NULL,
    planned_start        DATE        NOT NULL,
    planned_end          DATE        NOT NULL,
    approval_document    TEXT,
    approved_on          DATE,
    approved_budget      BIGINT,
    initial_approved_budget BIGINT,
    construction_started DATE,
    accepted_on          DATE,
    operation_started    DATE,
    evaluation_score     INTEGER,
    status_reason        TEXT,
    spent                BIGINT      NOT NULL DEFAULT 0,
    reported_percent     INTEGER,
    reported_on          DATE,
    review_count         INTEGER     NOT NULL DEFAULT 0,
    pending_revision_id  UUID,
    proposed_at          TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    version              INTEGER     NOT NULL
) WITH (fillfactor = 70); -- updated in place many times: leave room for HOT updates
CREATE UNIQUE INDEX project_view_code_idx ON project_view (code);
CREATE INDEX project_view_status_idx ON project_view (status, id);
CREATE INDEX project_view_domain_idx ON project_view (domain, id);
CREATE INDEX project_view_region_idx ON project_view (region_code text_pattern_ops, id);
CREATE INDEX project_view_owner_idx ON project_view (owner_org, id);
CREATE INDEX project_view_text_idx ON project_view USING gin ((code || ' ' || name || ' ' || description) gin_trgm_ops);

-- Read model "milestones": a project's milestones, with their schedule and achievement.
CREATE TABLE milestone_view (
    id               UUID PRIMARY KEY,
    project_id       UUID        NOT NULL,
    seq              INTEGER     NOT NULL,
    name             TEXT        NOT NULL,
    weight           INTEGER     NOT NULL,
    planned_date     DATE        NOT NULL,
    original_date    DATE        NOT NULL,
    reschedule_count INTEGER     NOT NULL DEFAULT 0,
    last_reschedule_reason TEXT,
    achieved_date    DATE,
    evidence         TEXT,
    updated_at       TIMESTAMPTZ NOT NULL
) WITH (fillfactor = 70); -- updated in place many times: leave room for HOT updates
CREATE INDEX milestone_view_project_idx ON milestone_view (project_id, planned_date);

-- Read model "indicators": targets and their measurements.
CREATE TABLE indicator_view (
    id                UUID PRIMARY KEY,
    project_id        UUID        NOT NULL,
    seq               INTEGER     NOT NULL,
    name              TEXT        NOT NULL,
    unit              TEXT        NOT NULL,
    baseline          NUMERIC     NOT NULL,
    target            NUMERIC     NOT NULL,
    target_date       DATE        NOT NULL,
    latest_value      NUMERIC,
    latest_date       DATE,
    measurement_count INTEGER     NOT NULL DEFAULT 0,
    updated_at        TIMESTAMPTZ NOT NULL
) WITH (fillfactor = 70); -- updated in place many times: leave room for HOT updates
CREATE INDEX indicator_view_project_idx ON indicator_view (project_id, seq);

CREATE TABLE indicator_measurement_view (
    indicator_id UUID    NOT NULL,
    seq          INTEGER NOT NULL,
    measured_on  DATE    NOT NULL,
    value        NUMERIC NOT NULL,
    note         TEXT    NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (indicator_id, seq)
);

-- +goose Down
DROP TABLE indicator_measurement_view;
DROP TABLE indicator_view;
DROP TABLE milestone_view;
DROP TABLE project_view;
DROP TABLE projection_streams;
