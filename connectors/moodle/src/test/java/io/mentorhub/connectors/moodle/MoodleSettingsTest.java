package io.mentorhub.connectors.moodle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoodleSettingsTest {

    private final MoodleConnector connector = new MoodleConnector();

    @Test
    void defaultsFillEverythingButTheSiteAndTheToken() throws ConnectorException {
        ConnectorConfig config = ConnectorConfig.of("lms", connector.settings(),
                Map.of(MoodleConnector.SITE_URL, "https://learn.example.com", MoodleConnector.TOKEN, "t0k3n"), false);
        assertEquals(URI.create("https://learn.example.com"), config.url(MoodleConnector.SITE_URL).orElseThrow());
        assertEquals(Secret.of("t0k3n"), config.secret(MoodleConnector.TOKEN).orElseThrow());
        assertEquals(5L, config.number(MoodleConnector.STUDENT_ROLE_ID).orElseThrow());
        assertEquals("UTC", config.text(MoodleConnector.TIME_ZONE).orElseThrow());
        assertEquals(30L, config.number(MoodleConnector.TIMEOUT).orElseThrow());
        assertEquals(Secret.MASK, config.masked().get(MoodleConnector.TOKEN));
    }

    @Test
    void everySettingMapsAndOnlyTheTokenIsSecret() throws ConnectorException {
        ConnectorConfig config = ConnectorConfig.of("lms", connector.settings(), Map.of(
                MoodleConnector.SITE_URL, "https://example.org/moodle", MoodleConnector.TOKEN, "t0k3n",
                MoodleConnector.STUDENT_ROLE_ID, "9", MoodleConnector.TIME_ZONE, "Europe/Berlin",
                MoodleConnector.TIMEOUT, "60"), false);
        assertEquals(9L, config.number(MoodleConnector.STUDENT_ROLE_ID).orElseThrow());
        assertEquals("Europe/Berlin", config.text(MoodleConnector.TIME_ZONE).orElseThrow());
        assertEquals(60L, config.number(MoodleConnector.TIMEOUT).orElseThrow());
        assertEquals(1, connector.settings().stream().filter(Setting::secret).count());
        assertTrue(connector.settings().stream().filter(Setting::secret).allMatch(s -> s.id().equals(MoodleConnector.TOKEN)));
    }

    @Test
    void plainHttpIsRefusedUnlessTheInstanceAllowsIt() {
        assertThrows(ConnectorException.class, () -> ConnectorConfig.of("lms", connector.settings(),
                Map.of(MoodleConnector.SITE_URL, "http://learn.example.com", MoodleConnector.TOKEN, "t"), false));
    }

    @Test
    void theRestEndpointFollowsTheSiteAddressWithOrWithoutASubdirectory() {
        assertEquals(URI.create("https://learn.example.com/webservice/rest/server.php"),
                MoodleSite.endpoint(URI.create("https://learn.example.com")));
        assertEquals(URI.create("https://learn.example.com/webservice/rest/server.php"),
                MoodleSite.endpoint(URI.create("https://learn.example.com/")));
        assertEquals(URI.create("https://example.org:8443/moodle/webservice/rest/server.php"),
                MoodleSite.endpoint(URI.create("https://example.org:8443/moodle//")));
        assertEquals(URI.create("https://example.org/moodle/webservice/rest/server.php"),
                MoodleSite.endpoint(URI.create("https://example.org/moodle/webservice/rest/server.php")));
    }
}
