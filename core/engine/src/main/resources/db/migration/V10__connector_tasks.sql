-- Scheduled work of push connectors besides the outbox: reading course completions (LEARNING_COMPLETIONS) and
-- queuing the review feed (REVIEW_FEED). One row per instance and task remembers the last scheduled start, so a
-- restart neither repeats nor skips a run, and the conditional update of that column lets one hub node take a run.
CREATE TABLE connector_task (
    instance_id     VARCHAR(64)  NOT NULL,
    task            VARCHAR(32)  NOT NULL,
    last_scheduled  TIMESTAMP WITH TIME ZONE,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    outcome         VARCHAR(16),
    detail          VARCHAR(1000),
    PRIMARY KEY (instance_id, task)
);
