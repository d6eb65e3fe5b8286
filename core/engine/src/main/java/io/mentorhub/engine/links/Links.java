package io.mentorhub.engine.links;

import io.mentorhub.engine.store.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed links a person follows without logging in: the survey respond link ({@code /respond/<token>}, single use,
 * expiring, naming one invitation) and the unsubscribe link of every e-mail ({@code /unsubscribe/<token>}, naming a
 * person and a kind of e-mail). A token is {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))}, so
 * it cannot be forged or altered without the hub's secret. The hub never stores a token, only its SHA-256 hash, and
 * can make it again from the stored fields when it sends the e-mail; tokens and links never reach a log.
 *
 * <p>The secret is the configured {@code .secret} (e.g. {@code $[secret:links.secret]}; hub nodes of one cluster must
 * share it), or else 32 random bytes kept in {@code data/link.secret} (mode 600), generated on the first start.
 */
@Component(service = Links.class, configurationPid = Links.PID)
@Designate(ocd = Links.Config.class)
public class Links {

    public static final String PID = "io.mentorhub.links";
    private static final Logger LOG = LoggerFactory.getLogger(Links.class);
    private static final byte RESPOND = 'R';
    private static final byte UNSUBSCRIBE = 'U';
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    @ObjectClassDefinition(name = "Signed links", description = "Links people follow without logging in: survey "
            + "respond links and unsubscribe links")
    public @interface Config {
        @AttributeDefinition(description = "The hub's address as people reach it (scheme, host, port, path), e.g. "
                + "https://mentoring.example.com; links in e-mails start with it")
        String publicUrl() default "http://localhost:8181";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Signing secret (at least 32 characters); "
                + "empty: generated into data/link.secret. Nodes of one cluster must share it")
        String _secret() default "";
    }

    private final String publicUrl;
    private final byte[] secret;

    @Activate
    public Links(BundleContext context, Config config) throws IOException {
        this(config.publicUrl(), secret(config._secret(), dataDirectory(context).resolve("link.secret")));
    }

    /** For tests and embedding: a public URL and a secret of at least 32 bytes. */
    public Links(String publicUrl, byte[] secret) {
        this.publicUrl = checkPublicUrl(publicUrl);
        if (secret.length < 32) {
            throw new IllegalArgumentException("the link secret must be at least 32 bytes");
        }
        this.secret = secret.clone();
    }

    public String publicUrl() {
        return publicUrl;
    }

    // --- Respond links ---

    /** The respond token of an invitation that expires at {@code expiresAt} (whole seconds). */
    public String respondToken(String invitationId, Instant expiresAt) {
        UUID id = UUID.fromString(invitationId);
        ByteBuffer payload = ByteBuffer.allocate(1 + 16 + 8).put(RESPOND).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits()).putLong(expiresAt.getEpochSecond());
        return sign(payload.array());
    }

    public URI respondUrl(String invitationId, Instant expiresAt) {
        return URI.create(publicUrl + "/respond/" + respondToken(invitationId, expiresAt));
    }

    /** What a respond token says, if its signature holds: it may still be expired, used or unknown. */
    public record RespondClaim(String invitationId, Instant expiresAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    public Optional<RespondClaim> readRespondToken(String token) {
        return verified(token).filter(p -> p.length == 25 && p[0] == RESPOND).map(p -> {
            ByteBuffer buffer = ByteBuffer.wrap(p, 1, 24);
            UUID id = new UUID(buffer.getLong(), buffer.getLong());
            return new RespondClaim(id.toString(), Instant.ofEpochSecond(buffer.getLong()));
        });
    }

    // --- Unsubscribe links ---

    public String unsubscribeToken(String personId, String kind) {
        byte[] text = (personId + "\n" + kind).getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(1 + text.length).put(UNSUBSCRIBE).put(text);
        return sign(payload.array());
    }

    public URI unsubscribeUrl(String personId, String kind) {
        return URI.create(publicUrl + "/unsubscribe/" + unsubscribeToken(personId, kind));
    }

    public record UnsubscribeClaim(String personId, String kind) {
    }

    public Optional<UnsubscribeClaim> readUnsubscribeToken(String token) {
        return verified(token).filter(p -> p.length > 1 && p[0] == UNSUBSCRIBE).flatMap(p -> {
            String[] parts = new String(p, 1, p.length - 1, StandardCharsets.UTF_8).split("\n", -1);
            return parts.length == 2 ? Optional.of(new UnsubscribeClaim(parts[0], parts[1])) : Optional.empty();
        });
    }

    /** The hash a token is stored and looked up by. */
    public static String hash(String token) {
        return Sha256.hex(token); // tokens are ASCII: the same bytes as before
    }

    private String sign(byte[] payload) {
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /** The payload of a well-formed token whose signature holds; empty for anything else (never says why). */
    private Optional<byte[]> verified(String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = B64_DECODER.decode(token.substring(0, dot));
            byte[] signature = B64_DECODER.decode(token.substring(dot + 1));
            // Canonical encoding only: a second spelling of the same bytes would be a second token.
            if (!B64.encodeToString(payload).equals(token.substring(0, dot))
                    || !B64.encodeToString(signature).equals(token.substring(dot + 1))
                    || !MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            return Optional.of(payload);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String checkPublicUrl(String value) {
        String url = value == null ? "" : value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicUrl is not a URL: " + value);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("publicUrl must be an http(s) address without user, query or "
                    + "fragment, e.g. https://mentoring.example.com; was: " + value);
        }
        return url;
    }

    static Path dataDirectory(BundleContext context) {
        String data = context == null ? null : context.getProperty("mentorhub.data");
        return Path.of(data == null ? "data" : data).toAbsolutePath();
    }

    /** The configured secret, or the one in {@code file}, created with 32 random bytes the first time. */
    static byte[] secret(String configured, Path file) throws IOException {
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 32) {
                throw new IllegalArgumentException(".secret must be at least 32 characters");
            }
            return bytes;
        }
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary);
            }
            Files.writeString(temporary, B64.encodeToString(fresh));
            try {
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Generated the link signing secret into {} (readable by this user only)", file);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temporary);
            }
        }
        byte[] stored = B64_DECODER.decode(Files.readString(file).strip());
        if (stored.length < 32) {
            throw new IllegalStateException(file + " holds a secret shorter than 32 bytes; delete it to generate one");
        }
        return stored;
    }

    @Override
    public String toString() {
        return "Links[" + publicUrl + ", secret=********]";
    }
}
