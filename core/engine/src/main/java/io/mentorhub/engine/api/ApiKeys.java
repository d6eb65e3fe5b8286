package io.mentorhub.engine.api;

import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.Tx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys: 256 random bits shown once at creation and stored only as a SHA-256 hash (a fast hash is enough for
 * secrets with that much entropy). The bootstrap admin key comes from configuration (MENTORHUB_ADMIN_KEY) or is
 * generated on first start into data/admin.key, readable by the hub's user only.
 */
public final class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PREFIX = "mh_";

    private final PersonStore people = new PersonStore();

    public record Key(String id, String name, String prefix, Role role, String personId, boolean bootstrap,
            Instant createdAt, String createdBy, Instant revokedAt) {
    }

    /** A new key with its secret, which is never stored or shown again. */
    public record Issued(Key key, String secret) {
    }

    public Optional<Principal> authenticate(Tx tx, String secret) throws SQLException {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return tx.one("SELECT id, name, role, person_id FROM api_key WHERE key_hash = ? AND revoked_at IS NULL",
                row -> new Principal(Tx.uuid(row, "id"), row.getString("name"), Role.valueOf(row.getString("role")),
                        row.getString("person_id")), hash(secret));
    }

    /**
     * Creates a key. The rule for who a key acts as lives here, for the API and the shell alike: program_manager,
     * mentor and mentee keys act as an existing person; the other roles as nobody.
     */
    public Issued create(Tx tx, String name, Role role, String personId, String actor) throws SQLException {
        if (role.actsAsPerson()) {
            if (personId == null || personId.isBlank()) {
                throw ApiException.invalid("person_id", "is required for role " + role.wireName());
            }
            if (!people.exists(tx, personId)) {
                throw ApiException.invalid("person_id", "no person with id " + personId);
            }
        } else if (personId != null) {
            throw ApiException.invalid("person_id", "is only for program_manager, mentor and mentee keys");
        }
        return insert(tx, name, role, personId, actor, false, newSecret());
    }

    private Issued insert(Tx tx, String name, Role role, String personId, String actor, boolean bootstrap,
            String secret) throws SQLException {
        String id = UUID.randomUUID().toString();
        String prefix = secret.substring(0, Math.min(secret.length(), PREFIX.length() + 6));
        tx.update("INSERT INTO api_key (id, name, key_prefix, key_hash, role, person_id, bootstrap, created_at, "
                + "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Tx.uuid(id), name, prefix, hash(secret), role.name(),
                personId, bootstrap, tx.now(), actor);
        AuditLog.record(tx, actor, "key.created", "api_key", id,
                personId == null ? Map.of("name", name, "role", role.wireName())
                        : Map.of("name", name, "role", role.wireName(), "person_id", personId));
        return new Issued(new Key(id, name, prefix, role, personId, bootstrap, tx.now(), actor, null), secret);
    }

    public List<Key> list(Tx tx) throws SQLException {
        return tx.query("SELECT * FROM api_key ORDER BY created_at, id", ApiKeys::key);
    }

    private static Key key(java.sql.ResultSet row) throws SQLException {
        return new Key(Tx.uuid(row, "id"), row.getString("name"), row.getString("key_prefix"),
                Role.valueOf(row.getString("role")), row.getString("person_id"), row.getBoolean("bootstrap"),
                Tx.instant(row, "created_at"), row.getString("created_by"), Tx.instant(row, "revoked_at"));
    }

    /** Revokes a key; the last active hr_admin key cannot be revoked, or nobody could manage keys again. */
    public Key revoke(Tx tx, String id, String actor) throws SQLException {
        if (!io.mentorhub.engine.store.EntityStore.isUuid(id)) {
            throw ApiException.notFound("api key", id);
        }
        Key key = tx.one("SELECT * FROM api_key WHERE id = ?", ApiKeys::key, Tx.uuid(id))
                .orElseThrow(() -> ApiException.notFound("api key", id));
        if (key.revokedAt() != null) {
            return key;
        }
        if (key.role() == Role.HR_ADMIN && tx.count(
                "SELECT COUNT(*) FROM api_key WHERE role = 'HR_ADMIN' AND revoked_at IS NULL") <= 1) {
            throw ApiException.conflict("last-admin-key", "this is the last active hr_admin key; create another first");
        }
        tx.update("UPDATE api_key SET revoked_at = ? WHERE id = ?", tx.now(), Tx.uuid(id));
        AuditLog.record(tx, actor, "key.revoked", "api_key", id, Map.of("name", key.name(), "role", key.role().wireName()));
        return new Key(key.id(), key.name(), key.prefix(), key.role(), key.personId(), key.bootstrap(),
                key.createdAt(), key.createdBy(), tx.now());
    }

    /**
     * Makes sure an administrator can get in: the configured key (if any) becomes the bootstrap hr_admin key,
     * replacing an earlier bootstrap key; without one, a key is generated into {@code keyFile} when no hr_admin key
     * is active.
     */
    public void bootstrap(Database database, String configuredKey, Path keyFile) throws SQLException, IOException {
        if (configuredKey != null && !configuredKey.isBlank()) {
            String secret = configuredKey.strip();
            if (!secret.startsWith(PREFIX) || secret.length() < PREFIX.length() + 32) {
                LOG.error("MENTORHUB_ADMIN_KEY is ignored: it must start with '{}' and have at least 32 more characters"
                        + " (generate one with: echo {}$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d =))",
                        PREFIX, PREFIX);
            } else {
                database.inTransaction(tx -> {
                    if (tx.count("SELECT COUNT(*) FROM api_key WHERE key_hash = ? AND revoked_at IS NULL",
                            hash(secret)) == 0) {
                        tx.update("UPDATE api_key SET revoked_at = ? WHERE bootstrap = TRUE AND revoked_at IS NULL",
                                tx.now());
                        insert(tx, "bootstrap-admin", Role.HR_ADMIN, null, "configuration", true, secret);
                        LOG.info("Bootstrap admin key taken from configuration (MENTORHUB_ADMIN_KEY)");
                    }
                    return null;
                });
                return;
            }
        }
        boolean needed = database.inTransaction(tx -> tx.count(
                "SELECT COUNT(*) FROM api_key WHERE role = 'HR_ADMIN' AND revoked_at IS NULL") == 0);
        if (!needed) {
            return;
        }
        String secret = newSecret();
        Files.createDirectories(keyFile.getParent());
        Path temporary = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        database.inTransaction(tx -> insert(tx, "bootstrap-admin", Role.HR_ADMIN, null, "first-start", true, secret));
        Files.move(temporary, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Generated the bootstrap admin API key into {} (readable by this user only)", keyFile);
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        return io.mentorhub.engine.store.Sha256.hex(secret);
    }
}
