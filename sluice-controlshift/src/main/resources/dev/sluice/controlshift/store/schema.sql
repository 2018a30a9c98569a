-- The ControlShift batch store (PostgreSQL): webhook events, batches, their files and their history.
-- Applied at start-up by StoreSchema; every statement is idempotent.
CREATE SCHEMA IF NOT EXISTS sluice_controlshift;

-- One row per exported file ControlShift announced. file_key identifies the file across deliveries
-- (the pre-signed URL changes each time); jid identifies the delivery.
CREATE TABLE IF NOT EXISTS sluice_controlshift.events (
    id           bigserial PRIMARY KEY,
    jid          text UNIQUE,
    file_key     text NOT NULL UNIQUE,
    kind         text NOT NULL,
    cs_table     text NOT NULL,
    url          text NOT NULL,
    compression  text NOT NULL,
    export_ts    timestamptz,
    export_date  date,
    received_at  timestamptz NOT NULL,
    status       text NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    not_before   timestamptz NOT NULL,
    lease_owner  text,
    lease_until  timestamptz,
    local_path   text,
    wire_bytes   bigint,
    csv_bytes    bigint,
    error        text,
    payload      text NOT NULL
);
CREATE INDEX IF NOT EXISTS events_due ON sluice_controlshift.events (status, not_before);

CREATE TABLE IF NOT EXISTS sluice_controlshift.batches (
    id              bigserial PRIMARY KEY,
    cs_table        text NOT NULL,
    kind            text NOT NULL,
    status          text NOT NULL,
    file_count      integer NOT NULL DEFAULT 0,
    csv_bytes       bigint NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    first_file_at   timestamptz,
    closed_at       timestamptz,
    locked_at       timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    not_before      timestamptz,
    lease_owner     text,
    lease_until     timestamptz,
    target          text,
    rows_loaded     bigint,
    rows_rejected   bigint,
    error           text,
    reprocess_of    bigint REFERENCES sluice_controlshift.batches (id),
    reprocessed_as  bigint REFERENCES sluice_controlshift.batches (id)
);
-- At most one batch per (table, kind) takes new files at a time.
CREATE UNIQUE INDEX IF NOT EXISTS batches_one_open ON sluice_controlshift.batches (cs_table, kind) WHERE status = 'OPEN';
CREATE INDEX IF NOT EXISTS batches_by_status ON sluice_controlshift.batches (status, id);

CREATE TABLE IF NOT EXISTS sluice_controlshift.batch_files (
    batch_id   bigint NOT NULL REFERENCES sluice_controlshift.batches (id),
    event_id   bigint NOT NULL REFERENCES sluice_controlshift.events (id),
    position   integer NOT NULL,
    status     text NOT NULL,
    rows       bigint,
    error      text,
    PRIMARY KEY (batch_id, event_id)
);

-- Every change of a batch's status, for `sluice batches show`.
CREATE TABLE IF NOT EXISTS sluice_controlshift.batch_history (
    id         bigserial PRIMARY KEY,
    batch_id   bigint NOT NULL REFERENCES sluice_controlshift.batches (id),
    at         timestamptz NOT NULL,
    status     text NOT NULL,
    note       text
);
CREATE INDEX IF NOT EXISTS batch_history_by_batch ON sluice_controlshift.batch_history (batch_id, id);
