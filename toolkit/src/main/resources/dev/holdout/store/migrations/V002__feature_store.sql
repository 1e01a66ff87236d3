-- The feature store (dev.holdout.featurestore). Each group's records live in a table of their own,
-- fs_records_<id>, created when the group is: record_id, event_time, write_time, is_deleted, write_seq,
-- then one column f_<position> per feature (BIGINT for Integral, DOUBLE for Fractional, VARCHAR for String).
CREATE SEQUENCE fs_group_ids START 1;
CREATE TABLE fs_groups (
    id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    record_id VARCHAR NOT NULL,
    record_id_type VARCHAR NOT NULL,
    event_time VARCHAR NOT NULL,
    description VARCHAR,
    ttl_ms BIGINT,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE fs_features (
    group_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    PRIMARY KEY (group_id, position)
);
-- One row per ingest or delete: what was written, when, from where.
CREATE TABLE fs_writes (
    group_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    source VARCHAR,
    rows BIGINT NOT NULL,
    first_seq BIGINT NOT NULL,
    write_time TIMESTAMP NOT NULL
);
