package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The built distribution, copied to a scratch folder and started with {@code bin/mentorhub} as a separate process —
 * exactly what an IT team does — on a free port and a cluster name of its own.
 */
final class RunningHub implements AutoCloseable {

    /** The .tar.gz an IT team downloads; every test hub is unpacked from it. */
    static final Path TARBALL = Path.of(System.getProperty("mentorhub.tarball", "target/mentorhub.tar.gz"));
    static final Path TEST_PLUGINS = Path.of(System.getProperty("mentorhub.testPlugins", "target/test-plugins"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bootstrap admin key every test hub gets through MENTORHUB_ADMIN_KEY (unless a test removes it). */
    static final String ADMIN_KEY = "mh_it-admin-key-0123456789abcdefghijklmnopqrstuv";

    final Path home;
    final int port;
    final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningHub(Path home, int port, Process process) {
        this.home = home;
        this.port = port;
        this.process = process;
    }

    /** Started as a service manager starts it: no terminal, standard input closed. */
    static RunningHub start(Path scratch, Map<String, String> environment) throws IOException {
        return start(scratch, environment, false);
    }

    /**
     * With {@code terminal}, started in a pseudo-terminal (util-linux {@code script}) as a person at a console
     * does; the test then types shell commands into {@link Process#getOutputStream()}.
     */
    static RunningHub start(Path scratch, Map<String, String> environment, boolean terminal) throws IOException {
        return start(scratch, environment, terminal, home -> { });
    }

    /** What a test changes in the unpacked hub (e.g. a file in etc/) before it starts. */
    interface Preparation {
        void prepare(Path home) throws IOException;
    }

    static RunningHub start(Path scratch, Map<String, String> environment, boolean terminal, Preparation preparation,
            String... arguments) throws IOException {
        Path home = unpack(scratch);
        preparation.prepare(home);
        return launch(home, freePort(), environment, terminal, arguments);
    }

    /** Starts the same hub again — same home, data and port — after it stopped or was killed. */
    RunningHub restart(Map<String, String> environment) throws IOException {
        return launch(home, port, environment, false);
    }

    private static RunningHub launch(Path home, int port, Map<String, String> environment, boolean terminal,
            String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/mentorhub").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = terminal
                ? new ProcessBuilder("script", "-qfec", String.join(" ", command), "/dev/null")
                : new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                home.resolve("logs/console.out").toFile()));
        builder.environment().put("MENTORHUB_HTTP_PORT", String.valueOf(port));
        builder.environment().put("MENTORHUB_CLUSTER_NAME", "it-" + UUID.randomUUID());
        builder.environment().put("MENTORHUB_DEPLOY_POLL_MS", "250");
        builder.environment().put("MENTORHUB_ADMIN_KEY", ADMIN_KEY);
        builder.environment().putAll(environment);
        builder.environment().values().removeIf(String::isEmpty);
        return new RunningHub(home, port, builder.start());
    }

    /** Unpacks the archive with tar, as an administrator would, and returns the hub's home folder. */
    private static Path unpack(Path scratch) throws IOException {
        try {
            Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", scratch.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IOException("tar -xzf " + TARBALL + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        try (Stream<Path> homes = Files.list(scratch)) {
            return homes.filter(p -> Files.isRegularFile(p.resolve("bin/mentorhub"))).findFirst()
                    .orElseThrow(() -> new IOException("no mentorhub-*/bin/mentorhub in " + TARBALL));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    record Response(int status, JsonNode body) {
    }

    /** GET with the admin key (API routes need one; /health does not). */
    Response get(String path) throws IOException, InterruptedException {
        return get(path, ADMIN_KEY);
    }

    Response get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), JSON.readTree(response.body()));
    }

    /** A JSON request with the admin key; the answer's body is read as JSON (null if empty). */
    Response send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + ADMIN_KEY);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    /** SIGKILL: the process gets no chance to clean up, as in a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("hub did not die within 30 s of SIGKILL");
        }
    }

    /** Polls {@code path} until the condition holds; fails with the last answer and the console output. */
    JsonNode await(String path, Duration timeout, Predicate<Response> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Object last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("hub exited with " + process.exitValue() + ":\n" + console());
            }
            try {
                Response response = get(path);
                last = response.status() + " " + response.body();
                if (condition.test(response)) {
                    return response.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        return fail("timed out after " + timeout + " waiting on " + path + "; last answer: " + last
                + "\n--- console ---\n" + console());
    }

    /** The plugin with this id in {@code GET /api/plugins}, or null. */
    static JsonNode plugin(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins.get("items")) {
            if (id.equals(plugin.get("id").asText())) {
                return plugin;
            }
        }
        return null;
    }

    void deploy(Path jar, String name) throws IOException {
        // Written aside and moved in, as an administrator's copy should be, so the watcher never sees half a file.
        Path staged = home.resolve("data").resolve(name + ".part");
        Files.copy(jar, staged);
        Files.move(staged, home.resolve("deploy").resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    String console() {
        try {
            return Files.readString(home.resolve("logs/console.out"));
        } catch (IOException e) {
            return "(no console output: " + e + ")";
        }
    }

    String log() throws IOException {
        return Files.readString(home.resolve("logs/mentorhub.log"));
    }

    /** SIGTERM, as a service manager sends it; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("hub did not stop within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
