package io.mentorhub.engine.store;

import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
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
 * Opens the configured database in the background and registers it as the {@link Database} service once it is
 * reachable and migrated; until then it retries with backoff and health says why the database is DOWN. The hub thus
 * starts, and reports its state, even while the database server is still coming up.
 */
@Component(service = HealthIndicator.class, configurationPid = DatabaseConnector.PID, immediate = true)
@Designate(ocd = DatabaseConnector.Config.class)
public class DatabaseConnector implements HealthIndicator {

    static final String PID = "io.mentorhub.database";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseConnector.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

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

    private final Thread connector;
    private volatile Database database;
    private volatile ServiceRegistration<Database> registration;
    private volatile String problem = "connecting";
    private volatile boolean stopping;

    @Activate
    public DatabaseConnector(BundleContext context, Config config) {
        String url = Database.jdbcUrl(config.url(), dataDirectory(context));
        connector = new Thread(() -> connect(context, url, config), "mentorhub-database-connect");
        connector.setDaemon(true);
        connector.start();
    }

    private void connect(BundleContext context, String url, Config config) {
        Duration backoff = Duration.ofSeconds(1);
        String lastError = null;
        while (!stopping) {
            try {
                Database opened = new Database(url, config.user(), config.password(), config.maxPoolSize());
                synchronized (this) {
                    if (stopping) {
                        opened.close();
                        return;
                    }
                    database = opened;
                    problem = null;
                    registration = context.registerService(Database.class, opened, new Hashtable<>());
                }
                return;
            } catch (Exception e) {
                String error = Database.redact(String.valueOf(e.getMessage()));
                problem = "unreachable: " + error;
                if (!error.equals(lastError)) {
                    LOG.error("Database {} is not usable, retrying every {} s at most: {}", Database.redact(url),
                            MAX_BACKOFF.toSeconds(), error, e);
                    lastError = error;
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        synchronized (this) {
            stopping = true;
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
        }
        connector.interrupt();
        connector.join(10_000);
        if (database != null) {
            database.close();
        }
    }

    static Path dataDirectory(BundleContext context) {
        String configured = context.getProperty("mentorhub.data");
        return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath();
    }

    @Override
    public String healthName() {
        return "database";
    }

    @Override
    public ComponentHealth health() {
        Database current = database;
        return current == null ? ComponentHealth.down(problem) : current.health();
    }
}
