package io.mentorhub.connectors.scim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The shared secret identity providers send as {@code Authorization: Bearer …}. Only its SHA-256 digest is kept,
 * and a presented token is compared digest to digest with {@link MessageDigest#isEqual} (constant time, and the
 * same length whatever was sent), so neither timing nor length tells an attacker anything.
 */
final class BearerToken {

    /** 32 characters: a random token of at least 190 bits in base64. */
    static final int MIN_LENGTH = 32;

    private final byte[] digest;
    private final String problem;

    private BearerToken(byte[] digest, String problem) {
        this.digest = digest;
        this.problem = problem;
    }

    /** The configured token; one that is missing or unusable refuses every request and says why in {@link #problem()}. */
    static BearerToken of(String configured) {
        if (configured == null || configured.isBlank()) {
            return new BearerToken(null, "no token is configured (.token in etc/io.mentorhub.scim.cfg)");
        }
        String token = configured.strip();
        if (token.contains("$[")) {
            // An interpolation placeholder whose secret or variable was missing is left as it is: never a token.
            return new BearerToken(null, "the configured token is an unresolved placeholder");
        }
        if (token.length() < MIN_LENGTH) {
            return new BearerToken(null, "the configured token is shorter than " + MIN_LENGTH + " characters");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            return new BearerToken(null, "the configured token must be printable ASCII without spaces");
        }
        return new BearerToken(sha256(token), null);
    }

    boolean configured() {
        return digest != null;
    }

    /** Why no request is accepted, or null when a token is configured. */
    String problem() {
        return problem;
    }

    boolean accepts(String presented) {
        return digest != null && presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return digest == null ? "BearerToken[none]" : "BearerToken[configured]";
    }
}
