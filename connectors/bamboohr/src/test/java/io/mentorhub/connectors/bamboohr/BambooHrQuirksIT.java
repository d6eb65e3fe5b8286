package io.mentorhub.connectors.bamboohr;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.testkit.CanonicalPeople;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** BambooHR's own ways, beyond the contract. */
class BambooHrQuirksIT extends BambooHrContractIT {

    private ConnectorConfig configWith(String key, String value) throws ConnectorException {
        Map<String, String> raw = new HashMap<>(configuration());
        raw.put(key, value);
        return config(raw);
    }

    @Test
    void theReportAsksOnlyForTheAllowedFieldsAndFiltersByLastChangedInWholeSeconds() throws ConnectorException {
        fake.hold(CanonicalPeople.of(2), Map.of());
        connector.fetchPeople(config(), new PeopleQuery(null, Instant.parse("2026-02-01T10:15:30.750Z"), 50,
                Set.of(PersonFields.ID, PersonFields.GIVEN_NAME, PersonFields.MANAGER_ID)));
        JsonNode body = fake.lastReportBody;
        List<String> fields = new ArrayList<>();
        body.path("fields").forEach(f -> fields.add(f.asText()));
        assertEquals(List.of("firstName", "supervisorEId"), fields);
        assertEquals("2026-02-01T10:15:30Z", body.path("filters").path("lastChanged").path("value").asText());
        assertEquals("no", body.path("filters").path("lastChanged").path("includeNull").asText());
    }

    @Test
    void extraFieldsMapMoreBambooFieldsAndBadOnesAreAConfigError() throws ConnectorException {
        fake.hold(CanonicalPeople.of(2), Map.of());
        PeoplePage page = connector.fetchPeople(configWith("extra_fields", "team:division"),
                new PeopleQuery(null, null, 10, null));
        assertEquals("North", page.records().get(0).get(PersonFields.TEAM));
        assertEquals(ConnectorException.Kind.CONFIG, assertThrows(ConnectorException.class,
                () -> connector.fetchPeople(configWith("extra_fields", "salary:payRate"), new PeopleQuery(null, null, 10, null))).kind());
        assertEquals(ConnectorException.Kind.CONFIG, assertThrows(ConnectorException.class,
                () -> connector.fetchPeople(configWith("company_domain", "acme/../other"), new PeopleQuery(null, null, 10, null))).kind());
    }

    @Test
    void aFieldTheKeyMayNotSeeStopsTheSyncInsteadOfEmptyingIt() throws ConnectorException {
        fake.hold(CanonicalPeople.of(2), Map.of());
        // BambooHR omits unknown or forbidden fields without an error.
        Set<String> allowed = Set.of(PersonFields.ID, PersonFields.GIVEN_NAME, "custom.cost_center");
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.fetchPeople(
                configWith("extra_fields", "custom.cost_center:customCostCenter"), new PeopleQuery(null, null, 10, allowed)));
        assertEquals(ConnectorException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("customCostCenter"), e.getMessage());
    }

    @Test
    void emptyDatesAndManagersStayAbsentSoFillRatesCountThem() throws ConnectorException {
        fake.hold(CanonicalPeople.of(8), Map.of());
        PeoplePage page = connector.fetchPeople(config(), new PeopleQuery(null, null, 10, null));
        assertFalse(page.records().get(0).fields().containsKey(PersonFields.MANAGER_ID), "the head has no manager");
        assertFalse(page.records().get(0).fields().containsKey(PersonFields.TERMINATION_DATE), "0000-00-00 is no date");
        assertEquals("2015-01-05", page.records().get(0).get(PersonFields.HIRE_DATE));
    }

    @Test
    void anHtmlErrorPageOrACutReportIsTransient() {
        server.stubFor(post(urlPathEqualTo("/api/gateway.php/northwind/v1/reports/custom")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>")));
        assertEquals(ConnectorException.Kind.TRANSIENT, assertThrows(ConnectorException.class,
                () -> connector.fetchPeople(config(), new PeopleQuery(null, null, 10, null))).kind());
        server.stubFor(post(urlPathEqualTo("/api/gateway.php/northwind/v1/reports/custom")).atPriority(1)
                .willReturn(okJson("{\"title\":\"x\",\"employees\":[{\"id\":\"1\"")));
        assertEquals(ConnectorException.Kind.TRANSIENT, assertThrows(ConnectorException.class,
                () -> connector.fetchPeople(config(), new PeopleQuery(null, null, 10, null))).kind());
    }
}
