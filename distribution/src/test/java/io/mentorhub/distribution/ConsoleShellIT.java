package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foreground console of a hub started with {@code bin/mentorhub demo}: the demo's summary appears, then an
 * administrator types hub:status, hub:plugins, hub:match and hub:apikey, and shuts the hub down.
 */
class ConsoleShellIT {

    @TempDir
    Path scratch;

    @Test
    void hubCommandsAnswerAtTheForegroundConsole() throws Exception {
        try (RunningHub hub = RunningHub.start(scratch, Map.of(), true, home -> { }, "demo")) {
            hub.await("/health", Duration.ofSeconds(60), r -> r.status() == 200);
            awaitConsole(hub, "The hub stays up");
            String console = hub.console();
            assertTrue(console.contains("mentorhub demo — Northwind Robotics (500 fictional people)"), console);
            assertTrue(console.contains("SUCCEEDED"), console);
            assertTrue(console.contains("certified optimal over every feasible pair"), console);
            assertTrue(console.contains("example — "), console);
            java.util.regex.Matcher program = java.util.regex.Pattern.compile("\\(([0-9a-f-]{36})\\)\\R")
                    .matcher(console);
            assertTrue(program.find(), console);
            assertEquals("Northwind mentoring 2027", hub.get("/api/programs/" + program.group(1)).body()
                    .path("name").asText());
            assertTrue(hub.get("/api/programs/" + program.group(1) + "/pairings?state=PROPOSED").body()
                    .path("items").size() > 0);

            OutputStream keyboard = hub.process.getOutputStream();

            type(keyboard, "hub:status");
            awaitConsole(hub, "hazelcast  UP");
            assertTrue(hub.console().contains("mentorhub UP"), hub.console());

            type(keyboard, "hub:plugins");
            awaitConsole(hub, "not-in-manager-chain");
            assertTrue(hub.console().contains("MATCHING_STRATEGY"), hub.console());

            // A second run of the demo program: everyone is already proposed, so it proposes nothing more.
            type(keyboard, "hub:match " + program.group(1) + " 7");
            awaitConsole(hub, "(strategy optimal, seed 7)");
            awaitConsole(hub, "pairs: 0");

            // An administrator creates a key for an integration at the console; it works at once over HTTP.
            type(keyboard, "hub:apikey create hris-sync integration");
            awaitConsole(hub, "shown only now:");
            java.util.regex.Matcher secret = java.util.regex.Pattern.compile("(mh_[A-Za-z0-9_-]{43})")
                    .matcher(hub.console().substring(hub.console().indexOf("shown only now:")));
            assertTrue(secret.find(), hub.console());
            assertEquals(200, hub.get("/api/people", secret.group(1)).status());
            assertEquals(403, hub.get("/api/keys", secret.group(1)).status(), "an integration key manages no keys");
            type(keyboard, "hub:apikey");
            awaitConsole(hub, "hris-sync");

            type(keyboard, "shutdown");
            assertTrue(hub.process.waitFor(60, TimeUnit.SECONDS), "hub did not stop after 'shutdown'");
            assertEquals(0, hub.process.exitValue(), hub.console());
            assertTrue(hub.console().contains("mentorhub stopped"), hub.console());
        }
    }

    private static void type(OutputStream keyboard, String line) throws IOException {
        keyboard.write((line + "\r").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    private static void awaitConsole(RunningHub hub, String text) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (hub.console().contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("console never showed '" + text + "':\n" + hub.console());
    }
}
