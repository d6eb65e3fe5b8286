package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.PeopleFileReader;
import io.mentorhub.api.connector.PeopleSource;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.engine.store.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One configured connector instance as the hub sees it right now: its factory configuration, the connector service
 * it names (if installed), the hub's settings and the connector's checked settings, and whether it may run. A bad
 * configuration never throws: the instance is INVALID and says why (never quoting a value).
 *
 * @param source where the configuration lives: a file ({@code etc/…cfg}, edited there) or {@code api}
 */
public record ConnectorInstance(String id, String pid, String source, Map<String, String> raw, String configHash,
        Connector connector, InstanceSettings settings, ConnectorConfig config, State state, String reason) {

    /** ACTIVE runs; DISABLED is configured with enabled = false; INVALID says why; WAITING for its connector. */
    public enum State {
        ACTIVE, DISABLED, INVALID, WAITING
    }

    public static final String FILE_PROPERTY = "felix.fileinstall.filename";

    /** Evaluates a raw configuration (interpolated values as strings) against the installed connectors. */
    static ConnectorInstance evaluate(String id, String pid, Map<String, String> raw,
            Function<String, Connector> connectors) {
        String source = source(raw.get(FILE_PROPERTY));
        String hash = hash(raw);
        if (id == null) {
            return new ConnectorInstance(pid, pid, source, raw, hash, null, null, null, State.INVALID,
                    "the configuration has no instance name: create it as io.mentorhub.connector-<name>.cfg or "
                            + "through POST /api/connectors");
        }
        Map<String, String> problems = new TreeMap<>();
        InstanceSettings settings = InstanceSettings.parse(raw, problems);
        String type = raw.get(InstanceSettings.TYPE);
        Connector connector = type == null ? null : connectors.apply(type.strip());
        if (settings == null) {
            return invalid(id, pid, source, raw, hash, connector, describe(problems));
        }
        if (connector == null) {
            return new ConnectorInstance(id, pid, source, raw, hash, null, settings, null, State.WAITING,
                    "connector '" + settings.type() + "' is not installed (GET /api/connector-types lists the "
                            + "installed ones)");
        }
        Set<String> unknown = new TreeSet<>();
        Set<String> declared = new TreeSet<>();
        connector.settings().forEach(s -> declared.add(s.id()));
        for (String key : raw.keySet()) {
            if (!InstanceSettings.isHubKey(key) && !InstanceSettings.isFrameworkKey(key) && !declared.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            return invalid(id, pid, source, raw, hash, connector, "unknown setting" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " (connector '" + connector.id() + "' declares " + declared
                    + ", the hub its own keys)");
        }
        String facets = facetProblem(connector, settings);
        if (facets != null) {
            return invalid(id, pid, source, raw, hash, connector, facets);
        }
        ConnectorConfig config;
        try {
            config = ConnectorConfig.of(id, connector.settings(), raw, settings.allowHttp());
        } catch (ConnectorException e) {
            return invalid(id, pid, source, raw, hash, connector, e.getMessage());
        } catch (RuntimeException e) {
            return invalid(id, pid, source, raw, hash, connector, "connector '" + connector.id()
                    + "' could not check the configuration (" + e.getClass().getSimpleName() + ")");
        }
        if (!settings.enabled()) {
            return new ConnectorInstance(id, pid, source, raw, hash, connector, settings, config, State.DISABLED,
                    "enabled = false");
        }
        return new ConnectorInstance(id, pid, source, raw, hash, connector, settings, config, State.ACTIVE, null);
    }

    private static ConnectorInstance invalid(String id, String pid, String source, Map<String, String> raw, String hash,
            Connector connector, String reason) {
        return new ConnectorInstance(id, pid, source, raw, hash, connector, null, null, State.INVALID, reason);
    }

    private static String facetProblem(Connector connector, InstanceSettings settings) {
        Set<Capability> capabilities = connector.capabilities();
        for (Capability capability : capabilities) {
            if (!capability.facet().isInstance(connector)) {
                return "connector '" + connector.id() + "' declares " + capability + " but does not implement "
                        + capability.facet().getSimpleName();
            }
        }
        boolean file = capabilities.contains(Capability.PEOPLE_FILE);
        if (capabilities.isEmpty()) {
            return "connector '" + connector.id() + "' declares no capability: it can neither read people nor "
                    + "write anywhere";
        }
        if (file && settings.folder() == null) {
            return InstanceSettings.FOLDER + " is required: connector '" + connector.id() + "' reads files dropped "
                    + "into a folder";
        }
        if (settings.incrementalSet() && !settings.incremental().off()
                && !capabilities.contains(Capability.PEOPLE_INCREMENTAL_SYNC)) {
            return InstanceSettings.SCHEDULE_INCREMENTAL + " must be off: connector '" + connector.id()
                    + "' cannot read only what changed";
        }
        return null;
    }

    private static String describe(Map<String, String> problems) {
        List<String> parts = new ArrayList<>();
        problems.forEach((key, message) -> parts.add(key + " " + message));
        return String.join("; ", parts);
    }

    private static String source(String fileName) {
        if (fileName == null) {
            return "api";
        }
        String path = fileName.replace('\\', '/');
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : path;
    }

    /** A fingerprint of the configuration: a CONFIG suspension lasts until it changes. */
    private static String hash(Map<String, String> raw) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(raw).forEach((key, value) -> {
            if (!InstanceSettings.isFrameworkKey(key)) {
                text.append(key).append('=').append(value).append('\n');
            }
        });
        return Sha256.hex(text.toString());
    }

    public boolean runnable() {
        return state == State.ACTIVE;
    }

    /** Whether the configuration is a file (edit the file) rather than one made through the API. */
    public boolean fileManaged() {
        return !source.equals("api");
    }

    public String type() {
        return settings != null ? settings.type() : raw.get(InstanceSettings.TYPE);
    }

    PeopleSource peopleSource() {
        return connector != null && connector.capabilities().contains(Capability.PEOPLE_FULL_SYNC)
                ? (PeopleSource) connector : null;
    }

    PeopleFileReader fileReader() {
        return connector != null && connector.capabilities().contains(Capability.PEOPLE_FILE)
                ? (PeopleFileReader) connector : null;
    }

    /** Whether the connector declares the capability (and so implements its facet). */
    public boolean can(Capability capability) {
        return connector != null && connector.capabilities().contains(capability);
    }

    /** The connector as the capability's facet, or null if it does not declare it. */
    public <T> T facet(Capability capability, Class<T> type) {
        return can(capability) && type.isInstance(connector) ? type.cast(connector) : null;
    }

    boolean readsChanges() {
        return connector != null && connector.capabilities().contains(Capability.PEOPLE_INCREMENTAL_SYNC);
    }

    /** The text with this instance's secret values masked: for messages that may quote a vendor's answer. */
    public String scrub(String text) {
        return redaction().scrub(text);
    }

    Redaction redaction() {
        return connector == null ? Redaction.NONE : Redaction.of(config, connector.settings());
    }

    /**
     * The configuration as the API and the shell may show it: the hub's keys as configured, the connector's with
     * every secret masked, and any key whose kind is unknown (connector not installed, or a key it does not declare,
     * perhaps a misspelt secret) masked too.
     */
    public Map<String, String> shownSettings() {
        Map<String, Setting> schema = new TreeMap<>();
        if (connector != null) {
            connector.settings().forEach(s -> schema.put(s.id(), s));
        }
        Map<String, String> shown = new LinkedHashMap<>();
        new TreeMap<>(raw).forEach((key, value) -> {
            if (InstanceSettings.isFrameworkKey(key)) {
                return;
            }
            Setting setting = schema.get(key);
            boolean visible = InstanceSettings.isHubKey(key) || setting != null && !setting.secret();
            shown.put(key, visible ? value : Secret.MASK);
        });
        return shown;
    }

    @Override
    public String toString() {
        return "ConnectorInstance[" + id + ", " + type() + ", " + state + "]";
    }
}
