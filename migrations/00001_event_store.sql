-- +goose Up
-- The event store: the topic table watermill-sql publishes into and subscribes from (the columns of
-- watermill's DefaultPostgreSQLSchema, in its order) with the stream columns our schema adapter adds.
-- UNIQUE (stream_id, stream_version) is the optimistic-concurrency check.
CREATE TABLE events (
    "offset"       BIGSERIAL,
    uuid           VARCHAR(36) NOT NULL,
    created_at     TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    payload        JSONB       NOT NULL,
    metadata       JSONB       NOT NULL,
    transaction_id xid8        NOT NULL,
    stream_id      TEXT        NOT NULL,
    stream_type    TEXT        NOT NULL,
    stream_version INTEGER     NOT NULL CHECK (stream_version > 0),
    event_type     TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (transaction_id, "offset"),
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
    CONSTRAINT events_uuid_key UNIQUE (uuid)
);
CREATE INDEX events_recorded_at_idx ON events (recorded_at);
CREATE INDEX events_stream_type_idx ON events (stream_type, recorded_at);

-- One row per consumer group (one per read model): where it has read up to. The shape of
-- watermill's DefaultPostgreSQLOffsetsAdapter table.
CREATE TABLE events_offsets (
    consumer_group                VARCHAR(255) NOT NULL PRIMARY KEY,
    offset_acked                  BIGINT,
    last_processed_transaction_id xid8 NOT NULL
);

-- Commands carried out with a client's idempotency key, so a retry returns the first result
-- instead of acting twice. Written in the same transaction as the command's events.
CREATE TABLE commands (
    actor_user      TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    command         TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    result          JSONB       NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (actor_user, idempotency_key)
);

-- +goose Down
DROP TABLE commands;
DROP TABLE events_offsets;
DROP TABLE events;
