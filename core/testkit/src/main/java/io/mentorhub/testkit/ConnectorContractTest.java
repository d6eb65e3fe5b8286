package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Connector} promises the hub, whatever its facets: a valid id and kind; capabilities and facets
 * that agree both ways; a configuration schema an administrator can trust (credentials flagged secret, endpoints
 * typed URL); and no secret in any {@code toString()}, error message or log line. Every test of a subclass runs with
 * standard output, standard error and java.util.logging captured, and fails if a {@link #secrets() secret} shows up
 * there. Extend {@link PeopleSourceContractTest} or {@link PeopleFileContractTest}, not this class.
 */
public abstract class ConnectorContractTest {

    /** The process's real standard error, for sandboxes' own diagnostics (they are not the hub's logs). */
    public static final PrintStream REAL_ERR = System.err;

    private PrintStream savedOut;
    private PrintStream savedErr;
    private ByteArrayOutputStream captured;
    private Handler julHandler;
    private final List<String> printed = new ArrayList<>();

    /** The connector under test, as its DS component would create it. */
    protected abstract Connector connector();

    /** The instance configuration (raw, as in a {@code .cfg} after interpolation) pointing at the sandbox. */
    protected abstract Map<String, String> configuration();

    /** The credentials the configuration holds, and any encoding of them that travels (e.g. a Basic header). */
    protected abstract Set<String> secrets();

    /** Whether the instance may use plain http (the sandbox listens on loopback without TLS). */
    protected boolean allowHttp() {
        return true;
    }

    protected final ConnectorConfig config() throws ConnectorException {
        return config(configuration());
    }

    protected final ConnectorConfig config(Map<String, String> raw) throws ConnectorException {
        return ConnectorConfig.of("contract-instance", connector().settings(), raw, allowHttp());
    }

    @BeforeEach
    void captureOutput() {
        savedOut = System.out;
        savedErr = System.err;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(savedOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(savedErr, captured), true, StandardCharsets.UTF_8));
        julHandler = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                synchronized (printed) {
                    printed.add(format.format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(julHandler);
    }

    @AfterEach
    void noSecretWasLogged() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        Logger.getLogger("").removeHandler(julHandler);
        String log = captured.toString(StandardCharsets.UTF_8);
        synchronized (printed) {
            log += String.join("\n", printed);
        }
        for (String secret : secrets()) {
            assertFalse(log.contains(secret), "a secret reached the logs or the console");
        }
    }

    /** Asserts that no secret appears in a text the hub may show (a message, a record, a toString). */
    protected final void assertNoSecret(String text) {
        for (String secret : secrets()) {
            assertFalse(text != null && text.contains(secret), () -> "a secret is shown in: " + mask(text));
        }
    }

    private String mask(String text) {
        String shown = String.valueOf(text);
        for (String secret : secrets()) {
            shown = shown.replace(secret, Secret.MASK);
        }
        return shown;
    }

    /** Asserts the exception is of this kind, carries no cause and shows no secret. */
    protected final ConnectorException assertFailure(ConnectorException.Kind kind, ConnectorException e) {
        assertEquals(kind, e.kind(), e.toString());
        assertEquals(null, e.getCause(), "no library exception crosses the SPI");
        assertNoSecret(e.getMessage());
        assertNoSecret(e.toString());
        return e;
    }

    @Test
    void hasAValidIdAndKind() {
        HubPlugin.requireValidId(connector().id());
        assertNotNull(connector().kind());
        assertFalse(connector().displayName().isBlank());
    }

    @Test
    void declaresExactlyTheFacetsItImplements() {
        Connector connector = connector();
        Set<Capability> declared = connector.capabilities();
        assertFalse(declared.isEmpty(), "a connector can do something");
        for (Capability capability : declared) {
            assertTrue(capability.facet().isInstance(connector),
                    capability + " is declared but " + capability.facet().getSimpleName() + " is not implemented");
        }
        Set<Class<?>> declaredFacets = new HashSet<>();
        declared.forEach(c -> declaredFacets.add(c.facet()));
        for (Capability capability : Capability.values()) {
            if (capability.facet().isInstance(connector)) {
                assertTrue(declaredFacets.contains(capability.facet()), capability.facet().getSimpleName()
                        + " is implemented but no capability declares it, so the hub would never call it");
            }
        }
        if (declared.contains(Capability.PEOPLE_INCREMENTAL_SYNC)) {
            assertTrue(declared.contains(Capability.PEOPLE_FULL_SYNC), "incremental sync needs a full sync to start");
        }
    }

    @Test
    void settingsFlagCredentialsAndTypeEndpoints() throws ConnectorException {
        Map<String, Setting> byId = new HashMap<>();
        for (Setting setting : connector().settings()) {
            assertEquals(null, byId.put(setting.id(), setting), "setting " + setting.id() + " is declared twice");
            List<String> words = List.of(setting.id().split("_"));
            boolean credential = words.stream().anyMatch(w -> Set.of("secret", "password", "token", "key",
                    "credential", "credentials").contains(w));
            if (credential && !setting.id().endsWith("_name") && !setting.id().endsWith("_id")) {
                assertEquals(Setting.Type.SECRET, setting.type(), setting.id() + " holds a credential: type it SECRET");
            }
            boolean endpoint = words.contains("url") || words.contains("endpoint");
            if (endpoint) {
                assertEquals(Setting.Type.URL, setting.type(), setting.id() + " is an endpoint: type it URL");
            }
            if (setting.type() != Setting.Type.URL && setting.defaultValue() != null) {
                assertFalse(setting.defaultValue().toLowerCase(Locale.ROOT).matches("^[a-z][a-z0-9+.-]*://.*"),
                        setting.id() + " defaults to a URL but is not typed URL, so it would escape the endpoint checks");
            }
            assertFalse(setting.description().isBlank(), setting.id() + " needs a description for administrators");
        }
        ConnectorConfig config = config();
        assertNoSecret(config.toString());
        assertNoSecret(config.masked().toString());
        assertNoSecret(connector().toString());
        for (Setting setting : connector().settings()) {
            if (setting.secret() && config.masked().containsKey(setting.id())) {
                assertEquals(Secret.MASK, config.masked().get(setting.id()));
            }
        }
    }

    @Test
    void aMissingRequiredSettingIsAConfigErrorNamingIt() {
        for (Setting setting : connector().settings()) {
            if (setting.required() && setting.defaultValue() == null) {
                Map<String, String> raw = new HashMap<>(configuration());
                raw.remove(setting.id());
                ConnectorException e = assertThrows(ConnectorException.class, () -> config(raw), setting.id());
                assertFailure(ConnectorException.Kind.CONFIG, e);
                assertTrue(e.getMessage().contains(setting.id()), e.getMessage());
            }
        }
    }

    /** Copies what is written to a console stream into the capture as well. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            try {
                first.write(b);
            } catch (java.io.IOException e) {
                // the console is gone; the capture still counts
            }
            synchronized (second) {
                try {
                    second.write(b);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                first.write(b, off, len);
            } catch (java.io.IOException e) {
                // the console is gone; the capture still counts
            }
            synchronized (second) {
                try {
                    second.write(b, off, len);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void flush() {
            try {
                first.flush();
            } catch (java.io.IOException e) {
                // nothing to flush to
            }
        }
    }
}
