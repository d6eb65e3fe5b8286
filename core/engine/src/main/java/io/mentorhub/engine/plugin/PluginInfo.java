package io.mentorhub.engine.plugin;

import java.util.Map;

/**
 * One row of the plugin list: an active plugin service, or something in the way of one (a component that failed to
 * activate, a bundle that cannot resolve, a jar that is not a bundle) with the reason an administrator can act on.
 */
public record PluginInfo(String id, String kind, String displayName, String version, String bundle, String source,
        State state, String error, Map<String, Object> configuration) {

    public enum State {
        /** Registered and usable. */
        ACTIVE,
        /** Waiting for a service or a configuration it needs. */
        WAITING,
        /** Its component threw while activating, or its bundle did not start. */
        FAILED,
        /** Its bundle cannot resolve: a package or capability it requires is missing. */
        UNRESOLVED,
        /** The file in deploy/ is not an installable bundle. */
        INVALID,
        /** Dropped into deploy/ moments ago and not yet picked up. */
        PENDING
    }

    public PluginInfo {
        configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
    }

    public boolean healthy() {
        return state == State.ACTIVE || state == State.PENDING;
    }
}
