package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.Connector;
import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ManagedServiceFactory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured connector instances: factory configurations of {@value #FACTORY_PID}, one per instance, from
 * {@code etc/} or {@code deploy/} ({@code io.mentorhub.connector-<instance>.cfg}, which FileInstall turns into the
 * configuration {@code io.mentorhub.connector~<instance>}) or from the REST API (through Configuration Admin, stored in
 * {@code data/config}). Values arrive interpolated ({@code $[env:…]}, {@code $[secret:…]}). Connector services come
 * and go; each change re-evaluates every instance and tells the listeners (the sync engine).
 */
@Component(service = {ConnectorInstances.class, ManagedServiceFactory.class}, immediate = true,
        property = Constants.SERVICE_PID + "=" + ConnectorInstances.FACTORY_PID)
public class ConnectorInstances implements ManagedServiceFactory {

    public static final String FACTORY_PID = "io.mentorhub.connector";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorInstances.class);

    /** Where configurations made through the API are written: Configuration Admin in the hub. */
    public interface ConfigurationStore {
        void write(String instanceId, Map<String, String> properties) throws IOException;

        void remove(String instanceId) throws IOException;
    }

    private final Map<String, Map<String, String>> configurations = new ConcurrentHashMap<>();
    private final Map<String, Connector> connectors = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, ConnectorInstance> instances = Map.of();
    private volatile ConfigurationStore store;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindConnector(Connector connector) {
        connectors.put(connector.id(), connector);
        LOG.info("Connector '{}' installed", connector.id());
        reevaluate();
    }

    public void unbindConnector(Connector connector) {
        if (connectors.remove(connector.id(), connector)) {
            LOG.info("Connector '{}' removed", connector.id());
            reevaluate();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindConfigurationAdmin(ConfigurationAdmin admin) {
        store = new ConfigurationStore() {
            @Override
            public void write(String instanceId, Map<String, String> properties) throws IOException {
                Configuration configuration = admin.getFactoryConfiguration(FACTORY_PID, instanceId, "?");
                configuration.update(new Hashtable<>(properties));
            }

            @Override
            public void remove(String instanceId) throws IOException {
                admin.getFactoryConfiguration(FACTORY_PID, instanceId, "?").delete();
            }
        };
    }

    void unbindConfigurationAdmin(ConfigurationAdmin admin) {
        store = null;
    }

    /** Where API writes go; tests deliver them straight back to {@link #updated}. */
    public void useStore(ConfigurationStore store) {
        this.store = store;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public String getName() {
        return "mentorhub connector instances";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        Map<String, String> raw = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            raw.put(key, text(properties.get(key)));
        }
        configurations.put(pid, Collections.unmodifiableMap(raw));
        reevaluate();
    }

    @Override
    public void deleted(String pid) {
        if (configurations.remove(pid) != null) {
            reevaluate();
        }
    }

    /** The instance's name: what follows {@code ~} in the configuration's PID. */
    static String instanceId(String pid) {
        String prefix = FACTORY_PID + "~";
        if (!pid.startsWith(prefix)) {
            return null;
        }
        String id = pid.substring(prefix.length());
        return id.matches("[a-z0-9][a-z0-9._-]{0,62}") ? id : null;
    }

    private synchronized void reevaluate() {
        Map<String, ConnectorInstance> evaluated = new TreeMap<>();
        configurations.forEach((pid, raw) -> {
            ConnectorInstance instance = ConnectorInstance.evaluate(instanceId(pid), pid, raw, connectors::get);
            ConnectorInstance before = instances.get(instance.id());
            if (before == null || before.state() != instance.state()
                    || !java.util.Objects.equals(before.reason(), instance.reason())) {
                if (instance.state() == ConnectorInstance.State.INVALID) {
                    LOG.warn("Connector instance {} is invalid: {}", instance.id(), instance.redaction().scrub(
                            instance.reason()));
                } else {
                    LOG.info("Connector instance {} ({}) is {}{}", instance.id(), instance.type(), instance.state(),
                            instance.reason() == null ? "" : ": " + instance.reason());
                }
            }
            evaluated.put(instance.id(), instance);
        });
        instances.keySet().stream().filter(id -> !evaluated.containsKey(id))
                .forEach(id -> LOG.info("Connector instance {} removed", id));
        instances = Collections.unmodifiableMap(evaluated);
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A connector instance listener failed", e);
            }
        }
    }

    public Collection<ConnectorInstance> all() {
        return instances.values();
    }

    public Optional<ConnectorInstance> get(String id) {
        return Optional.ofNullable(instances.get(id));
    }

    /** The installed connectors, by id. */
    public Map<String, Connector> connectors() {
        return new TreeMap<>(connectors);
    }

    /** Evaluates a configuration the API was given, exactly as the stored one will be, without storing it. */
    public ConnectorInstance preview(String id, Map<String, String> properties) {
        return ConnectorInstance.evaluate(id, FACTORY_PID + "~" + id, properties, connectors::get);
    }

    /** Creates or replaces an instance's configuration through Configuration Admin. */
    public void write(String id, Map<String, String> properties) throws IOException {
        requireStore().write(id, new LinkedHashMap<>(properties));
    }

    public void remove(String id) throws IOException {
        requireStore().remove(id);
    }

    private ConfigurationStore requireStore() throws IOException {
        ConfigurationStore current = store;
        if (current == null) {
            throw new IOException("Configuration Admin is not available");
        }
        return current;
    }

    /** Configuration values as text: lists and arrays (typed .config files) comma-separated. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                parts.add(String.valueOf(Array.get(value, i)));
            }
            return String.join(",", parts);
        }
        if (value instanceof Collection<?> collection) {
            List<String> parts = new ArrayList<>();
            collection.forEach(v -> parts.add(String.valueOf(v)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }
}
