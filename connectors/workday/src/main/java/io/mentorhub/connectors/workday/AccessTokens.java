package io.mentorhub.connectors.workday;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.connectors.support.http.VendorRequest;
import io.mentorhub.connectors.support.http.VendorResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access tokens from Workday's token endpoint ({@code /ccx/oauth2/{tenant}/token}), kept between calls.
 *
 * <p>Connectors are stateless towards the hub, but asking Workday for a token before every page would double the
 * requests against its rate limit and keep a credential exchange on every call. So this connector keeps one access
 * token per instance <em>in memory only</em>: keyed by the instance id and a SHA-256 of the token endpoint and
 * credentials (a changed secret can never reuse an old token; the secrets themselves are not the key), at most
 * {@link #CAPACITY} entries (least recently used out), each a {@link Secret} that prints as {@code ****}. Losing the
 * cache (restart, another cluster member) costs one token request, nothing else. A token is renewed a minute before it
 * expires, and dropped when Workday refuses it, so the caller can ask once more before calling it a CONFIG error.
 */
final class AccessTokens {

    static final int CAPACITY = 64;
    private static final Duration EARLY = Duration.ofSeconds(60);
    /** When Workday does not say: its access tokens last an hour by default; assume less. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    private record Token(Secret value, Instant expires) {
    }

    private final VendorHttp http;
    private final Clock clock;
    private final Map<String, Token> tokens = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Token> eldest) {
            return size() > CAPACITY;
        }
    };

    AccessTokens(VendorHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** A valid access token for these credentials, from the cache or freshly issued. */
    Secret token(String instanceId, URI endpoint, String clientId, Secret clientSecret, Secret refreshToken,
            Duration timeout) throws ConnectorException {
        String key = key(instanceId, endpoint, clientId, clientSecret, refreshToken);
        synchronized (tokens) {
            Token cached = tokens.get(key);
            if (cached != null && clock.instant().isBefore(cached.expires().minus(EARLY))) {
                return cached.value();
            }
        }
        Token fresh = issue(endpoint, clientId, clientSecret, refreshToken, timeout);
        synchronized (tokens) {
            tokens.put(key, fresh);
        }
        return fresh.value();
    }

    /** Forgets the token Workday just refused. */
    void refused(String instanceId, URI endpoint, String clientId, Secret clientSecret, Secret refreshToken) {
        synchronized (tokens) {
            tokens.remove(key(instanceId, endpoint, clientId, clientSecret, refreshToken));
        }
    }

    int size() {
        synchronized (tokens) {
            return tokens.size();
        }
    }

    private Token issue(URI endpoint, String clientId, Secret clientSecret, Secret refreshToken, Duration timeout)
            throws ConnectorException {
        String form = refreshToken != null
                ? "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken.reveal(), StandardCharsets.UTF_8)
                : "grant_type=client_credentials";
        VendorRequest request = VendorRequest.post(endpoint, "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8)).basicAuth(clientId, clientSecret)
                .header("Accept", "application/json").timeout(timeout);
        if (refreshToken != null) {
            request.bodyCarries(refreshToken);
        }
        VendorResponse response = http.exchange(request);
        if (response.status() == 400 || response.status() == 401) {
            // invalid_client, invalid_grant (a revoked or expired refresh token): only an administrator can fix it.
            ConnectorException refused = http.failure(request, response);
            throw ConnectorException.config(refused.getMessage().replace(" — check the credentials and their "
                    + "permissions", "") + " — the API client's id, secret or refresh token was refused");
        }
        if (!response.successful()) {
            throw http.failure(request, response);
        }
        JsonNode body = http.parse(request, response);
        String access = body.path("access_token").asText("");
        if (access.isBlank()) {
            throw ConnectorException.transientFailure("Workday's token endpoint answered without an access_token", null);
        }
        Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_LIFETIME;
        return new Token(Secret.of(access), clock.instant().plus(lifetime));
    }

    private static String key(String instanceId, URI endpoint, String clientId, Secret clientSecret,
            Secret refreshToken) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {endpoint.toString(), clientId, clientSecret.reveal(),
                refreshToken == null ? "" : refreshToken.reveal()}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return instanceId + '/' + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "AccessTokens[" + size() + " cached]";
    }
}
