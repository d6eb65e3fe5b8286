package io.mentorhub.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every plugin service tells the hub about itself. Matching strategies, connectors and survey tools all extend
 * it, so the hub can list and diagnose any of them the same way.
 */
@ConsumerType
public interface HubPlugin {

    /** Stable identifier, unique per plugin kind, e.g. {@code greedy} or {@code bamboohr}. Lower case, [a-z0-9-]. */
    String id();

    /** Name shown to administrators. */
    default String displayName() {
        return id();
    }

    /** Checks an identifier against the rules of {@link #id()}; returns it unchanged or throws. */
    static String requireValidId(String id) {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new IllegalArgumentException("plugin id must match [a-z0-9][a-z0-9-]{0,62}, was: " + id);
        }
        return id;
    }
}
