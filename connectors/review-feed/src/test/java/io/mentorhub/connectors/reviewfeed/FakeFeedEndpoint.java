package io.mentorhub.connectors.reviewfeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.ReviewFeedPublisher.FeedItem;
import io.mentorhub.testkit.ScriptedTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An integration endpoint receiving the review feed, as the receiving side of an idempotent API is usually built
 * (Stripe-style, draft-ietf-httpapi-idempotency-key-header): the first request with an {@code Idempotency-Key} is
 * processed and its answer kept; a repeat with the same body gets the same answer and changes nothing; a repeat with
 * another body is 422; a key still being processed is 409. It authenticates by bearer token or Basic, checks the
 * HMAC signature when given a secret (computed here independently of the connector), and refuses entries for people
 * it does not know (422), like an HRIS-side integration would.
 */
public final class FakeFeedEndpoint extends ScriptedTarget implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-feed-endpoint";
    public static final int STALL_MILLIS = 2500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Stored(byte[] digest, String id, JsonNode envelope) {
    }

    private final String authorization;
    private final Map<String, Stored> byKey = new LinkedHashMap<>();
    private final Set<String> knownEmails = new HashSet<>();
    private final Set<String> inProgress = new HashSet<>();
    private String hmacSecret;
    private String signatureHeader = "X-Mentorhub-Signature";
    private long now;
    private boolean stallNextWrite;
    private int nextId = 1;

    /** @param authorization the Authorization header value it expects, or null for none */
    public FakeFeedEndpoint(String authorization, long now) {
        this.authorization = authorization;
        this.now = now;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void knows(String email) {
        knownEmails.add(email);
    }

    public synchronized void signedWith(String secret, String header) {
        hmacSecret = secret;
        signatureHeader = header;
    }

    public synchronized void stillProcessing(String key) {
        inProgress.add(key);
    }

    public synchronized int stored() {
        return byKey.size();
    }

    public synchronized JsonNode envelope(String idempotencyKey) {
        Stored stored = byKey.get(idempotencyKey);
        return stored == null ? null : stored.envelope();
    }

    /** Entries held for the hub's item key — one, however many requests carried it, if the key was always the same. */
    @Override
    public synchronized int copies(Delivery.Keyed item) {
        String key = ((FeedItem) item).key();
        return (int) byKey.values().stream().filter(s -> s.envelope().path("key").asText().equals(key)).count();
    }

    @Override
    public synchronized void commitThenStall() {
        stallNextWrite = true;
    }

    @Override
    protected ResponseDefinition unauthorized() {
        return error(401, "invalid credentials");
    }

    @Override
    protected ResponseDefinition rateLimited(ResponseDefinitionBuilder tooMany) {
        return tooMany.withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"rate limit exceeded\"}").build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return error(502, "upstream HRIS unavailable");
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinition scripted = counted();
        if (scripted != null) {
            return scripted;
        }
        if (authorization != null && !authorization.equals(request.getHeader("Authorization"))) {
            return error(401, "invalid credentials");
        }
        byte[] body = request.getBody();
        if (hmacSecret != null) {
            String timestamp = request.getHeader("X-Mentorhub-Timestamp");
            String signature = request.getHeader(signatureHeader);
            if (timestamp == null || signature == null || Math.abs(Long.parseLong(timestamp) - now) > 300
                    || !signature.equals(expectedSignature(timestamp, body))) {
                return error(401, "invalid signature");
            }
        }
        String key = request.getHeader("Idempotency-Key");
        if (key == null || key.isBlank()) {
            return error(400, "Idempotency-Key header is required");
        }
        if (inProgress.contains(key)) {
            return new ResponseDefinitionBuilder().withStatus(409).withHeader("Retry-After", "3")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"a request with this Idempotency-Key is being processed\"}").build();
        }
        byte[] digest = digest(body);
        Stored stored = byKey.get(key);
        if (stored != null) {
            if (!Arrays.equals(stored.digest(), digest)) {
                return error(422, "Idempotency-Key reused with a different request body");
            }
            return created(stored.id(), false);
        }
        JsonNode envelope;
        try {
            envelope = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "body is not JSON");
        }
        if (!FeedJson.TYPE.equals(envelope.path("type").asText())) {
            return error(400, "unknown message type");
        }
        if (!knownEmails.contains(envelope.path("entry").path("work_email").asText())) {
            return error(422, "no employee with this work e-mail in the HRIS");
        }
        String id = "rf_" + nextId++;
        byKey.put(key, new Stored(digest, id, envelope));
        boolean stall = stallNextWrite;
        stallNextWrite = false;
        return created(id, stall);
    }

    private String expectedSignature(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = new byte[timestamp.length() + 1 + body.length];
            System.arraycopy((timestamp + ".").getBytes(StandardCharsets.US_ASCII), 0, signed, 0, timestamp.length() + 1);
            System.arraycopy(body, 0, signed, timestamp.length() + 1, body.length);
            StringBuilder hex = new StringBuilder("sha256=");
            for (byte b : mac.doFinal(signed)) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] digest(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseDefinition created(String id, boolean stall) {
        ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(201)
                .withHeader("Content-Type", "application/json").withHeader("Location", "/inbound/review-feed/" + id)
                .withBody("{\"id\":\"" + id + "\",\"status\":\"accepted\"}");
        if (stall) {
            response.withFixedDelay(STALL_MILLIS);
        }
        return response.build();
    }

    private static ResponseDefinition error(int status, String message) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(JSON.createObjectNode().put("error", message).toString()).build();
    }
}
