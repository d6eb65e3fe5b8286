package io.mentorhub.connectors.reviewfeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.ReviewFeedPublisher;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.connectors.support.http.RetryAfter;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.connectors.support.http.VendorRequest;
import io.mentorhub.connectors.support.http.VendorResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The HR review feed pushed to an endpoint of the customer's choosing (a Workday or 15Five integration, an iPaaS flow)
 * for performance systems without a goals API. Each entry is one {@code POST} of JSON ({@link FeedJson}) carrying
 * its key as {@code Idempotency-Key}.
 *
 * <p>Why one request per entry rather than one per batch: a receiver deduplicates by the key it is given. The hub
 * retries exactly the items it still owes, so a batch retried after a partial failure is a different batch, and a
 * batch-level key would either repeat entries (new key) or drop them (old key, new content). One entry, one key, one
 * request: the receiver keeps each entry once however often it is sent, and a refusal concerns that entry alone.
 *
 * <p>Authentication is a bearer token or HTTP Basic; with a shared secret configured, every request is also signed:
 * {@code X-Mentorhub-Timestamp} (Unix seconds) and {@code <signature_header>: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">}, so the receiver can check origin, integrity and freshness.
 */
@Component(service = {Connector.class, ReviewFeedPublisher.class})
public final class ReviewFeedConnector implements Connector, ReviewFeedPublisher, AutoCloseable {

    static final String ENDPOINT = "endpoint_url";
    static final String AUTH = "auth";
    static final String BEARER_TOKEN = "bearer_token";
    static final String BASIC_USER = "basic_user";
    static final String BASIC_PASSWORD = "basic_password";
    static final String HMAC_SECRET = "hmac_secret";
    static final String SIGNATURE_HEADER = "signature_header";
    static final String TIMEOUT = "timeout_seconds";

    static final String TIMESTAMP_HEADER = "X-Mentorhub-Timestamp";

    private static final List<Setting> SETTINGS = List.of(
            Setting.required(ENDPOINT, "Endpoint", Setting.Type.URL,
                    "Where each review feed entry is POSTed, e.g. the inbound URL of a Workday Studio or 15Five"
                            + " integration"),
            Setting.choice(AUTH, "Authentication", "bearer", List.of("bearer", "basic", "none"),
                    "bearer: Authorization: Bearer <bearer_token>; basic: HTTP Basic with basic_user and"
                            + " basic_password; none: only for an endpoint that authenticates by the signature"),
            Setting.optional(BEARER_TOKEN, "Bearer token", Setting.Type.SECRET, null,
                    "The token the endpoint expects (auth = bearer)"),
            Setting.optional(BASIC_USER, "Basic user", Setting.Type.STRING, null, "The user name (auth = basic)"),
            Setting.optional(BASIC_PASSWORD, "Basic password", Setting.Type.SECRET, null,
                    "The password (auth = basic)"),
            Setting.optional(HMAC_SECRET, "Signing secret", Setting.Type.SECRET, null,
                    "Shared secret for an HMAC-SHA256 signature of every request; none if not set"),
            Setting.optional(SIGNATURE_HEADER, "Signature header", Setting.Type.STRING, "X-Mentorhub-Signature",
                    "The header the signature travels in"),
            Setting.optional(TIMEOUT, "Time-out (seconds)", Setting.Type.INTEGER, "30",
                    "How long to wait for the endpoint to answer one entry (1-300)"));

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    /** Keys a header carries as they are: visible ASCII, at most 255 characters. */
    private static final Pattern HEADER_SAFE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final VendorHttp http;
    private final Clock clock;

    public ReviewFeedConnector() {
        this(new VendorHttp("Review feed endpoint", VendorHttp.Limits.DEFAULT, List.of()), Clock.systemUTC());
    }

    ReviewFeedConnector(VendorHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "review-feed";
    }

    @Override
    public String displayName() {
        return "Review feed push";
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.PERFORMANCE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.REVIEW_FEED);
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Deactivate
    @Override
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "ReviewFeedConnector";
    }

    @Override
    public List<Delivery> publishReviewFeed(ConnectorConfig config, List<FeedItem> items) throws ConnectorException {
        Delivery.requireValidBatch(items);
        Target target = target(config);
        List<Delivery> deliveries = new ArrayList<>(items.size());
        for (FeedItem item : items) {
            deliveries.add(target.send(item));
        }
        return deliveries;
    }

    /** The Idempotency-Key header for an item's key: the key itself, or its SHA-256 if a header cannot carry it. */
    static String idempotencyKey(String key) {
        if (HEADER_SAFE_KEY.matcher(key).matches()) {
            return key;
        }
        try {
            return "sha256-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code sha256=<hex>} of HMAC-SHA256 over {@code <timestamp>.<body>}. */
    static String signature(Secret secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private Target target(ConnectorConfig config) throws ConnectorException {
        long seconds = config.number(TIMEOUT).orElse(30L);
        if (seconds < 1 || seconds > 300) {
            throw ConnectorException.config(TIMEOUT + " must be 1-300 seconds");
        }
        String header = config.text(SIGNATURE_HEADER).orElse("X-Mentorhub-Signature");
        if (!HEADER_NAME.matcher(header).matches() || header.equalsIgnoreCase("Authorization")) {
            throw ConnectorException.config(SIGNATURE_HEADER + " must be a header name such as X-Signature");
        }
        String auth = config.text(AUTH).orElse("bearer");
        Secret token = config.secret(BEARER_TOKEN).orElse(null);
        String user = config.text(BASIC_USER).orElse(null);
        Secret password = config.secret(BASIC_PASSWORD).orElse(null);
        if (auth.equals("bearer") && token == null) {
            throw ConnectorException.config(BEARER_TOKEN + " is required when " + AUTH + " = bearer");
        }
        if (auth.equals("basic") && (user == null || password == null)) {
            throw ConnectorException.config(BASIC_USER + " and " + BASIC_PASSWORD + " are required when " + AUTH
                    + " = basic");
        }
        Secret hmac = config.secret(HMAC_SECRET).orElse(null);
        if (auth.equals("none") && hmac == null) {
            throw ConnectorException.config(AUTH + " = none needs an " + HMAC_SECRET + ": the endpoint would accept"
                    + " anyone's review feed");
        }
        return new Target(config.url(ENDPOINT).orElseThrow(() -> ConnectorException.config(ENDPOINT + " is required")),
                auth, token, user, password, hmac, header, Duration.ofSeconds(seconds));
    }

    /** One configured endpoint. */
    private final class Target {
        private final URI endpoint;
        private final String auth;
        private final Secret token;
        private final String user;
        private final Secret password;
        private final Secret hmac;
        private final String signatureHeader;
        private final Duration timeout;

        Target(URI endpoint, String auth, Secret token, String user, Secret password, Secret hmac,
                String signatureHeader, Duration timeout) {
            this.endpoint = endpoint;
            this.auth = auth;
            this.token = token;
            this.user = user;
            this.password = password;
            this.hmac = hmac;
            this.signatureHeader = signatureHeader;
            this.timeout = timeout;
        }

        Delivery send(FeedItem item) throws ConnectorException {
            byte[] body;
            try {
                body = FeedJson.JSON.writeValueAsBytes(FeedJson.envelope(item.key(), item.entry()));
            } catch (JsonProcessingException e) {
                throw ConnectorException.permanent("a review feed entry could not be written as JSON");
            }
            VendorRequest request = VendorRequest.post(endpoint, "application/json", body)
                    .header("Idempotency-Key", idempotencyKey(item.key()))
                    .header("Accept", "application/json")
                    .timeout(timeout);
            switch (auth) {
                case "bearer" -> request.bearer(token);
                case "basic" -> request.basicAuth(user, password);
                default -> {
                }
            }
            if (hmac != null) {
                long now = clock.instant().getEpochSecond();
                request.header(TIMESTAMP_HEADER, Long.toString(now))
                        .header(signatureHeader, signature(hmac, now, body))
                        .bodyCarries(hmac);
            }
            VendorResponse response = http.exchange(request);
            int status = response.status();
            if (response.successful()) {
                return Delivery.delivered(item.key(), reference(item, response));
            }
            if (status == 404 || status == 405) {
                throw ConnectorException.config("the review feed endpoint answered " + status + " to "
                        + request.describe() + " — check " + ENDPOINT);
            }
            if (status == 400 || status == 413 || status == 422) {
                // 422 is also how an idempotency-aware receiver refuses a key reused for other content.
                return Delivery.refused(item.key(), http.failure(request, response).getMessage());
            }
            if (status == 409) {
                // The same key is still being processed (draft-ietf-httpapi-idempotency-key-header): ask again later.
                throw ConnectorException.transientFailure(http.failure(request, response).getMessage()
                        + " — an earlier request with this Idempotency-Key is still being processed",
                        RetryAfter.parse(response.header("Retry-After").orElse(null),
                                response.header("Date").orElse(null), clock.instant()).orElse(null));
            }
            // 401/403 CONFIG; 408, 429, 5xx TRANSIENT with Retry-After; any other status PERMANENT.
            throw http.failure(request, response);
        }

        /** The receiver's id for what it stored: {@code id} of a JSON answer, its Location, or the entry's key. */
        private String reference(FeedItem item, VendorResponse response) {
            try {
                JsonNode answer = response.body().length == 0 ? null : FeedJson.JSON.readTree(response.body());
                if (answer != null && answer.isObject() && answer.path("id").isValueNode()
                        && !answer.get("id").asText().isBlank()) {
                    return answer.get("id").asText();
                }
            } catch (IOException e) {
                // a text answer: fall back to the headers
            }
            return response.header("Location").filter(l -> !l.isBlank()).orElse(item.key());
        }
    }
}
