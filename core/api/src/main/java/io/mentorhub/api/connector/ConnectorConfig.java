package io.mentorhub.api.connector;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configured instance of a connector, as its facets see it: the instance id and every declared setting,
 * checked against the connector's {@link Connector#settings() schema}. Secrets are {@link Secret}s; URLs passed
 * {@link Endpoints#check}. {@code toString()} masks every secret.
 */
public final class ConnectorConfig {

    private final String instanceId;
    private final Map<String, Object> values;

    private ConnectorConfig(String instanceId, Map<String, Object> values) {
        this.instanceId = instanceId;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks raw configuration (as strings, e.g. from a {@code .cfg} file after interpolation) against a schema and
     * returns the typed configuration. Keys the schema does not declare are ignored (the hub's own instance settings
     * live in the same file). Every problem is reported at once, naming the setting but never a secret's value.
     *
     * @param allowHttp whether {@link Setting.Type#URL} settings may use plain http (an explicit instance setting)
     * @throws ConnectorException of kind CONFIG listing every problem
     */
    public static ConnectorConfig of(String instanceId, List<Setting> schema, Map<String, ?> raw, boolean allowHttp)
            throws ConnectorException {
        if (instanceId == null || !instanceId.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw ConnectorException.config("instance id must match [a-z0-9][a-z0-9._-]{0,62}, was: " + instanceId);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting setting : schema) {
            Object given = raw.get(setting.id());
            String text = given == null ? null : String.valueOf(given).strip();
            if (text == null || text.isEmpty()) {
                text = setting.defaultValue();
            }
            if (text == null) {
                if (setting.required()) {
                    problems.add(setting.id() + " is required");
                }
                continue;
            }
            if (!setting.options().isEmpty() && !setting.options().contains(text)) {
                problems.add(setting.id() + " must be one of " + setting.options());
                continue;
            }
            try {
                values.put(setting.id(), parse(setting, text, allowHttp));
            } catch (IllegalArgumentException e) {
                problems.add(setting.id() + " " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw ConnectorException.config("connector instance " + instanceId + ": " + String.join("; ", problems));
        }
        return new ConnectorConfig(instanceId, values);
    }

    private static Object parse(Setting setting, String text, boolean allowHttp) {
        switch (setting.type()) {
            case STRING:
                return text;
            case SECRET:
                return Secret.of(text);
            case INTEGER:
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number");
                }
            case BOOLEAN:
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("must be true or false");
                }
                return Boolean.valueOf(text);
            case URL:
                try {
                    return Endpoints.check(new URI(text), allowHttp);
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("is not a valid URL");
                }
            default:
                throw new IllegalStateException(setting.type().name());
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** A STRING setting; empty if neither configured nor defaulted. */
    public Optional<String> text(String id) {
        return Optional.ofNullable((String) get(id, String.class));
    }

    public Optional<Long> number(String id) {
        return Optional.ofNullable((Long) get(id, Long.class));
    }

    public boolean flag(String id) {
        return Boolean.TRUE.equals(get(id, Boolean.class));
    }

    public Optional<URI> url(String id) {
        return Optional.ofNullable((URI) get(id, URI.class));
    }

    public Optional<Secret> secret(String id) {
        return Optional.ofNullable((Secret) get(id, Secret.class));
    }

    private Object get(String id, Class<?> type) {
        Object value = values.get(id);
        if (value != null && !type.isInstance(value)) {
            throw new IllegalArgumentException("setting " + id + " is not of type " + type.getSimpleName());
        }
        return value;
    }

    /** Every setting with a value, secrets masked: what the API, the shell and logs may show. */
    public Map<String, String> masked() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, String.valueOf(v)));
        return shown;
    }

    @Override
    public String toString() {
        return "ConnectorConfig[" + instanceId + ", " + masked() + "]";
    }
}
