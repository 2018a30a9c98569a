-- The once-only ledger, in the TARGET database (PostgreSQL or Redshift): a row per loaded file, written in
-- the same transaction as the file's rows, so a file is in the table exactly when it is in the ledger.
-- Plain types only: Redshift runs this too (it does not enforce the primary key; its serializable
-- isolation stops two concurrent loads of one file instead).
CREATE SCHEMA IF NOT EXISTS sluice_controlshift;
CREATE TABLE IF NOT EXISTS sluice_controlshift.loaded_files (
    file_key   varchar(1024) NOT NULL PRIMARY KEY,
    batch_id   bigint NOT NULL,
    cs_table   varchar(128) NOT NULL,
    target     varchar(256) NOT NULL,
    loaded_at  timestamp NOT NULL
);
