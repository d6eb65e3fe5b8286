package io.mentorhub.api.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorSpiTest {

    private static final List<Setting> SCHEMA = List.of(
            Setting.required("base_url", "Base URL", Setting.Type.URL, "The tenant's API root"),
            Setting.required("api_key", "API key", Setting.Type.SECRET, "Settings > API keys"),
            Setting.optional("page_size", "Page size", Setting.Type.INTEGER, "200", "Records per request"),
            Setting.optional("include_contractors", "Contractors", Setting.Type.BOOLEAN, "false", "Also contractors"),
            Setting.choice("report", "Report", "directory", List.of("directory", "custom"), "Which report"));

    @Test
    void aValidConfigurationIsTypedAndItsSecretsAreMaskedEverywhere() throws Exception {
        ConnectorConfig config = ConnectorConfig.of("acme-hris", SCHEMA,
                Map.of("base_url", "https://api.example.com/v1", "api_key", "s3cr3t-value", "schedule", "15m"), false);

        assertEquals(URI.create("https://api.example.com/v1"), config.url("base_url").orElseThrow());
        assertEquals("s3cr3t-value", config.secret("api_key").orElseThrow().reveal());
        assertEquals(200L, config.number("page_size").orElseThrow());
        assertFalse(config.flag("include_contractors"));
        assertEquals("directory", config.text("report").orElseThrow());
        assertFalse(config.toString().contains("s3cr3t"), config.toString());
        assertEquals(Secret.MASK, config.masked().get("api_key"));
        assertFalse(config.masked().containsKey("schedule"), "undeclared keys belong to the hub, not the connector");
    }

    @Test
    void everyProblemIsReportedAtOnceWithoutTheSecretsValue() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> ConnectorConfig.of("acme", SCHEMA,
                Map.of("base_url", "http://api.example.com", "page_size", "many", "include_contractors", "yes",
                        "report", "everything"), false));
        assertEquals(ConnectorException.Kind.CONFIG, e.kind());
        for (String part : List.of("base_url must use https", "api_key is required", "page_size must be a whole number",
                "include_contractors must be true or false", "report must be one of")) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void plainHttpOnlyWhereTheInstanceAllowsIt() throws Exception {
        ConnectorConfig config = ConnectorConfig.of("local", SCHEMA,
                Map.of("base_url", "http://127.0.0.1:8089/api", "api_key", "k"), true);
        assertEquals(8089, config.url("base_url").orElseThrow().getPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://169.254.169.254/latest/meta-data", "https://metadata.google.internal/x",
            "https://[fe80::1]/", "https://[fd00:ec2::254]/", "https://100.100.100.200/", "https://0.0.0.0/",
            "https://user:pass@api.example.com/", "ftp://api.example.com/", "api.example.com/v1", "https:///nohost",
            "https://169.254.10.10/"})
    void endpointsThatCouldTurnAgainstTheHubAreRefused(String url) {
        assertThrows(IllegalArgumentException.class, () -> Endpoints.check(URI.create(url), true), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.bamboohr.com/api/gateway.php/acme", "https://10.1.2.3:8443/hris",
            "https://[::1]:9443/", "https://wd2-impl-services1.workday.com/ccx/service/customreport2/acme"})
    void ordinaryAndOnPremisesEndpointsPass(String url) {
        assertEquals(URI.create(url), Endpoints.check(URI.create(url), false));
    }

    @Test
    void resolvedAddressesAreCheckedTooSoDnsCannotRebindAroundTheUrlCheck() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> Endpoints.checkAddress(InetAddress.getByName("169.254.169.254")));
        assertThrows(IllegalArgumentException.class,
                () -> Endpoints.checkAddress(InetAddress.getByName("::ffff:169.254.169.254")));
        assertEquals(InetAddress.getByName("10.0.0.5"), Endpoints.checkAddress(InetAddress.getByName("10.0.0.5")));
    }

    @Test
    void redirectsAreFollowedOnlyToTheSameOrigin() {
        URI from = URI.create("https://api.example.com/v1/people?page=2");
        assertTrue(Endpoints.sameOrigin(from, URI.create("https://api.example.com:443/v2/people")));
        assertFalse(Endpoints.sameOrigin(from, URI.create("https://evil.example.net/v1/people")));
        assertFalse(Endpoints.sameOrigin(from, URI.create("http://api.example.com/v1/people")));
        assertFalse(Endpoints.sameOrigin(from, URI.create("https://api.example.com:8443/v1/people")));
    }

    @Test
    void recordsDropEmptyValuesRefuseUnknownFieldsAndQueriesAlwaysAskForTheId() {
        PersonRecord record = PersonRecord.of("E-1", Map.of("given_name", " Ada ", "title", "  ", "custom.cost_center",
                "CC-7"));
        assertEquals("Ada", record.get(PersonFields.GIVEN_NAME));
        assertFalse(record.fields().containsKey(PersonFields.TITLE), "an empty value is absent, so fill rates count it");
        assertEquals("E-1", record.get(PersonFields.ID));
        assertThrows(IllegalArgumentException.class, () -> PersonRecord.of("E-2", Map.of("salary", "1")));
        assertThrows(IllegalArgumentException.class, () -> new PeopleQuery(null, null, 100, Set.of("given_name")));
        assertThrows(IllegalArgumentException.class, () -> new PeopleQuery(null, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new PeoplePage(List.of(), List.of(), ""));
    }

    @Test
    void exceptionsCarryTheirKindAndRetryHintAndNoCause() {
        ConnectorException e = ConnectorException.transientFailure("429 from vendor", java.time.Duration.ofSeconds(7));
        assertEquals(ConnectorException.Kind.TRANSIENT, e.kind());
        assertEquals(7, e.retryAfter().orElseThrow().toSeconds());
        assertEquals(null, e.getCause());
        assertThrows(IllegalArgumentException.class,
                () -> ConnectorException.transientFailure("x", java.time.Duration.ofSeconds(-1)));
    }

    @Test
    void everyCapabilityNamesItsFacet() {
        for (Capability capability : Capability.values()) {
            assertTrue(capability.facet().isInterface(), capability.name());
        }
    }
}
