package io.mentorhub.api.connector;

/**
 * What a connector can do. Each capability is one facet interface the connector implements; the hub calls a facet
 * only when its capability is declared.
 */
public enum Capability {
    /** Fetches people page by page from the start: {@link PeopleSource}. */
    PEOPLE_FULL_SYNC(PeopleSource.class),
    /**
     * Also fetches only the people changed since a given instant ({@link PeopleQuery#modifiedSince()}): a
     * {@link PeopleSource} that honours it.
     */
    PEOPLE_INCREMENTAL_SYNC(PeopleSource.class),
    /** Reads people from a file the HRIS dropped in a folder: {@link PeopleFileReader}. */
    PEOPLE_FILE(PeopleFileReader.class),
    /** Enrols people in courses: {@link CourseEnrolments}. */
    LEARNING_ENROLMENT(CourseEnrolments.class),
    /** Reads course completions: {@link CourseCompletions}. */
    LEARNING_COMPLETIONS(CourseCompletions.class),
    /** Sends learning records (xAPI statements): {@link LearningRecords}. */
    LEARNING_RECORDS(LearningRecords.class),
    /** Keeps mentoring goals in a performance system: {@link GoalPublisher}. */
    PERFORMANCE_GOALS(GoalPublisher.class),
    /** Pushes the HR review feed: {@link ReviewFeedPublisher}. */
    REVIEW_FEED(ReviewFeedPublisher.class);

    private final Class<?> facet;

    Capability(Class<?> facet) {
        this.facet = facet;
    }

    /** The interface a connector declaring this capability implements. */
    public Class<?> facet() {
        return facet;
    }
}
