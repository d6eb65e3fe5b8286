package io.mentorhub.connectors.workday;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.testkit.CanonicalPeople;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Workday's own ways, beyond the contract: tokens, prompts, the workers limit and shifting offsets. */
class WorkdayQuirksIT extends WorkdayTestSupport {

    private boolean raas = true;

    @Override
    boolean raas() {
        return raas;
    }

    private ConnectorConfig configWith(String key, String value) throws ConnectorException {
        Map<String, String> raw = new HashMap<>(configuration());
        raw.put(key, value);
        return config(raw);
    }

    private List<PersonRecord> syncWith(ConnectorConfig config, int pageSize) throws ConnectorException {
        List<PersonRecord> all = new ArrayList<>();
        String cursor = null;
        do {
            PeoplePage page = connector.fetchPeople(config, new PeopleQuery(cursor, null, pageSize, null));
            all.addAll(page.records());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    void oneTokenServesEveryPageAndARefusedTokenIsRenewedOnce() throws ConnectorException {
        fake.hold(CanonicalPeople.of(9), Map.of());
        assertEquals(9, syncWith(config(), 2).size());
        assertEquals(1, fake.tokenRequests.get(), "5 pages, one token");
        fake.revokeTokens();
        assertEquals(9, syncWith(config(), 4).size());
        assertEquals(2, fake.tokenRequests.get(), "the refused token was renewed once");
    }

    @Test
    void aRefreshTokenWorkdayRefusesIsAConfigError() throws ConnectorException {
        fake.hold(CanonicalPeople.of(2), Map.of());
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.fetchPeople(
                configWith("refresh_token", "revoked-one"), new PeopleQuery(null, null, 10, null)));
        assertEquals(ConnectorException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertFalse(e.getMessage().contains("revoked-one"));
    }

    @Test
    void tokensOfChangedCredentialsOrOtherInstancesAreNotShared() throws ConnectorException {
        fake.hold(CanonicalPeople.of(2), Map.of());
        connector.fetchPeople(config(), new PeopleQuery(null, null, 10, null));
        Map<String, String> other = new HashMap<>(configuration());
        connector.fetchPeople(ConnectorConfig.of("another-instance", connector.settings(), other, true),
                new PeopleQuery(null, null, 10, null));
        assertEquals(2, fake.tokenRequests.get());
        for (int i = 0; i < AccessTokens.CAPACITY + 6; i++) {
            connector.fetchPeople(ConnectorConfig.of("instance-" + i, connector.settings(), other, true),
                    new PeopleQuery(null, null, 10, null));
        }
        assertTrue(connector.toString().contains("[" + AccessTokens.CAPACITY + " cached]"), connector.toString());
    }

    @Test
    void anIncrementalSyncPassesTheInstantToTheReportsPrompt() throws ConnectorException {
        fake.hold(CanonicalPeople.of(2), Map.of());
        connector.fetchPeople(config(), new PeopleQuery(null, Instant.parse("2026-02-01T07:30:00Z"), 10, null));
        assertEquals("format=json&Changed_Since=2026-02-01T07%3A30%3A00.000%2B00%3A00", fake.lastRaasQuery);
        PeoplePage all = connector.fetchPeople(configWith("changed_since_prompt", ""),
                new PeopleQuery(null, Instant.parse("2026-02-01T07:30:00Z"), 10, null));
        assertEquals(2, all.records().size(), "without a prompt the whole report still misses no change");
    }

    @Test
    void aGroupColumnIsAConfigErrorNotAnEmptyField() {
        server.stubFor(get(urlPathMatching("/ccx/service/customreport2/.*")).atPriority(1).willReturn(okJson(
                "{\"Report_Entry\":[{\"Employee_ID\":\"1001\",\"Location\":[{\"Location\":\"Berlin\"},{\"Location\":\"Lisbon\"}]}]}")));
        assertEquals(ConnectorException.Kind.CONFIG, assertThrows(ConnectorException.class,
                () -> connector.fetchPeople(config(), new PeopleQuery(null, null, 10, null))).kind());
    }

    @Test
    void badSettingsAreReportedTogether() {
        Map<String, String> raw = new HashMap<>(configuration());
        raw.put("report", "no-owner");
        raw.put("columns", "given_name:First_Name");
        raw.put("tenant", "a b");
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connector.fetchPeople(config(raw), new PeopleQuery(null, null, 10, null)));
        assertEquals(ConnectorException.Kind.CONFIG, e.kind());
        for (String part : List.of("report must be", "columns: id must be mapped", "tenant must be")) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertEquals(0, fake.requests());
    }

    @Test
    void theWorkersApiIsAskedForAtMostAHundredAndNoWorkerIsSkippedWhenOneLeavesBetweenPages() throws ConnectorException {
        raas = false;
        stopFakeQuietly();
        startFake();
        List<PersonRecord> people = CanonicalPeople.of(250);
        fake.hold(people, Map.of());
        assertEquals(250, new HashSet<>(syncWith(config(), 1000).stream().map(PersonRecord::id).toList()).size());

        ConnectorConfig config = config();
        PeoplePage first = connector.fetchPeople(config, new PeopleQuery(null, null, 10, null));
        // Someone on the first page leaves: everyone after moves one offset up.
        List<PersonRecord> fewer = new ArrayList<>(people.subList(0, 30));
        fewer.remove(3);
        fake.hold(fewer, Map.of());
        Set<String> seen = new HashSet<>(first.records().stream().map(PersonRecord::id).toList());
        String cursor = first.nextCursor();
        while (cursor != null) {
            PeoplePage page = connector.fetchPeople(config, new PeopleQuery(cursor, null, 10, null));
            page.records().forEach(r -> seen.add(r.id()));
            cursor = page.nextCursor();
        }
        fewer.forEach(p -> assertTrue(seen.contains(p.id()), "worker " + p.id() + " was skipped"));
    }

    private void stopFakeQuietly() {
        try {
            stopFake();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
