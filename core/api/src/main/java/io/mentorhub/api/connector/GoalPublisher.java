package io.mentorhub.api.connector;

import io.mentorhub.api.domain.Goal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Performance facet ({@link Capability#PERFORMANCE_GOALS}): keeps one mentoring goal per participant in a
 * performance system's goals, with its progress. Each goal is linked by {@link ReviewGoal#externalId()}: a connector
 * looks it up and updates it, so a re-run or a retry never creates a second one.
 */
@ConsumerType
public interface GoalPublisher {

    List<Delivery> publishGoals(ConnectorConfig config, List<ReviewGoal> goals) throws ConnectorException;

    record ReviewGoal(String key, String externalId, String ownerEmail, String title, String description,
            Goal.Status status, int progressPercent, LocalDate dueDate) implements Delivery.Keyed {
        public ReviewGoal {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(ownerEmail, "ownerEmail");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(status, "status");
            if (progressPercent < 0 || progressPercent > 100) {
                throw new IllegalArgumentException("progress must be 0..100");
            }
        }
    }
}
