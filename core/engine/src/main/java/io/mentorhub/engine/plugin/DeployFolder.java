package io.mentorhub.engine.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What is in the hot-deploy folder and why a jar there might not have become a bundle. FileInstall only logs such
 * failures; the hub lists them so an administrator sees them next to the working plugins.
 */
final class DeployFolder {

    /** FileInstall polls about every second; a file younger than this may simply not have been seen yet. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final Path directory;

    DeployFolder(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    Path directory() {
        return directory;
    }

    List<Path> jars() {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return jars;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.jar")) {
            files.forEach(jars::add);
        } catch (IOException e) {
            return jars;
        }
        jars.sort(null);
        return jars;
    }

    /** True when a bundle location (as FileInstall writes it) names a file in this folder. */
    boolean contains(String location, Path file) {
        Path located = toPath(location);
        return located != null && located.equals(file.toAbsolutePath().normalize());
    }

    boolean holds(String location) {
        Path located = toPath(location);
        return located != null && directory.equals(located.getParent());
    }

    static Path toPath(String location) {
        try {
            if (location.startsWith("file:")) {
                return Path.of(java.net.URI.create(location.replace(" ", "%20"))).toAbsolutePath().normalize();
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** Why a jar that has no installed bundle is not one; PENDING when it is too new to judge. */
    static PluginInfo diagnose(Path jar, Instant now) {
        String name = jar.getFileName().toString();
        String error;
        PluginInfo.State state = PluginInfo.State.INVALID;
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                error = "not an OSGi bundle: the jar has no META-INF/MANIFEST.MF";
            } else if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                error = "not an OSGi bundle: META-INF/MANIFEST.MF has no Bundle-SymbolicName header";
            } else if (isYoung(jar, now)) {
                state = PluginInfo.State.PENDING;
                error = null;
            } else {
                error = "the framework refused to install it (invalid manifest headers?): see logs/mentorhub.log";
            }
        } catch (IOException e) {
            error = isYoung(jar, now) ? null : "not a readable jar: " + e.getMessage();
            if (error == null) {
                state = PluginInfo.State.PENDING; // may still be being copied
            }
        }
        return new PluginInfo(name, "UNKNOWN", name, null, null, name, state, error, null);
    }

    private static boolean isYoung(Path jar, Instant now) {
        try {
            return Files.getLastModifiedTime(jar).toInstant().isAfter(now.minus(GRACE));
        } catch (IOException e) {
            return false;
        }
    }
}
