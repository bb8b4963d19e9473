-- +goose Up
-- Read model "ppp_arrangements": PPP arrangements through the Ministry of Finance's five stages.
CREATE TABLE ppp_arrangement_view (
    id                  UUID PRIMARY KEY,
    project_id          UUID        NOT NULL,
    project_code        TEXT        NOT NULL,
    owner_org           TEXT        NOT NULL,
    region_code         TEXT        NOT NULL,
    finance_org         TEXT,
    stage               TEXT        NOT NULL,
    stage_since         TIMESTAMPTZ NOT NULL,
    operation_mode      TEXT        NOT NULL,
    return_mechanism    TEXT        NOT NULL,
    term_years          INTEGER     NOT NULL,
    start_year          INTEGER     NOT NULL,
    total_investment    BIGINT      NOT NULL,
    government_equity_bp INTEGER    NOT NULL,
    total_obligations   BIGINT      NOT NULL,
    vfm_score           INTEGER,
    vfm_psc             BIGINT,
    vfm_pppv            BIGINT,
    vfm_passed          BOOLEAN,
    tender_method       TEXT,
    bid_count           INTEGER     NOT NULL DEFAULT 0,
    partner             TEXT,
    contract_no         TEXT,
    project_company     TEXT,
    registered_capital  BIGINT,
    scheduled_total     BIGINT      NOT NULL DEFAULT 0,
    paid_total          BIGINT      NOT NULL DEFAULT 0,
    cancel_reason       TEXT,
    identified_at       TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    version             INTEGER     NOT NULL
) WITH (fillfactor = 70); -- updated in place many times: leave room for HOT updates
CREATE INDEX ppp_arrangement_view_stage_idx ON ppp_arrangement_view (stage, id);
CREATE INDEX ppp_arrangement_view_region_idx ON ppp_arrangement_view (region_code text_pattern_ops, id);
CREATE INDEX ppp_arrangement_view_project_idx ON ppp_arrangement_view (project_id);

-- The government's yearly payment obligations of each arrangement, as its terms state them.
CREATE TABLE ppp_obligation_view (
    arrangement_id UUID    NOT NULL,
    year           INTEGER NOT NULL,
    amount         BIGINT  NOT NULL,
    PRIMARY KEY (arrangement_id, year)
);

CREATE TABLE ppp_bid_view (
    arrangement_id UUID    NOT NULL,
    seq            INTEGER NOT NULL,
    bidder         TEXT    NOT NULL,
    amount         BIGINT  NOT NULL,
    bid_on         DATE    NOT NULL,
    PRIMARY KEY (arrangement_id, seq)
);

CREATE TABLE ppp_payment_view (
    payment_id     UUID PRIMARY KEY,
    arrangement_id UUID    NOT NULL,
    year           INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    amount         BIGINT  NOT NULL,
    due_on         DATE    NOT NULL,
    paid           BIGINT  NOT NULL DEFAULT 0,
    last_paid_on   DATE
);
CREATE INDEX ppp_payment_view_arr_idx ON ppp_payment_view (arrangement_id, year);

CREATE TABLE ppp_assessment_view (
    arrangement_id UUID    NOT NULL,
    seq            INTEGER NOT NULL,
    year           INTEGER NOT NULL,
    score          INTEGER NOT NULL,
    deduction_bp   INTEGER NOT NULL,
    assessed_on    DATE    NOT NULL,
    PRIMARY KEY (arrangement_id, seq)
);

-- Read model "ppp_ledgers": each region's general public budgets, affordability rules and the
-- obligations reserved against them at the preparation gate.
CREATE TABLE ppp_ledger_view (
    region_code TEXT PRIMARY KEY,
    finance_org TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    version     INTEGER     NOT NULL
);
CREATE TABLE ppp_budget_view (
    region_code TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    budget      BIGINT  NOT NULL,
    PRIMARY KEY (region_code, year)
);
CREATE TABLE ppp_rule_view (
    region_code      TEXT    NOT NULL,
    seq              INTEGER NOT NULL,
    cap_bp           INTEGER NOT NULL,
    valid_from       DATE    NOT NULL,
    return_mechanism TEXT,   -- NULL: every arrangement
    basis            TEXT,
    PRIMARY KEY (region_code, seq)
);
CREATE TABLE ppp_reserved_view (
    region_code      TEXT    NOT NULL,
    arrangement_id   UUID    NOT NULL,
    year             INTEGER NOT NULL,
    return_mechanism TEXT    NOT NULL,
    amount           BIGINT  NOT NULL,
    PRIMARY KEY (region_code, arrangement_id, year)
);
CREATE INDEX ppp_reserved_view_year_idx ON ppp_reserved_view (region_code, year);

-- +goose Down
DROP TABLE ppp_reserved_view;
DROP TABLE ppp_rule_view;
DROP TABLE ppp_budget_view;
DROP TABLE ppp_ledger_view;
DROP TABLE ppp_assessment_view;
DROP TABLE ppp_payment_view;
DROP TABLE ppp_bid_view;
DROP TABLE ppp_obligation_view;
DROP TABLE ppp_arrangement_view;
