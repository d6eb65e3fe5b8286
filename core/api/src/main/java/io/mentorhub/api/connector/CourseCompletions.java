package io.mentorhub.api.connector;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * LMS facet ({@link Capability#LEARNING_COMPLETIONS}): whether people completed the courses linked to their goals.
 * The hub turns completions into goal progress on its schedule.
 */
@ConsumerType
public interface CourseCompletions {

    /** At most {@link Delivery#MAX_BATCH} questions per call; one answer per question, in the same order. */
    List<CourseStatus> fetchCompletions(ConnectorConfig config, List<CourseQuestion> questions)
            throws ConnectorException;

    record CourseQuestion(String workEmail, String courseId) {
        public CourseQuestion {
            Objects.requireNonNull(workEmail, "workEmail");
            Objects.requireNonNull(courseId, "courseId");
        }
    }

    /**
     * @param known       false when the LMS has no such learner or course (then the rest says nothing)
     * @param completedOn the completion date when completed
     */
    record CourseStatus(String workEmail, String courseId, boolean known, boolean completed, LocalDate completedOn) {
    }
}
