package io.mentorhub.engine.flow;

import io.mentorhub.engine.cluster.ClusterMember;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import io.mentorhub.engine.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel context that runs every flow of the hub. It starts after the database and the cluster member it uses,
 * and stops before them. Camel's jars are embedded in the engine bundle, so the bundle's class loader is Camel's
 * application class loader.
 */
@Component(service = {FlowRuntime.class, HealthIndicator.class}, immediate = true)
public class FlowRuntime implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRuntime.class);
    static final long HEARTBEAT_MILLIS = 10_000;

    private final CamelContext camel;
    private final HeartbeatRoute heartbeat;

    @Activate
    public FlowRuntime(@Reference Database database, @Reference ClusterMember cluster) throws Exception {
        ClassLoader bundleLoader = FlowRuntime.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleLoader);
        try {
            DefaultCamelContext context = new DefaultCamelContext();
            context.getCamelContextExtension().setName("mentorhub");
            context.setApplicationContextClassLoader(bundleLoader);
            context.disableJMX();
            heartbeat = new HeartbeatRoute(database.dataSource(), cluster::nodeId, cluster::address, HEARTBEAT_MILLIS);
            context.addRoutes(heartbeat);
            context.start();
            camel = context;
        } finally {
            thread.setContextClassLoader(previous);
        }
        LOG.info("Camel context '{}' started with {} routes", camel.getName(), camel.getRoutes().size());
    }

    @Deactivate
    void stop() {
        try {
            camel.close();
            LOG.info("Camel context stopped");
        } catch (Exception e) {
            LOG.warn("Camel context did not stop cleanly", e);
        }
    }

    public CamelContext camel() {
        return camel;
    }

    @Override
    public String healthName() {
        return "camel";
    }

    @Override
    public ComponentHealth health() {
        if (camel.getStatus() != ServiceStatus.Started) {
            return ComponentHealth.down("context is " + camel.getStatus());
        }
        Map<String, Object> routes = new LinkedHashMap<>();
        boolean allStarted = true;
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            routes.put(route.getRouteId(), String.valueOf(status));
            allStarted &= status == ServiceStatus.Started;
        }
        Instant lastBeat = heartbeat.lastBeat();
        // No heartbeat for three periods means the database writes are failing or the timer is stuck.
        Instant since = lastBeat != null ? lastBeat : heartbeat.startedAt();
        if (Duration.between(since, Instant.now()).toMillis() > 3 * HEARTBEAT_MILLIS) {
            return new ComponentHealth(false, Map.of("reason", "no heartbeat since " + since, "routes", routes));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("context", camel.getName());
        details.put("routes", routes);
        if (lastBeat != null) {
            details.put("lastHeartbeat", lastBeat.toString());
        }
        return allStarted ? ComponentHealth.up(details) : new ComponentHealth(false, details);
    }
}
