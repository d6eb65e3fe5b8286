package io.mentorhub.connectors.reviewfeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReviewFeedSettingsTest {

    private final ReviewFeedConnector connector = new ReviewFeedConnector();

    @Test
    void defaultsAndTheMappingOfEverySetting() throws ConnectorException {
        ConnectorConfig defaults = ConnectorConfig.of("feed", connector.settings(),
                Map.of(ReviewFeedConnector.ENDPOINT, "https://hooks.example.com/review-feed"), false);
        assertEquals(URI.create("https://hooks.example.com/review-feed"), defaults.url(ReviewFeedConnector.ENDPOINT).orElseThrow());
        assertEquals("bearer", defaults.text(ReviewFeedConnector.AUTH).orElseThrow());
        assertEquals("X-Mentorhub-Signature", defaults.text(ReviewFeedConnector.SIGNATURE_HEADER).orElseThrow());
        assertEquals(30L, defaults.number(ReviewFeedConnector.TIMEOUT).orElseThrow());
        assertTrue(defaults.secret(ReviewFeedConnector.HMAC_SECRET).isEmpty());

        ConnectorConfig all = ConnectorConfig.of("feed", connector.settings(), Map.of(
                ReviewFeedConnector.ENDPOINT, "https://hooks.example.com/review-feed", ReviewFeedConnector.AUTH, "basic",
                ReviewFeedConnector.BEARER_TOKEN, "t", ReviewFeedConnector.BASIC_USER, "hub",
                ReviewFeedConnector.BASIC_PASSWORD, "p", ReviewFeedConnector.HMAC_SECRET, "h",
                ReviewFeedConnector.SIGNATURE_HEADER, "X-Sig", ReviewFeedConnector.TIMEOUT, "9"), false);
        assertEquals("basic", all.text(ReviewFeedConnector.AUTH).orElseThrow());
        assertEquals(Secret.of("t"), all.secret(ReviewFeedConnector.BEARER_TOKEN).orElseThrow());
        assertEquals("hub", all.text(ReviewFeedConnector.BASIC_USER).orElseThrow());
        assertEquals(Secret.of("p"), all.secret(ReviewFeedConnector.BASIC_PASSWORD).orElseThrow());
        assertEquals(Secret.of("h"), all.secret(ReviewFeedConnector.HMAC_SECRET).orElseThrow());
        assertEquals("X-Sig", all.text(ReviewFeedConnector.SIGNATURE_HEADER).orElseThrow());
        assertEquals(9L, all.number(ReviewFeedConnector.TIMEOUT).orElseThrow());
        assertEquals(Set.of(ReviewFeedConnector.BEARER_TOKEN, ReviewFeedConnector.BASIC_PASSWORD,
                ReviewFeedConnector.HMAC_SECRET),
                connector.settings().stream().filter(Setting::secret).map(Setting::id).collect(Collectors.toSet()));
    }

    @Test
    void anAuthenticationOutsideTheChoicesIsRefused() {
        assertEquals(ConnectorException.Kind.CONFIG, org.junit.jupiter.api.Assertions.assertThrows(ConnectorException.class,
                () -> ConnectorConfig.of("feed", connector.settings(), Map.of(ReviewFeedConnector.ENDPOINT,
                        "https://hooks.example.com/review-feed", ReviewFeedConnector.AUTH, "oauth"), false)).kind());
    }

    @Test
    void theSignatureIsTheHmacOfTimestampDotBody() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        // printf '%s' '1790000000.{"a":1}' | openssl dgst -sha256 -hmac key
        assertEquals("sha256=7a4d26944722100249410c8c7f2e76c3cc6e9735fcc98b39e44a122da5490ffc",
                ReviewFeedConnector.signature(Secret.of("key"), 1_790_000_000L, body));
    }

    @Test
    void keysAHeaderCanCarryTravelAsTheyAreOthersAsTheirHash() {
        assertEquals("review-feed:2026-H2:E-1", ReviewFeedConnector.idempotencyKey("review-feed:2026-H2:E-1"));
        String hashed = ReviewFeedConnector.idempotencyKey("with space");
        assertTrue(hashed.matches("sha256-[0-9a-f]{64}"));
        assertEquals(hashed, ReviewFeedConnector.idempotencyKey("with space"));
        assertTrue(ReviewFeedConnector.idempotencyKey("x".repeat(256)).startsWith("sha256-"));
    }
}
