package io.mentorhub.api.connector;

import io.mentorhub.api.HubPlugin;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A link to an outside system: an HRIS, a learning system, a performance-review system or a survey tool.
 *
 * <p>A connector is a stateless translator between one vendor's API and the hub's records. What it can do it offers as
 * <em>facets</em>, interfaces it implements next to this one (for example {@link PeopleSource}), each declared in
 * {@link #capabilities()}; the hub calls only what is declared, and the connector contract test checks that the two
 * agree both ways. Every facet call fetches or pushes <em>one page</em> and is told everything it needs — the
 * instance's {@link ConnectorConfig} and a cursor — so one connector service serves any number of configured
 * instances.
 *
 * <p>Connectors never retry, never sleep and never keep cursors: the hub owns schedules, checkpoints, retries with
 * backoff, rate limits, idempotency and the dead-letter table, driven by the one exception a facet may throw,
 * {@link ConnectorException}. No HTTP client or vendor exception crosses this interface, and no secret reaches a
 * message, a log or a {@code toString()}.
 */
@ConsumerType
public interface Connector extends HubPlugin {

    ConnectorKind kind();

    /** What this connector does; exactly the facets it implements. */
    Set<Capability> capabilities();

    /**
     * The configuration an instance of this connector needs, beyond what the hub itself configures for every
     * instance (schedule, rate limit, field allowlist…). Settings of type {@link Setting.Type#SECRET} are masked
     * everywhere the hub shows them; settings of type {@link Setting.Type#URL} are checked with {@link Endpoints}
     * before any connection is made.
     */
    List<Setting> settings();
}
