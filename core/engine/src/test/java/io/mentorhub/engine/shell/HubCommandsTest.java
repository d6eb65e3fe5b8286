package io.mentorhub.engine.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.plugin.PluginInfo.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubCommandsTest {

    @Test
    void emptyListSaysHowToInstall() {
        assertTrue(HubCommands.table(List.of()).contains("Drop a plugin jar into deploy/"));
    }

    @Test
    void showsBundleForActivePluginsAndReasonForBrokenOnes() {
        String table = HubCommands.table(List.of(
                new PluginInfo("greedy", "MATCHING_STRATEGY", "Greedy", "0.1.0", "mentorhub-strategy-greedy",
                        "deploy/greedy.jar", State.ACTIVE, null, Map.of("minimumScore", 0)),
                new PluginInfo("com.acme.VeryLongComponentName", "MATCHING_STRATEGY", "x", "2.0.0", "acme",
                        "deploy/acme.jar", State.FAILED, "activation failed: licence missing", null)));
        String[] lines = table.split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("ID "));
        assertTrue(lines[1].contains("ACTIVE") && lines[1].endsWith("mentorhub-strategy-greedy"), lines[1]);
        assertTrue(lines[2].contains("FAILED") && lines[2].endsWith("activation failed: licence missing"), lines[2]);
        // columns line up however long an id is
        assertEquals(lines[1].indexOf("MATCHING_STRATEGY"), lines[2].indexOf("MATCHING_STRATEGY"));
    }
}
