-- Workflow pipelines (dev.holdout.workflow): one row per execution, one per step of each execution.
-- The step rows are also the cache: a step whose cache_key matches a Succeeded row (not expired, its output folder
-- still holding the recorded output_sha256) reuses that row's output folder.
CREATE TABLE pipeline_executions (
    execution_id VARCHAR PRIMARY KEY,          -- <pipeline>-<number>
    pipeline VARCHAR NOT NULL,
    number INTEGER NOT NULL,                   -- 1, 2, ... within the pipeline, never reused
    definition_file VARCHAR NOT NULL,
    definition_sha256 VARCHAR NOT NULL,
    parameters VARCHAR NOT NULL,               -- JSON object: the run's parameter values
    status VARCHAR NOT NULL,                   -- Executing | Succeeded | Failed
    reason VARCHAR,                            -- why it failed
    resumed_from VARCHAR,                      -- the execution --resume continued
    work_dir VARCHAR NOT NULL,
    pid BIGINT NOT NULL,                       -- the process running it (an Executing execution whose process is gone was interrupted)
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    UNIQUE (pipeline, number)
);
CREATE TABLE pipeline_steps (
    execution_id VARCHAR NOT NULL,
    step VARCHAR NOT NULL,
    step_type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,                   -- Executing | Succeeded | Failed | NotRun
    cache_key VARCHAR,                         -- SHA-256 of the step's definition, parameters it reads and input contents
    cached_from VARCHAR,                       -- the execution whose output was reused (a cache hit or --resume)
    output_dir VARCHAR,
    output_sha256 VARCHAR,                     -- the output folder's contents when the step succeeded
    outputs VARCHAR,                           -- JSON object: output name -> path
    properties VARCHAR,                        -- JSON: a property file, a condition's outcome, a registered version
    reason VARCHAR,                            -- why it failed or did not run
    started_at TIMESTAMP,
    ended_at TIMESTAMP,
    PRIMARY KEY (execution_id, step)
);
