-- +goose Up
-- Read model "funds": each fund's money, always split as available + reserved + disbursed = pool.
CREATE TABLE fund_view (
    id            UUID PRIMARY KEY,
    name          TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    fiscal_year   INTEGER     NOT NULL,
    managing_org  TEXT        NOT NULL,
    support_modes TEXT[]      NOT NULL,
    pool          BIGINT      NOT NULL,
    reserved      BIGINT      NOT NULL DEFAULT 0,
    disbursed     BIGINT      NOT NULL DEFAULT 0,
    recovered     BIGINT      NOT NULL DEFAULT 0,
    available     BIGINT      GENERATED ALWAYS AS (pool - reserved - disbursed) STORED,
    closed        BOOLEAN     NOT NULL DEFAULT false,
    close_reason  TEXT,
    established_at TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    version       INTEGER     NOT NULL,
    -- The domain keeps this true; the read model refuses to show anything else.
    CONSTRAINT fund_view_money_adds_up CHECK (reserved >= 0 AND disbursed >= 0 AND pool - reserved - disbursed >= 0)
) WITH (fillfactor = 70); -- updated in place many times: leave room for HOT updates
CREATE INDEX fund_view_year_idx ON fund_view (fiscal_year, id);

-- Read model "applications": funding applications (资金申报) with their review and money.
CREATE TABLE application_view (
    id                UUID PRIMARY KEY,
    fund_id           UUID        NOT NULL,
    project_id        UUID        NOT NULL,
    owner_org         TEXT        NOT NULL,
    managing_org      TEXT        NOT NULL,
    support_mode      TEXT        NOT NULL,
    requested         BIGINT      NOT NULL,
    justification     TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    round             INTEGER     NOT NULL DEFAULT 0,
    screening_note    TEXT,
    screening_reasons TEXT[],
    decision_reason   TEXT,
    approved          BIGINT,
    approved_on       DATE,
    document_no       TEXT,
    disbursed         BIGINT      NOT NULL DEFAULT 0,
    recovered         BIGINT      NOT NULL DEFAULT 0,
    cancelled         BIGINT      NOT NULL DEFAULT 0,
    drafted_at        TIMESTAMPTZ NOT NULL,
    status_since      TIMESTAMPTZ NOT NULL, -- when it entered its status: how long it has waited
    updated_at        TIMESTAMPTZ NOT NULL,
    version           INTEGER     NOT NULL
) WITH (fillfactor = 70); -- updated in place many times: leave room for HOT updates
CREATE INDEX application_view_status_idx ON application_view (status, status_since);
CREATE INDEX application_view_fund_idx ON application_view (fund_id, id);
CREATE INDEX application_view_project_idx ON application_view (project_id, id);
CREATE INDEX application_view_owner_idx ON application_view (owner_org, id);

CREATE TABLE application_expert_view (
    application_id UUID    NOT NULL,
    round          INTEGER NOT NULL,
    expert_user    TEXT    NOT NULL,
    expert_org     TEXT    NOT NULL,
    assigned_at    TIMESTAMPTZ NOT NULL,
    score          INTEGER,
    opinion        TEXT,
    scored_at      TIMESTAMPTZ,
    PRIMARY KEY (application_id, round, expert_user)
);
CREATE INDEX application_expert_view_expert_idx ON application_expert_view (expert_user) WHERE score IS NULL;

CREATE TABLE application_tranche_view (
    tranche_id     UUID PRIMARY KEY,
    application_id UUID    NOT NULL,
    seq            INTEGER NOT NULL,
    milestone_id   UUID    NOT NULL,
    amount         BIGINT  NOT NULL,
    disbursed_on   DATE,
    voucher_no     TEXT
);
CREATE INDEX application_tranche_view_app_idx ON application_tranche_view (application_id, seq);

-- +goose Down
DROP TABLE application_tranche_view;
DROP TABLE application_expert_view;
DROP TABLE application_view;
DROP TABLE fund_view;
