package io.mentorhub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    @TempDir
    Path home;

    @Test
    void resolvesPlaceholdersFromSystemPropertiesAndEarlierKeys() {
        Properties file = new Properties();
        file.setProperty("mentorhub.data", "${mentorhub.home}/data");
        assertEquals("/opt/hub/data/cache",
                Launcher.substitute("${mentorhub.data}/cache", Map.of("mentorhub.home", "/opt/hub"), file));
    }

    @Test
    void unknownPlaceholderIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Launcher.substitute("${nope}/x", Map.of(), new Properties()));
        assertTrue(e.getMessage().contains("${nope}"));
    }

    @Test
    void shippedConfigurationResolvesCompletely() throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.copy(Path.of("src/main/dist/etc/config.properties"), home.resolve("etc/config.properties"));
        System.setProperty("mentorhub.secrets", home.resolve("etc/secrets").toString());
        try {
            Map<String, String> properties = Launcher.frameworkProperties(home);
            assertEquals(home.resolve("data").toString() + "/cache", properties.get("org.osgi.framework.storage"));
            assertEquals(home.resolve("deploy").toString(), properties.get("mentorhub.deploy"));
            assertEquals(".*\\.cfg", properties.get("felix.fileinstall.filter"));
            properties.values().forEach(v -> assertTrue(!v.contains("${"), v));
        } finally {
            System.clearProperty("mentorhub.secrets");
        }
    }
}
