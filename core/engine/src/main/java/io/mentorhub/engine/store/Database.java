package io.mentorhub.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mentorhub.engine.health.ComponentHealth;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system of record: a pooled JDBC database with the schema migrated to the current version. Embedded H2 in file
 * mode under the data directory unless a JDBC URL (PostgreSQL in production) is configured. Registered as a service
 * by {@link DatabaseConnector} only once it is reachable and migrated, so whatever needs it simply waits for it.
 */
public class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final String displayUrl;

    /** Connects, migrates and returns a ready database, or throws and leaves nothing open. */
    public Database(String url, String user, String password, int maxPoolSize) throws SQLException {
        this.displayUrl = redact(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("mentorhub");
        hikari.setDataSource(driverDataSource(url, user, password));
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setMinimumIdle(1);
        hikari.setInitializationFailTimeout(1); // fail fast: DatabaseConnector retries with backoff
        this.pool = new HikariDataSource(hikari);
        try {
            List<Integer> applied = Migrations.apply(pool, Database.class.getClassLoader());
            LOG.info("Database {} ready; migrations applied now: {}", displayUrl, applied);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public void close() {
        pool.close();
        LOG.info("Database {} closed", displayUrl);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Tx.Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Tx(connection, isPostgres()));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Whether the database is PostgreSQL (a few statements differ from H2). */
    public boolean isPostgres() {
        return displayUrl.startsWith("jdbc:postgresql:");
    }

    public String displayUrl() {
        return displayUrl;
    }

    public ComponentHealth health() {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(2)) {
                return ComponentHealth.down("connection is not valid");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("product", connection.getMetaData().getDatabaseProductName());
            details.put("url", displayUrl);
            return ComponentHealth.up(details);
        } catch (SQLException e) {
            return ComponentHealth.down(e.getMessage());
        }
    }

    /** The configured URL, or the embedded H2 file database under {@code dataDirectory}. */
    public static String jdbcUrl(String configured, Path dataDirectory) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return "jdbc:h2:file:" + dataDirectory.resolve("mentorhub") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** Driver data sources are created directly: class-name lookups through DriverManager do not work across bundles. */
    static DataSource driverDataSource(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:")) {
            org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
            h2.setURL(url);
            h2.setUser(user);
            h2.setPassword(password);
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource postgres = new org.postgresql.ds.PGSimpleDataSource();
            postgres.setURL(url);
            postgres.setUser(user);
            postgres.setPassword(password);
            postgres.setConnectTimeout(5);
            // Sends a JDBC batch of inserts as multi-row INSERTs: bulk people upserts are several times faster.
            postgres.setReWriteBatchedInserts(true);
            return postgres;
        }
        throw new IllegalArgumentException("unsupported JDBC URL " + redact(url)
                + ": use jdbc:h2:... or jdbc:postgresql:...");
    }

    /** The URL without parameters, which may carry credentials, so it can be logged and shown. */
    static String redact(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut).replaceAll("//[^/@]*@", "//***@");
    }
}
