package io.mentorhub.connectors.xapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.Secret;
import io.mentorhub.api.connector.Setting;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class XapiSettingsTest {

    private final XapiConnector connector = new XapiConnector();

    @Test
    void defaultsAndTheMappingOfEverySetting() throws ConnectorException {
        ConnectorConfig defaults = ConnectorConfig.of("lrs", connector.settings(), Map.of(
                XapiConnector.ENDPOINT, "https://lrs.example.com/xapi/", XapiConnector.KEY, "k",
                XapiConnector.SECRET, "s", XapiConnector.IRI_BASE, "https://mentoring.example.com/xapi/"), false);
        assertEquals(URI.create("https://lrs.example.com/xapi/"), defaults.url(XapiConnector.ENDPOINT).orElseThrow());
        assertEquals(Secret.of("k"), defaults.secret(XapiConnector.KEY).orElseThrow());
        assertEquals(Secret.of("s"), defaults.secret(XapiConnector.SECRET).orElseThrow());
        assertEquals("mentorhub", defaults.text(XapiConnector.PLATFORM).orElseThrow());
        assertEquals("en-US", defaults.text(XapiConnector.LANGUAGE).orElseThrow());
        assertEquals(50L, defaults.number(XapiConnector.BATCH).orElseThrow());
        assertEquals(30L, defaults.number(XapiConnector.TIMEOUT).orElseThrow());

        ConnectorConfig all = ConnectorConfig.of("lrs", connector.settings(), Map.of(
                XapiConnector.ENDPOINT, "https://lrs.example.com/xapi/", XapiConnector.KEY, "k",
                XapiConnector.SECRET, "s", XapiConnector.IRI_BASE, "https://mentoring.example.com/xapi/",
                XapiConnector.PLATFORM, "Acme", XapiConnector.LANGUAGE, "fr-FR", XapiConnector.BATCH, "10",
                XapiConnector.TIMEOUT, "5"), false);
        assertEquals("Acme", all.text(XapiConnector.PLATFORM).orElseThrow());
        assertEquals("fr-FR", all.text(XapiConnector.LANGUAGE).orElseThrow());
        assertEquals(10L, all.number(XapiConnector.BATCH).orElseThrow());
        assertEquals(5L, all.number(XapiConnector.TIMEOUT).orElseThrow());
        assertEquals(Set.of(XapiConnector.KEY, XapiConnector.SECRET),
                connector.settings().stream().filter(Setting::secret).map(Setting::id).collect(Collectors.toSet()));
    }

    @Test
    void anMboxIsTheLowerCaseAddressOrNothing() {
        assertEquals("mailto:ada@example.com", Statements.mbox(" Ada@Example.COM "));
        assertNull(Statements.mbox("ada lovelace@example.com"));
        assertNull(Statements.mbox("ada@@example.com"));
        assertNull(Statements.mbox("example.com"));
        assertNull(Statements.mbox(" "));
    }
}
