package io.mentorhub.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: MENTORHUB_TEST_PG_URL (with _USER and _PASSWORD) if set, otherwise a
 * throw-away cluster started from Debian's postgresql binaries on a free loopback port (as the postgres user when
 * the tests run as root, since initdb refuses root), with password authentication over TCP as in production. Under
 * CI a missing server is an error, never a silent skip.
 */
public final class PostgresServer {

    private static PostgresServer shared;
    private static String unavailable;

    private final String baseUrl;
    private final String user;
    private final String password;

    private PostgresServer(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    /** The server, or empty with {@link #whyUnavailable()} when none can be had on this machine. */
    public static synchronized Optional<PostgresServer> get() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (Exception e) {
                unavailable = e.getMessage();
            }
        }
        if (shared == null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must run the PostgreSQL tests, but no server could be started: "
                    + unavailable);
        }
        return Optional.ofNullable(shared);
    }

    public static String whyUnavailable() {
        return unavailable;
    }

    /** A new, empty database on the server; returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(baseUrl + "postgres", user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        }
        return baseUrl + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    private static PostgresServer start() throws Exception {
        String url = System.getenv("MENTORHUB_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            String base = url.substring(0, url.lastIndexOf('/') + 1);
            return new PostgresServer(base, System.getenv().getOrDefault("MENTORHUB_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("MENTORHUB_TEST_PG_PASSWORD", ""));
        }
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("mentorhub-pg-");
        if (root) {
            run(List.of("chown", "postgres", data.toString()), false);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String password = "test-" + java.util.UUID.randomUUID();
        Path passwordFile = data.resolve("password");
        Files.writeString(passwordFile, password);
        if (root) {
            run(List.of("chown", "postgres", passwordFile.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-U", "mentorhub",
                "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--locale=C"), root);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-l",
                data.resolve("server.log").toString(), "-w", "-o", "-p " + port + " -h 127.0.0.1 -k "
                        + data + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "immediate",
                        "-w", "stop"), root);
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (Exception e) {
                System.err.println("could not stop the test PostgreSQL server in " + data + ": " + e);
            }
        }));
        return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/", "mentorhub", password);
    }

    private static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : 0)));
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + output.strip());
        }
    }
}
