-- Courses people completed in a learning system, as its connector reported them: they count towards the goals that
-- link the course and appear in the HR review feed. One row per person and course: a course is completed once.
CREATE TABLE course_completion (
    person_id     VARCHAR(64)  NOT NULL REFERENCES person (hris_id),
    course_id     VARCHAR(128) NOT NULL,
    completed_on  DATE         NOT NULL,
    source        VARCHAR(64)  NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (person_id, course_id)
);
CREATE INDEX course_completion_date ON course_completion (completed_on);
