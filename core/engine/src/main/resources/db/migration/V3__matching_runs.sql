-- Matching runs are jobs: one row per run with its phase, progress, counts, outcome and fairness report. Rows are
-- never deleted, so every published pairing can be traced to the run, strategy and seed that proposed it.
CREATE TABLE matching_run (
    id             UUID         PRIMARY KEY,
    program_id     UUID         NOT NULL REFERENCES program (id),
    strategy       VARCHAR(64)  NOT NULL,
    seed           BIGINT       NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    phase          VARCHAR(16)  NOT NULL,
    progress       INTEGER      NOT NULL,
    counts         VARCHAR(1000000) NOT NULL,
    unmatched      VARCHAR(1000000) NOT NULL,
    fairness       VARCHAR(1000000),
    error          VARCHAR(2000),
    cancel_requested BOOLEAN    NOT NULL DEFAULT FALSE,
    requested_by   VARCHAR(128) NOT NULL,
    options        VARCHAR(1000000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE,
    modified_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX matching_run_program ON matching_run (program_id, created_at);

-- Which run proposed which pairing.
CREATE TABLE matching_proposal (
    run_id      UUID NOT NULL REFERENCES matching_run (id),
    pairing_id  UUID NOT NULL REFERENCES pairing (id),
    PRIMARY KEY (run_id, pairing_id)
);
CREATE INDEX matching_proposal_pairing ON matching_proposal (pairing_id);

-- Mentee-choice programs: the mentors a mentee ranked, best first.
CREATE TABLE mentor_ranking (
    program_id  UUID        NOT NULL REFERENCES program (id),
    mentee_id   VARCHAR(64) NOT NULL REFERENCES person (hris_id),
    mentor_id   VARCHAR(64) NOT NULL REFERENCES person (hris_id),
    position    INTEGER     NOT NULL,
    PRIMARY KEY (program_id, mentee_id, mentor_id)
);
-- From V3 on, dissolved_pair also records proposals that were rejected or declined: matching never proposes any of
-- them again in that program.
