package io.mentorhub.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Applies the versioned SQL migrations listed in {@code db/migration/index.txt}, in order, each once. Applied
 * migrations are recorded with a checksum; editing one after it ran stops the start rather than letting two databases
 * drift apart. Hand-written because Flyway is not an OSGi bundle and the job is small.
 */
public final class Migrations {

    static final String INDEX = "db/migration/index.txt";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");

    /** One migration file: its version, description and statements. */
    record Migration(int version, String description, String sql) {
        String checksum() {
            return Sha256.hex(sql);
        }

        List<String> statements() {
            List<String> statements = new ArrayList<>();
            for (String part : sql.split(";\\s*(\\r?\\n|$)")) {
                String statement = part.lines().filter(l -> !l.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + b + "\n").strip();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
            }
            return statements;
        }
    }

    private Migrations() {
    }

    /** Applies what is missing; returns the versions applied now. */
    public static List<Integer> apply(DataSource dataSource, ClassLoader loader) throws SQLException {
        return apply(dataSource, load(loader));
    }

    static List<Integer> apply(DataSource dataSource, List<Migration> migrations) throws SQLException {
        List<Integer> appliedNow = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_migration ("
                        + "version INTEGER PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                        + "checksum CHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            }
            connection.setAutoCommit(false);
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            for (Migration migration : migrations) {
                if (postgres) {
                    // Serialises hub nodes that start at the same time against one database.
                    try (Statement lock = connection.createStatement()) {
                        lock.execute("SELECT pg_advisory_xact_lock(7420001)");
                    }
                }
                String applied = appliedChecksum(connection, migration.version());
                if (applied != null) {
                    if (!applied.equals(migration.checksum())) {
                        connection.rollback();
                        throw new SQLException("migration V" + migration.version() + " (" + migration.description()
                                + ") was changed after it was applied to this database; restore the original file");
                    }
                    connection.rollback();
                    continue;
                }
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.statements()) {
                        statement.execute(sql);
                    }
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO schema_migration (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                        insert.setInt(1, migration.version());
                        insert.setString(2, migration.description());
                        insert.setString(3, migration.checksum());
                        insert.setTimestamp(4, Timestamp.from(Instant.now()));
                        insert.executeUpdate();
                    }
                    connection.commit();
                    appliedNow.add(migration.version());
                } catch (SQLException e) {
                    connection.rollback();
                    throw new SQLException("migration V" + migration.version() + " (" + migration.description()
                            + ") failed: " + e.getMessage(), e);
                }
            }
        }
        return appliedNow;
    }

    private static String appliedChecksum(Connection connection, int version) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT checksum FROM schema_migration WHERE version = ?")) {
            query.setInt(1, version);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1).strip() : null;
            }
        }
    }

    static List<Migration> load(ClassLoader loader) {
        Map<Integer, Migration> byVersion = new TreeMap<>();
        for (String name : read(loader, INDEX).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Matcher matcher = FILE_NAME.matcher(name);
            if (!matcher.matches()) {
                throw new IllegalStateException("migration file name must look like V1__create_tables.sql: " + name);
            }
            int version = Integer.parseInt(matcher.group(1));
            Migration migration = new Migration(version, matcher.group(2), read(loader, "db/migration/" + name));
            if (byVersion.put(version, migration) != null) {
                throw new IllegalStateException("two migrations with version " + version);
            }
        }
        return List.copyOf(byVersion.values());
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
