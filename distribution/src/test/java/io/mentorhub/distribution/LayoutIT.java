package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The archive holds the layout an IT team expects, with the launcher executable. */
class LayoutIT {

    @Test
    void archiveHasTheDocumentedLayout() throws Exception {
        Process tar = new ProcessBuilder("tar", "-tvzf", RunningHub.TARBALL.toString()).redirectErrorStream(true).start();
        List<String> entries = new String(tar.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, tar.waitFor());
        String version = System.getProperty("mentorhub.version", "0.1.0-SNAPSHOT");
        String root = "mentorhub-" + version + "/";
        for (String path : List.of("bin/mentorhub", "etc/config.properties", "etc/logback.xml",
                "etc/io.mentorhub.database.cfg", "etc/io.mentorhub.cluster.cfg", "etc/org.apache.felix.http.cfg",
                "etc/org.apache.felix.fileinstall-deploy.cfg", "etc/io.mentorhub.notifications.cfg",
                "etc/io.mentorhub.surveys.cfg", "etc/io.mentorhub.links.cfg", "etc/io.mentorhub.outbox.cfg",
                "etc/notifications/README.txt", "etc/io.mentorhub.scim.cfg", "lib/mentorhub-launcher.jar",
                "bundle/4/mentorhub-engine-" + version + ".jar", "data/", "logs/", "deploy/")) {
            assertTrue(entries.stream().anyMatch(e -> e.endsWith(" " + root + path) || e.contains(" " + root + path)),
                    "missing " + path + " in " + entries);
        }
        String launcher = entries.stream().filter(e -> e.endsWith(root + "bin/mentorhub")).findFirst().orElseThrow();
        assertTrue(launcher.startsWith("-rwxr-xr-x"), "bin/mentorhub must be executable: " + launcher);
    }

    @Test
    void everyRuntimeBundleSitsAtAStartLevel() throws Exception {
        Path bundles = Path.of("target/mentorhub-" + System.getProperty("mentorhub.version", "0.1.0-SNAPSHOT"), "bundle");
        try (Stream<Path> levels = Files.list(bundles)) {
            assertEquals(List.of("1", "2", "3", "4", "5"), levels.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> plugins = Files.list(bundles.resolve("5"))) {
            List<String> names = plugins.map(p -> p.getFileName().toString().replaceAll("-\\d.*", "")).sorted().toList();
            assertEquals(List.of("mentorhub-builtin-matching", "mentorhub-builtin-surveys", "mentorhub-connector-bamboohr",
                    "mentorhub-connector-csv", "mentorhub-connector-lattice", "mentorhub-connector-moodle",
                    "mentorhub-connector-review-feed", "mentorhub-connector-scim", "mentorhub-connector-workday",
                    "mentorhub-connector-xapi", "mentorhub-strategy-group", "mentorhub-strategy-mentee-choice",
                    "mentorhub-strategy-optimal", "mentorhub-strategy-peer", "mentorhub-strategy-stable",
                    "mentorhub-surveymonkey-surveys"), names,
                    "the built-in matching plugins, the survey tools, the connectors and the SCIM provider sit at level 5");
        }
    }
}
