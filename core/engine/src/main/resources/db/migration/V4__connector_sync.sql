-- Connector sync runs: one row per run with its mode, checkpoint, counts, field coverage and outcome. The checkpoint
-- (next_cursor, pages, counts, coverage) is updated in the same transaction as the page it follows, so a run taken
-- over after a crash resumes exactly after the last page that was durably applied. Rows are never deleted: the last
-- successful run's fetch start is the next incremental sync's watermark, and its fill rates the coverage baseline.
CREATE TABLE sync_run (
    id                UUID         PRIMARY KEY,
    instance_id       VARCHAR(64)  NOT NULL,
    connector_type    VARCHAR(64)  NOT NULL,
    mode              VARCHAR(16)  NOT NULL,
    dry_run           BOOLEAN      NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    requested_by      VARCHAR(128) NOT NULL,
    options           VARCHAR(100000) NOT NULL,
    node_id           VARCHAR(64),
    lease_token       BIGINT,
    modified_since    TIMESTAMP WITH TIME ZONE,
    fetch_started_at  TIMESTAMP WITH TIME ZONE,
    next_cursor       VARCHAR(4000),
    pages             INTEGER      NOT NULL,
    records           INTEGER      NOT NULL,
    created           INTEGER      NOT NULL,
    updated           INTEGER      NOT NULL,
    unchanged         INTEGER      NOT NULL,
    terminated        INTEGER      NOT NULL,
    failed            INTEGER      NOT NULL,
    coverage          VARCHAR(100000) NOT NULL,
    warnings          VARCHAR(100000) NOT NULL,
    timings           VARCHAR(4000) NOT NULL,
    flagged           BOOLEAN      NOT NULL,
    error             VARCHAR(2000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    modified_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sync_run_instance ON sync_run (instance_id, created_at);
CREATE INDEX sync_run_status ON sync_run (status, instance_id);

-- Which hub node runs an instance's sync job. Each acquisition takes the next fencing token; every page commit checks
-- the token in its own transaction, so a node that lost the lease (paused, partitioned) can no longer write.
CREATE TABLE sync_lease (
    instance_id  VARCHAR(64)  PRIMARY KEY,
    owner_node   VARCHAR(64),
    token        BIGINT       NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What a sync could not apply: a record the hub refused (its fields kept, to replay once fixed), a record the
-- connector could not read, or a page the vendor refused (its query kept, to fetch again). Shown and replayed through
-- the API and the shell; the content never reaches a log.
CREATE TABLE sync_dead_letter (
    id           UUID          PRIMARY KEY,
    instance_id  VARCHAR(64)   NOT NULL,
    run_id       UUID          NOT NULL REFERENCES sync_run (id),
    kind         VARCHAR(16)   NOT NULL,
    location     VARCHAR(200)  NOT NULL,
    record_id    VARCHAR(64),
    reason       VARCHAR(2000) NOT NULL,
    content      VARCHAR(1000000),
    page_query   VARCHAR(10000),
    status       VARCHAR(16)   NOT NULL,
    attempts     INTEGER       NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE,
    resolved_by  VARCHAR(128)
);
CREATE INDEX sync_dead_letter_instance ON sync_dead_letter (instance_id, status, created_at, id);
CREATE INDEX sync_dead_letter_run ON sync_dead_letter (run_id);

-- Manager links waiting for their manager: set once the manager is known (at the end of a run, or of a later one).
CREATE TABLE sync_pending_link (
    instance_id     VARCHAR(64) NOT NULL,
    hris_id         VARCHAR(64) NOT NULL REFERENCES person (hris_id),
    manager_id      VARCHAR(64) NOT NULL,
    effective_date  DATE,
    run_id          UUID        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instance_id, hris_id)
);

-- An instance the vendor refused for its configuration or credentials (CONFIG): nothing runs until its configuration
-- changes (config_hash differs) or an administrator enables it again.
CREATE TABLE sync_suspension (
    instance_id   VARCHAR(64)   PRIMARY KEY,
    config_hash   CHAR(64)      NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    suspended_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What a dry run would change, field by field (the first 10,000 changes of a run; its counts cover all).
CREATE TABLE sync_change (
    run_id     UUID          NOT NULL REFERENCES sync_run (id),
    seq        INTEGER       NOT NULL,
    hris_id    VARCHAR(64)   NOT NULL,
    kind       VARCHAR(16)   NOT NULL,
    field      VARCHAR(64),
    old_value  VARCHAR(1000),
    new_value  VARCHAR(1000),
    PRIMARY KEY (run_id, seq)
);
