package io.mentorhub.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Starts the hub: an OSGi framework configured from {@code etc/config.properties}, with the bundles under
 * {@code bundle/<start level>/} installed at that start level. Runs in the foreground until the framework stops —
 * from the shell, or on SIGTERM/SIGINT, which stop every bundle in reverse order before the process exits 0.
 */
public final class Launcher {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final long STOP_TIMEOUT_MILLIS = 60_000;

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path home = Path.of(System.getProperty("mentorhub.home", ".")).toAbsolutePath().normalize();
        Map<String, String> properties = frameworkProperties(home);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(properties);
        framework.init();
        installBundles(framework.getBundleContext(), home.resolve("bundle"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(framework), "mentorhub-shutdown"));
        stopOnSignal("TERM", framework);
        stopOnSignal("INT", framework);
        framework.start();
        System.out.printf("mentorhub framework started in %d ms (home %s); GET /health shows when the hub is UP%n", (System.nanoTime() - started) / 1_000_000, home);

        FrameworkEvent event = framework.waitForStop(0);
        if (event.getType() == FrameworkEvent.ERROR) {
            System.err.println("mentorhub stopped with an error: " + event.getThrowable());
            System.exit(1);
        }
        System.out.println("mentorhub stopped");
        System.exit(0);
    }

    /** {@code etc/config.properties} with {@code ${name}} replaced from system properties and earlier keys. */
    static Map<String, String> frameworkProperties(Path home) throws IOException {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve("etc/config.properties"))) {
            file.load(in);
        }
        Map<String, String> resolved = new HashMap<>();
        resolved.put("mentorhub.home", home.toString());
        System.getProperties().stringPropertyNames().forEach(k -> resolved.putIfAbsent(k, System.getProperty(k)));
        Map<String, String> result = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            // A -D system property overrides the file.
            String value = System.getProperty(key, file.getProperty(key));
            result.put(key, substitute(value, resolved, file));
        }
        return result;
    }

    static String substitute(String value, Map<String, String> system, Properties file) {
        String current = value;
        for (int depth = 0; depth < 10; depth++) {
            Matcher matcher = PLACEHOLDER.matcher(current);
            if (!matcher.find()) {
                return current;
            }
            StringBuilder out = new StringBuilder();
            matcher.reset();
            while (matcher.find()) {
                String name = matcher.group(1);
                String replacement = system.getOrDefault(name, file.getProperty(name));
                if (replacement == null) {
                    throw new IllegalArgumentException("etc/config.properties: unknown placeholder ${" + name + "}");
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            matcher.appendTail(out);
            current = out.toString();
        }
        throw new IllegalArgumentException("etc/config.properties: placeholders nested too deeply in " + value);
    }

    /** Installs {@code bundle/<level>/*.jar}, each at its start level, and marks them to start. */
    static void installBundles(BundleContext context, Path bundleDir) throws IOException, BundleException {
        List<Path> levels = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(bundleDir, p -> p.getFileName().toString().matches("\\d+"))) {
            dirs.forEach(levels::add);
        }
        levels.sort((a, b) -> Integer.compare(Integer.parseInt(a.getFileName().toString()),
                Integer.parseInt(b.getFileName().toString())));
        List<Bundle> installed = new ArrayList<>();
        for (Path level : levels) {
            int startLevel = Integer.parseInt(level.getFileName().toString());
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(level, "*.jar")) {
                files.forEach(jars::add);
            }
            jars.sort(null);
            for (Path jar : jars) {
                // reference: lets the framework read the jar in place instead of copying it into its cache.
                Bundle bundle = context.installBundle("reference:" + jar.toUri());
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel);
                installed.add(bundle);
            }
        }
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    private static void stopOnSignal(String name, Framework framework) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                System.out.println("mentorhub stopping (SIG" + name + ")");
                new Thread(() -> stop(framework), "mentorhub-stop").start();
            });
        } catch (IllegalArgumentException | LinkageError e) {
            // Signal not available on this platform: the shutdown hook still stops the framework.
        }
    }

    private static void stop(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0) {
                framework.stop();
            }
            framework.waitForStop(STOP_TIMEOUT_MILLIS);
        } catch (BundleException | InterruptedException e) {
            System.err.println("mentorhub did not stop cleanly: " + e);
        }
    }
}
