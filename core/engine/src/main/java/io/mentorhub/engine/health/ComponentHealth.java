package io.mentorhub.engine.health;

import java.util.LinkedHashMap;
import java.util.Map;

/** One component's state with details an operator can act on (never secrets). */
public record ComponentHealth(boolean up, Map<String, Object> details) {

    public ComponentHealth {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ComponentHealth up(Map<String, Object> details) {
        return new ComponentHealth(true, details);
    }

    public static ComponentHealth down(String reason) {
        return new ComponentHealth(false, Map.of("reason", reason));
    }

    public String status() {
        return up ? "UP" : "DOWN";
    }
}
