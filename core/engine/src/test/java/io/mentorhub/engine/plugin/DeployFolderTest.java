package io.mentorhub.engine.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployFolderTest {

    @TempDir
    Path deploy;

    private Path jar(String name, String symbolicName) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        Path jar = deploy.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            zip.closeEntry();
        }
        return jar;
    }

    @Test
    void aJarWithoutBundleHeadersIsInvalidAtOnce() throws Exception {
        PluginInfo info = DeployFolder.diagnose(jar("plain.jar", null), Instant.now());
        assertEquals(PluginInfo.State.INVALID, info.state());
        assertTrue(info.error().contains("no Bundle-SymbolicName"));
        assertEquals("plain.jar", info.id());
    }

    @Test
    void aBundleNotYetInstalledIsPendingThenReportedAsRefused() throws Exception {
        Path bundle = jar("vendor.jar", "com.acme.vendor");
        assertEquals(PluginInfo.State.PENDING, DeployFolder.diagnose(bundle, Instant.now()).state());
        Files.setLastModifiedTime(bundle, FileTime.from(Instant.now().minusSeconds(60)));
        PluginInfo info = DeployFolder.diagnose(bundle, Instant.now());
        assertEquals(PluginInfo.State.INVALID, info.state());
        assertTrue(info.error().contains("refused to install"));
    }

    @Test
    void garbageIsPendingWhileItMayBeCopyingThenInvalid() throws Exception {
        Path garbage = deploy.resolve("garbage.jar");
        Files.write(garbage, new byte[] {1, 2, 3, 4});
        assertEquals(PluginInfo.State.PENDING, DeployFolder.diagnose(garbage, Instant.now()).state());
        PluginInfo later = DeployFolder.diagnose(garbage, Instant.now().plusSeconds(60));
        assertEquals(PluginInfo.State.INVALID, later.state());
        assertTrue(later.error().startsWith("not a readable jar"));
    }

    @Test
    void matchesFileInstallLocations() throws Exception {
        DeployFolder folder = new DeployFolder(deploy);
        Path jar = jar("my plugin.jar", "x");
        String location = jar.toUri().toString();
        assertTrue(folder.holds(location));
        assertTrue(folder.contains(location, jar));
        assertFalse(folder.holds("reference:file:/opt/mentorhub/bundle/3/h2.jar"));
        assertFalse(folder.holds("file:" + deploy.getParent().resolve("other.jar")));
        assertEquals(java.util.List.of(jar), folder.jars());
    }
}
