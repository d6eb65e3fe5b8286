package io.mentorhub.plugins.surveys.surveymonkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void acceptsSurveyMonkeysDataCentres() {
        assertEquals(URI.create("https://api.surveymonkey.com"), Endpoint.validate("https://api.surveymonkey.com/", false));
        assertEquals(URI.create("https://api.eu.surveymonkey.com"),
                Endpoint.validate(" https://api.eu.surveymonkey.com ", false));
    }

    @Test
    void refusesMetadataLinkLocalPrivateAndLoopbackAddresses() {
        for (String url : List.of("https://169.254.169.254", "https://2852039166", "https://[fe80::1]",
                "https://metadata.google.internal", "https://metadata", "https://0.0.0.0", "https://10.0.0.8",
                "https://192.168.1.4", "https://172.16.0.1", "https://[fd00::1]", "https://127.0.0.1",
                "https://localhost", "https://[::1]", "https://anything.internal")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Endpoint.validate(url, false), url);
            assertTrue(e.getMessage().startsWith("baseUrl"), e.getMessage());
        }
        // Even for tests, link-local and metadata stay out.
        assertThrows(IllegalArgumentException.class, () -> Endpoint.validate("http://169.254.169.254", true));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.validate("http://metadata.google.internal", true));
    }

    @Test
    void refusesPlainHttpUserInfoPathsAndJunk() {
        for (String url : List.of("http://api.surveymonkey.com", "https://user:pw@api.surveymonkey.com",
                "https://api.surveymonkey.com/v3", "https://api.surveymonkey.com?x=1", "ftp://api.surveymonkey.com",
                "https://", "https://exa mple.com", "", "https://api_bad.example")) {
            assertThrows(IllegalArgumentException.class, () -> Endpoint.validate(url, false), url);
        }
        assertThrows(IllegalArgumentException.class, () -> Endpoint.validate(null, false));
    }

    @Test
    void plainHttpAndLoopbackOnlyWhenAllowedForTests() {
        assertEquals(URI.create("http://127.0.0.1:8089"), Endpoint.validate("http://127.0.0.1:8089", true));
        assertEquals(URI.create("http://localhost:8089"), Endpoint.validate("http://localhost:8089", true));
        assertFalse(Endpoint.validate("http://127.0.0.1:8089", true).toString().endsWith("/"));
    }
}
