package io.mentorhub.api.connector;

import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * LMS facet ({@link Capability#LEARNING_ENROLMENT}): enrols people in the courses linked to their goals. The connector
 * finds each learner in the LMS by work e-mail; a person the LMS does not know is refused, not an error of the call.
 */
@ConsumerType
public interface CourseEnrolments {

    /** One delivery per enrolment, in the same order. Enrolling someone already enrolled is a delivery. */
    List<Delivery> enrol(ConnectorConfig config, List<Enrolment> enrolments) throws ConnectorException;

    /** Enrol the person with this work e-mail in a course, as a student. */
    record Enrolment(String key, String workEmail, String courseId) implements Delivery.Keyed {
        public Enrolment {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(workEmail, "workEmail");
            Objects.requireNonNull(courseId, "courseId");
        }
    }
}
