package io.mentorhub.engine.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system of record: a pooled JDBC database with the schema migrated to the current version. Embedded H2 in file
 * mode under the data directory unless a JDBC URL (PostgreSQL in production) is configured.
 */
@Component(service = {Database.class, HealthIndicator.class}, configurationPid = Database.PID, immediate = true)
@Designate(ocd = Database.Config.class)
public class Database implements HealthIndicator {

    static final String PID = "io.mentorhub.database";
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    @ObjectClassDefinition(name = "mentorhub database")
    public @interface Config {
        @AttributeDefinition(description = "JDBC URL; empty means embedded H2 under the data directory")
        String url() default "";

        @AttributeDefinition(description = "Database user")
        String user() default "mentorhub";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password (use $[secret:NAME])")
        String password() default "";

        @AttributeDefinition(description = "Maximum pooled connections", min = "1")
        int maxPoolSize() default 10;
    }

    private final HikariDataSource pool;
    private final String displayUrl;

    @Activate
    public Database(BundleContext context, Config config) throws SQLException {
        this(jdbcUrl(config.url(), dataDirectory(context)), config.user(), config.password(), config.maxPoolSize());
    }

    public Database(String url, String user, String password, int maxPoolSize) throws SQLException {
        this.displayUrl = redact(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("mentorhub");
        hikari.setDataSource(driverDataSource(url, user, password));
        hikari.setMaximumPoolSize(maxPoolSize);
        hikari.setMinimumIdle(1);
        hikari.setInitializationFailTimeout(10_000);
        this.pool = new HikariDataSource(hikari);
        try {
            List<Integer> applied = Migrations.apply(pool, Database.class.getClassLoader());
            LOG.info("Database {} ready; migrations applied now: {}", displayUrl, applied);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    @Deactivate
    public void close() {
        pool.close();
        LOG.info("Database {} closed", displayUrl);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String healthName() {
        return "database";
    }

    @Override
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

    static Path dataDirectory(BundleContext context) {
        String configured = context.getProperty("mentorhub.data");
        return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath();
    }

    /** The configured URL, or the embedded H2 file database under {@code dataDirectory}. */
    static String jdbcUrl(String configured, Path dataDirectory) {
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
