package io.mentorhub.engine.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hub's overall health: UP only when every expected component reports UP. A component that never started has
 * no indicator registered, so it is reported DOWN by name rather than silently missing.
 */
public record HealthReport(boolean up, Map<String, ComponentHealth> components) {

    /** The components every hub runs, in start order. */
    public static final List<String> EXPECTED = List.of("database", "hazelcast", "camel", "plugins", "api");

    public static HealthReport of(Collection<HealthIndicator> indicators) {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        for (String name : EXPECTED) {
            components.put(name, ComponentHealth.down("not started (see logs/mentorhub.log)"));
        }
        for (HealthIndicator indicator : indicators) {
            ComponentHealth health;
            try {
                health = indicator.health();
            } catch (RuntimeException e) {
                health = ComponentHealth.down("health check failed: " + e);
            }
            components.put(indicator.healthName(), health);
        }
        boolean up = components.values().stream().allMatch(ComponentHealth::up);
        return new HealthReport(up, components);
    }

    public String status() {
        return up ? "UP" : "DOWN";
    }

    /** JSON shape of {@code GET /health}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status());
        Map<String, Object> parts = new LinkedHashMap<>();
        components.forEach((name, health) -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("status", health.status());
            part.putAll(health.details());
            parts.put(name, part);
        });
        json.put("components", parts);
        return json;
    }
}
