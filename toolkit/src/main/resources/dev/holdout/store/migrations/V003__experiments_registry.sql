-- Experiments (dev.holdout.experiments) and the model registry (dev.holdout.registry), issue 15.
-- JSON documents are kept as text (VARCHAR): they are read back whole, never queried inside.

-- One row per recorded training run (holdout train, each tuning trial, a pipeline's Training step).
CREATE TABLE exp_runs (
    run_id BIGINT PRIMARY KEY,
    kind VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    parent VARCHAR,
    recorded_at TIMESTAMP NOT NULL,
    trained_at VARCHAR,
    job_folder VARCHAR NOT NULL,
    algorithm VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    spec VARCHAR NOT NULL,
    hyperparameters VARCHAR NOT NULL,
    data VARCHAR NOT NULL,
    metric VARCHAR,
    direction VARCHAR,
    rounds INTEGER,
    best_iteration INTEGER,
    best_score DOUBLE,
    stopped_early BOOLEAN,
    history VARCHAR NOT NULL,
    final_metrics VARCHAR NOT NULL,
    model_sha256 VARCHAR
);

-- A model group; next_version only grows, so a version number is never used twice.
CREATE TABLE reg_groups (
    name VARCHAR PRIMARY KEY,
    created_at TIMESTAMP NOT NULL,
    next_version INTEGER NOT NULL
);

-- One row per registered version; its files are in the artifact tree artifacts_sha256 (reg_artifacts).
CREATE TABLE reg_versions (
    group_name VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    status VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    registered_at TIMESTAMP NOT NULL,
    registered_by VARCHAR NOT NULL,
    source_folder VARCHAR NOT NULL,
    artifacts_sha256 VARCHAR NOT NULL,
    model_sha256 VARCHAR NOT NULL,
    model_card VARCHAR NOT NULL,
    metrics VARCHAR NOT NULL,
    lineage VARCHAR NOT NULL,
    experiment_run BIGINT,
    PRIMARY KEY (group_name, version)
);

-- The files of each artifact tree (content-addressed: a tree is stored once however many versions share it).
CREATE TABLE reg_artifacts (
    artifacts_sha256 VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (artifacts_sha256, path)
);

-- Every status change of every version, the registration included (seq 1, from_status NULL).
CREATE TABLE reg_status_changes (
    group_name VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    from_status VARCHAR,
    to_status VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    changed_by VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    PRIMARY KEY (group_name, version, seq)
);
