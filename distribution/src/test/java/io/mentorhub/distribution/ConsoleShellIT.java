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

/** The foreground console: an administrator types hub:status and hub:plugins, then shuts the hub down. */
class ConsoleShellIT {

    @TempDir
    Path scratch;

    @Test
    void hubCommandsAnswerAtTheForegroundConsole() throws Exception {
        try (RunningHub hub = RunningHub.start(scratch, Map.of(), true)) {
            hub.await("/health", Duration.ofSeconds(60), r -> r.status() == 200);
            OutputStream keyboard = hub.process.getOutputStream();

            type(keyboard, "hub:status");
            awaitConsole(hub, "hazelcast  UP");
            assertTrue(hub.console().contains("mentorhub UP"), hub.console());

            type(keyboard, "hub:plugins");
            awaitConsole(hub, "No plugins installed");

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
