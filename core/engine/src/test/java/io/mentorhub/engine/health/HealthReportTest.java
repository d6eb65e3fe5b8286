package io.mentorhub.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    static HealthIndicator indicator(String name, ComponentHealth health) {
        return new HealthIndicator() {
            @Override
            public String healthName() {
                return name;
            }

            @Override
            public ComponentHealth health() {
                return health;
            }
        };
    }

    static List<HealthIndicator> allUp() {
        return HealthReport.EXPECTED.stream().map(n -> indicator(n, ComponentHealth.up(Map.of()))).toList();
    }

    @Test
    void upWhenEveryComponentIsUp() {
        HealthReport report = HealthReport.of(allUp());
        assertTrue(report.up());
        assertEquals("UP", report.toJson().get("status"));
        assertEquals(List.of("database", "hazelcast", "camel", "plugins", "api"),
                List.copyOf(((Map<?, ?>) report.toJson().get("components")).keySet()));
    }

    @Test
    void aComponentThatNeverStartedIsReportedDownByName() {
        List<HealthIndicator> withoutDatabase = allUp().stream().filter(i -> !i.healthName().equals("database")).toList();
        HealthReport report = HealthReport.of(withoutDatabase);
        assertFalse(report.up());
        Map<?, ?> database = (Map<?, ?>) ((Map<?, ?>) report.toJson().get("components")).get("database");
        assertEquals("DOWN", database.get("status"));
        assertTrue(String.valueOf(database.get("reason")).contains("not started"));
    }

    @Test
    void oneDownComponentMakesTheHubDown() {
        List<HealthIndicator> indicators = new java.util.ArrayList<>(allUp());
        indicators.add(indicator("camel", ComponentHealth.down("context is Stopped")));
        HealthReport report = HealthReport.of(indicators);
        assertFalse(report.up());
        assertEquals("DOWN", report.toJson().get("status"));
    }

    @Test
    void aThrowingCheckIsDownNotAnError() {
        List<HealthIndicator> indicators = new java.util.ArrayList<>(allUp());
        indicators.add(new HealthIndicator() {
            @Override
            public String healthName() {
                return "database";
            }

            @Override
            public ComponentHealth health() {
                throw new IllegalStateException("pool closed");
            }
        });
        HealthReport report = HealthReport.of(indicators);
        assertFalse(report.components().get("database").up());
        assertTrue(report.components().get("database").details().get("reason").toString().contains("pool closed"));
    }
}
