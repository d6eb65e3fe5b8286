-- Whether a participant agreed that their mentoring (goals, progress, participation, shared reflections) is written
-- to the performance-review systems the hub pushes to (PERFORMANCE_GOALS, REVIEW_FEED connectors). No row: not
-- agreed. Only the person themself decides; every decision is in the audit log too.
CREATE TABLE review_sharing (
    person_id   VARCHAR(64) PRIMARY KEY REFERENCES person (hris_id),
    shares      BOOLEAN     NOT NULL,
    decided_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
