package io.mentorhub.api.connector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Learning-record facet ({@link Capability#LEARNING_RECORDS}): tells a learning record store (xAPI) what happened in
 * mentoring — sessions attended, goals set and completed, milestones reached.
 */
@ConsumerType
public interface LearningRecords {

    List<Delivery> record(ConnectorConfig config, List<LearningRecord> records) throws ConnectorException;

    enum Verb {
        ATTENDED_SESSION, SET_GOAL, COMPLETED_GOAL, REACHED_MILESTONE
    }

    /**
     * One thing a person did. {@link #recordId()} is derived from the key, so the same record sent twice has the same
     * id and the store keeps it once.
     *
     * @param objectId stable id of what the verb is about (a session, goal or milestone id)
     */
    record LearningRecord(String key, String workEmail, String name, Verb verb, String objectId, String objectName,
            String programName, Instant at) implements Delivery.Keyed {

        public LearningRecord {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(workEmail, "workEmail");
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(objectId, "objectId");
            Objects.requireNonNull(at, "at");
        }

        /** A UUID (name-based) from the key: the xAPI statement id. */
        public UUID recordId() {
            return UUID.nameUUIDFromBytes(("mentorhub:" + key).getBytes(StandardCharsets.UTF_8));
        }
    }
}
