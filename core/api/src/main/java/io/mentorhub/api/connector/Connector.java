package io.mentorhub.api.connector;

import io.mentorhub.api.HubPlugin;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A link to an outside system. Connectors are stateless and never retry: the hub owns schedules, cursors, retries
 * and rate limits. Later versions of this package add the page-at-a-time facets.
 */
@ConsumerType
public interface Connector extends HubPlugin {

    ConnectorKind kind();

    /** What this connector can do, e.g. {@code people.read}; the hub only calls what is declared. */
    default Set<String> capabilities() {
        return Set.of();
    }
}
