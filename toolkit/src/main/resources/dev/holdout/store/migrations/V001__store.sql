-- The store's own bookkeeping: one row per applied migration (Migrations.java lists them all).
CREATE TABLE holdout_schema (
    version INTEGER PRIMARY KEY,
    description VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL,
    holdout_version VARCHAR NOT NULL
);
