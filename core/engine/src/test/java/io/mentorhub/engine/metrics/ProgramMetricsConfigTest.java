package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component's configuration: its declared defaults, and every setting mapped, as SCR would hand them over. */
class ProgramMetricsConfigTest {

    /** A configuration as SCR builds it: the given values, the annotation's defaults for the rest. */
    static ProgramMetrics.Config config(Map<String, Object> values) {
        return (ProgramMetrics.Config) Proxy.newProxyInstance(ProgramMetrics.Config.class.getClassLoader(),
                new Class<?>[] {ProgramMetrics.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ProgramMetrics.Config.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    @Test
    void theDefaultsAreNoLadderAndFivePeople() {
        ProgramMetrics.Settings settings = ProgramMetrics.settings(config(Map.of()));
        assertEquals(List.of(), settings.gradeLadder().grades());
        assertEquals(5, settings.minimumGroupSize());
        assertEquals(ProgramMetrics.Settings.DEFAULT.minimumGroupSize(), settings.minimumGroupSize());
        assertEquals(ProgramMetrics.Settings.DEFAULT.gradeLadder().grades(), settings.gradeLadder().grades());
    }

    @Test
    void everySettingIsMapped() {
        ProgramMetrics metrics = new ProgramMetrics(config(Map.of("gradeLadder", " G1, G2 ,M1",
                "minimumGroupSize", 8)));
        assertEquals(List.of("G1", "G2", "M1"), metrics.settings().gradeLadder().grades());
        assertEquals(8, metrics.settings().minimumGroupSize());
    }

    @Test
    void theThresholdIsNeverLowered() {
        assertEquals(5, ProgramMetrics.settings(config(Map.of("minimumGroupSize", 2))).minimumGroupSize());
        assertThrows(IllegalArgumentException.class, () -> new ProgramMetrics.Settings(GradeLadder.parse(""), 4));
    }

    @Test
    void aLadderNamingAGradeTwiceStopsTheComponent() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ProgramMetrics(config(Map.of("gradeLadder", "G1,G2,G1"))));
        assertEquals("the grade ladder lists G1 twice", refused.getMessage());
    }
}
