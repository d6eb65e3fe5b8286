package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.Setting;
import java.util.List;
import java.util.Set;

/**
 * An installed connector: what it is, what it can do, and the configuration an instance of it takes — its own
 * settings and the hub's (schedules, rate limit, allowlist…), each with its type, default and secrecy.
 */
public record ConnectorType(String id, String displayName, ConnectorKind kind, Set<Capability> capabilities,
        List<Setting> settings, List<Setting> hubSettings) {
}
