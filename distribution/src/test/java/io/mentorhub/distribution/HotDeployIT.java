package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole life of a hub as an IT team sees it: start the built distribution, wait for UP, hot-deploy a plugin,
 * reconfigure it live, remove it, drop broken plugins, and stop with SIGTERM.
 */
class HotDeployIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path scratch;

    @Test
    void hubRunsPluginsComeAndGoBrokenOnesAreExplainedAndItStopsCleanly() throws Exception {
        try (RunningHub hub = RunningHub.start(scratch, Map.of())) {
            JsonNode health = hub.await("/health", WAIT, r -> r.status() == 200);
            assertEquals("UP", health.get("status").asText());
            for (String component : new String[] {"database", "hazelcast", "camel", "plugins"}) {
                assertEquals("UP", health.path("components").path(component).path("status").asText(), component);
            }
            assertTrue(Files.isRegularFile(hub.home.resolve("data/mentorhub.mv.db")), "H2 database file under data/");
            // /health can be UP a moment before the API has bound the database: wait for the API too.
            assertNull(RunningHub.plugin(hub.await("/api/plugins", WAIT, r -> r.status() == 200), "greedy"));
            // The built-in connectors resolve (HttpClient and Commons CSV inside them) and register.
            String[] connectors = {"bamboohr", "workday", "csv", "moodle", "xapi", "lattice", "review-feed"};
            JsonNode builtIn = hub.await("/api/plugins", WAIT,
                    r -> java.util.Arrays.stream(connectors).allMatch(c -> active(r.body(), c)));
            for (String connector : connectors) {
                assertEquals("CONNECTOR", RunningHub.plugin(builtIn, connector).get("kind").asText(), connector);
            }

            // Drop a plugin in: it becomes active.
            hub.deploy(RunningHub.TEST_PLUGINS.resolve("mentorhub-strategy-greedy.jar"), "greedy.jar");
            JsonNode plugins = hub.await("/api/plugins", WAIT, r -> active(r.body(), "greedy"));
            JsonNode greedy = RunningHub.plugin(plugins, "greedy");
            assertEquals("MATCHING_STRATEGY", greedy.get("kind").asText());
            assertEquals("mentorhub-strategy-greedy", greedy.get("bundle").asText());
            assertEquals("0.1.0.SNAPSHOT", greedy.get("version").asText());
            assertEquals("deploy/greedy.jar", greedy.get("source").asText());
            assertEquals("0", greedy.path("configuration").path("minimumScore").asText());

            // Its deploy/<pid>.cfg reconfigures it live, and again when edited.
            Path cfg = hub.home.resolve("deploy/io.mentorhub.strategy.greedy.cfg");
            Files.writeString(cfg, "minimumScore = 40\n");
            hub.await("/api/plugins", WAIT, r -> "40".equals(minimumScore(r.body())));
            Files.writeString(cfg, "minimumScore = 55\n");
            hub.await("/api/plugins", WAIT, r -> "55".equals(minimumScore(r.body())));

            // Deleting the jar removes the plugin.
            Files.delete(hub.home.resolve("deploy/greedy.jar"));
            hub.await("/api/plugins", WAIT, r -> RunningHub.plugin(r.body(), "greedy") == null);

            // Broken plugins are listed with a reason an administrator can act on; the hub stays UP.
            hub.deploy(RunningHub.TEST_PLUGINS.resolve("mentorhub-fixture-activate-fails.jar"), "acme-licensed.jar");
            hub.deploy(RunningHub.TEST_PLUGINS.resolve("mentorhub-fixture-missing-import.jar"), "acme-sdk.jar");
            hub.deploy(jarWithoutBundleHeaders(), "not-a-bundle.jar");
            plugins = hub.await("/api/plugins", WAIT, r -> state(r.body(), LICENSED).equals("FAILED")
                    && state(r.body(), "mentorhub-fixture-missing-import").equals("UNRESOLVED")
                    && state(r.body(), "not-a-bundle.jar").equals("INVALID"));
            int notActive = 0;
            for (JsonNode plugin : plugins.get("items")) {
                notActive += plugin.get("state").asText().equals("ACTIVE") ? 0 : 1;
            }
            // The shipped SurveyMonkey tool waits for its configuration (token) and says so.
            JsonNode surveyMonkey = RunningHub.plugin(plugins,
                    "io.mentorhub.plugins.surveys.surveymonkey.SurveyMonkeySurveyTool");
            assertEquals("WAITING", surveyMonkey.get("state").asText(), surveyMonkey.toString());
            assertTrue(surveyMonkey.get("error").asText().contains("needs configuration io.mentorhub.survey.surveymonkey"),
                    surveyMonkey.toString());
            assertEquals(4, notActive, plugins.toString());
            JsonNode licensed = RunningHub.plugin(plugins, LICENSED);
            assertEquals("FAILED", licensed.get("state").asText());
            assertTrue(licensed.get("error").asText().contains("licence file acme-licence.key not found"), licensed.toString());
            JsonNode sdk = RunningHub.plugin(plugins, "mentorhub-fixture-missing-import");
            assertEquals("UNRESOLVED", sdk.get("state").asText());
            assertTrue(sdk.get("error").asText().contains("com.acme.talent.sdk"), sdk.toString());
            JsonNode notBundle = RunningHub.plugin(plugins, "not-a-bundle.jar");
            assertEquals("INVALID", notBundle.get("state").asText());
            assertTrue(notBundle.get("error").asText().contains("Bundle-SymbolicName"), notBundle.toString());

            health = hub.await("/health", WAIT, r -> r.status() == 200);
            assertEquals("UP", health.get("status").asText());
            assertEquals(4, health.path("components").path("plugins").path("failed").asInt(),
                    "the three broken jars and the unconfigured SurveyMonkey tool");

            // SIGTERM: every component stops in reverse order and the process exits 0, leaving nothing behind.
            long pid = hub.process.pid();
            int exit = hub.stop();
            assertEquals(0, exit, hub.console());
            assertFalse(ProcessHandle.of(pid).isPresent(), "hub process still present");
            assertTrue(hub.process.descendants().findAny().isEmpty(), "hub left child processes");
            String log = hub.log();
            int camel = log.indexOf("Camel context stopped");
            int cluster = log.indexOf("Cluster member stopped");
            int database = log.indexOf("closed", log.indexOf("Database jdbc:h2"));
            // Flows stop first; the database and the cluster member they use stop after them.
            assertTrue(camel > 0 && cluster > camel && database > camel, "flows must stop first:\n" + log);
            assertTrue(hub.console().contains("mentorhub stopped"), hub.console());
            try (Socket socket = new Socket("127.0.0.1", hub.port)) {
                throw new AssertionError("HTTP port still open after stop");
            } catch (ConnectException expected) {
                // port released
            }
        }
    }

    private static final String LICENSED = "io.mentorhub.fixtures.activatefails.LicensedStrategy";

    /** The state of the plugin with this id, or "" while it is not listed. */
    private static String state(JsonNode plugins, String id) {
        JsonNode plugin = RunningHub.plugin(plugins, id);
        return plugin == null ? "" : plugin.path("state").asText();
    }

    private static boolean active(JsonNode plugins, String id) {
        JsonNode plugin = RunningHub.plugin(plugins, id);
        return plugin != null && "ACTIVE".equals(plugin.get("state").asText());
    }

    private static String minimumScore(JsonNode plugins) {
        JsonNode greedy = RunningHub.plugin(plugins, "greedy");
        return greedy == null ? null : greedy.path("configuration").path("minimumScore").asText();
    }

    /** A well-formed jar whose manifest has no OSGi headers: what a vendor ships by mistake. */
    private Path jarWithoutBundleHeaders() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Implementation-Title", "acme-plain-library");
        Path jar = scratch.resolve("plain.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("README.txt"));
            zip.write("not a bundle".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return jar;
    }
}
