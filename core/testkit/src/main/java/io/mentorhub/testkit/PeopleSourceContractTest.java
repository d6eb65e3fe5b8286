package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PeopleSource;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import io.mentorhub.api.connector.Setting;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every HRIS connector with a {@link PeopleSource} passes against its vendor's sandbox: a full sync
 * over three pages that returns everyone exactly as the vendor holds them; an incremental sync that misses no one
 * changed since the given instant (and, where the vendor reports them, no deletion); leavers with their status and
 * date; only the allowed fields; and each way a vendor fails — rate limited with {@code Retry-After}, credentials
 * refused, a record it cannot read, server errors, a reset connection, a redirect to another host, a metadata
 * address — each as the typed error the hub acts on, with the page repeatable once the vendor recovers.
 *
 * <p>A subclass returns the connector, a {@link PeopleSandbox} (fresh per test) and a configuration pointing at it;
 * {@link #pageSize()} is small so that paging is exercised.
 */
public abstract class PeopleSourceContractTest extends ConnectorContractTest {

    protected static final Instant LONG_AGO = Instant.parse("2024-01-10T08:00:00Z");
    protected static final Instant SINCE = Instant.parse("2026-02-01T00:00:00Z");
    protected static final Instant RECENTLY = Instant.parse("2026-02-03T14:30:00Z");

    protected abstract PeopleSandbox sandbox();

    /** Records per page the contract asks for. */
    protected int pageSize() {
        return 4;
    }

    private PeopleSource source() {
        return (PeopleSource) connector();
    }

    private PeopleQuery query(String cursor, Instant since) {
        return new PeopleQuery(cursor, since, pageSize(), null);
    }

    /** Every page of a sync, in order. */
    protected final List<PeoplePage> syncAll(Instant since) throws ConnectorException {
        ConnectorConfig config = config();
        List<PeoplePage> pages = new ArrayList<>();
        String cursor = null;
        do {
            PeoplePage page = source().fetchPeople(config, query(cursor, since));
            assertTrue(page.records().size() <= pageSize(), "a page holds at most the page size asked for");
            page.records().forEach(r -> assertNoSecret(r.toString()));
            page.rejected().forEach(r -> assertNoSecret(r.toString()));
            pages.add(page);
            cursor = page.nextCursor();
            assertTrue(pages.size() <= 1000, "the cursor never ends");
        } while (cursor != null);
        return pages;
    }

    private static Map<String, PersonRecord> byId(List<PeoplePage> pages) {
        Map<String, PersonRecord> records = new LinkedHashMap<>();
        for (PeoplePage page : pages) {
            for (PersonRecord record : page.records()) {
                assertEquals(null, records.put(record.id(), record), "person " + record.id() + " came twice");
            }
        }
        return records;
    }

    private static List<RejectedRecord> rejected(List<PeoplePage> pages) {
        List<RejectedRecord> rejected = new ArrayList<>();
        pages.forEach(p -> rejected.addAll(p.rejected()));
        return rejected;
    }

    /** The vendor's view of a canonical person: only the fields it carries. */
    private Map<String, String> carried(PersonRecord person) {
        Map<String, String> fields = new HashMap<>();
        for (String field : sandbox().fields()) {
            if (person.get(field) != null) {
                fields.put(field, person.get(field));
            }
        }
        return fields;
    }

    private void assertSameAsTheVendor(List<PersonRecord> expected, Map<String, PersonRecord> actual) {
        assertEquals(new TreeSet<>(expected.stream().map(PersonRecord::id).toList()), new TreeSet<>(actual.keySet()));
        for (PersonRecord person : expected) {
            assertEquals(carried(person), carried(actual.get(person.id())), "person " + person.id());
            assertFalse(actual.get(person.id()).deleted());
        }
    }

    @Test
    void aFullSyncPagesThroughEveryoneExactlyAsTheVendorHoldsThem() throws ConnectorException {
        List<PersonRecord> people = CanonicalPeople.of(3 * pageSize() - 1);
        sandbox().hold(people, Map.of());
        List<PeoplePage> pages = syncAll(null);
        assertEquals(3, pages.size(), (3 * pageSize() - 1) + " people at " + pageSize() + " a page");
        assertSameAsTheVendor(people, byId(pages));
        assertEquals(List.of(), rejected(pages));
    }

    @Test
    void aPageRepeatsWhenItsQueryIsRepeated() throws ConnectorException {
        sandbox().hold(CanonicalPeople.of(2 * pageSize()), Map.of());
        ConnectorConfig config = config();
        PeoplePage first = source().fetchPeople(config, query(null, null));
        PeoplePage second = source().fetchPeople(config, query(first.nextCursor(), null));
        PeoplePage again = source().fetchPeople(config, query(first.nextCursor(), null));
        assertEquals(second.records(), again.records(), "a retried call gets the same page");
        assertEquals(second.nextCursor(), again.nextCursor());
    }

    @Test
    void onlyTheAllowedFieldsComeBack() throws ConnectorException {
        sandbox().hold(CanonicalPeople.of(3), Map.of());
        Set<String> allowed = Set.of(PersonFields.ID, PersonFields.WORK_EMAIL);
        PeoplePage page = source().fetchPeople(config(), new PeopleQuery(null, null, 10, allowed));
        assertEquals(3, page.records().size());
        for (PersonRecord record : page.records()) {
            assertTrue(allowed.containsAll(record.fields().keySet()),
                    "fields beyond the allowlist: " + record.fields().keySet());
        }
    }

    @Test
    void anIncrementalSyncMissesNoOneChangedSinceTheInstant() throws ConnectorException {
        if (!connector().capabilities().contains(Capability.PEOPLE_INCREMENTAL_SYNC)) {
            return;
        }
        List<PersonRecord> people = CanonicalPeople.of(3 * pageSize() + 2);
        Map<String, Instant> changed = new HashMap<>();
        Set<String> changedIds = Set.of(CanonicalPeople.id(1), CanonicalPeople.id(7), CanonicalPeople.id(3 * pageSize()));
        changedIds.forEach(id -> changed.put(id, RECENTLY));
        people.forEach(p -> changed.putIfAbsent(p.id(), LONG_AGO));
        // One changed exactly at the instant: "at or after" includes it.
        changed.put(CanonicalPeople.id(2), SINCE);
        sandbox().hold(people, changed);
        String deleted = CanonicalPeople.id(5);
        if (sandbox().reportsDeletions()) {
            sandbox().delete(deleted, RECENTLY);
        }
        List<PeoplePage> pages = syncAll(SINCE);
        Map<String, PersonRecord> records = byId(pages);
        Set<String> expected = new HashSet<>(changedIds);
        expected.add(CanonicalPeople.id(2));
        for (String id : expected) {
            assertTrue(records.containsKey(id), "person " + id + " changed since the instant and was missed");
            PersonRecord person = people.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
            assertEquals(carried(person), carried(records.get(id)), "person " + id);
        }
        if (sandbox().reportsDeletions()) {
            expected.add(deleted);
            assertTrue(records.containsKey(deleted) && records.get(deleted).deleted(),
                    "the deletion of " + deleted + " was missed");
        }
        if (sandbox().filtersByLastChange()) {
            assertEquals(new TreeSet<>(expected), new TreeSet<>(records.keySet()), "only the changed people");
        }
    }

    @Test
    void leaversAndPeopleOnLeaveComeWithTheirStatusAndDate() throws ConnectorException {
        if (!sandbox().fields().contains(PersonFields.STATUS)) {
            return;
        }
        List<PersonRecord> people = CanonicalPeople.of(18);
        sandbox().hold(people, Map.of());
        Map<String, PersonRecord> records = byId(syncAll(null));
        for (int i : new int[] {7, 17}) {
            PersonRecord leaver = records.get(CanonicalPeople.id(i));
            assertEquals("T", leaver.get(PersonFields.STATUS), "person " + i + " left");
            if (sandbox().fields().contains(PersonFields.TERMINATION_DATE)) {
                assertEquals(people.get(i).get(PersonFields.TERMINATION_DATE), leaver.get(PersonFields.TERMINATION_DATE));
            }
            assertFalse(leaver.deleted(), "a leaver is terminated, not deleted: their history stays");
        }
        assertEquals("L", records.get(CanonicalPeople.id(4)).get(PersonFields.STATUS));
        assertEquals("A", records.get(CanonicalPeople.id(0)).get(PersonFields.STATUS));
    }

    @Test
    void aRecordTheConnectorCannotReadIsRejectedAndTheRestArrive() throws ConnectorException {
        List<PersonRecord> people = CanonicalPeople.of(2 * pageSize() + 1);
        sandbox().hold(people, Map.of());
        String broken = CanonicalPeople.id(pageSize() + 1);
        sandbox().corrupt(broken);
        List<PeoplePage> pages = syncAll(null);
        Map<String, PersonRecord> records = byId(pages);
        List<RejectedRecord> rejected = rejected(pages);
        assertEquals(1, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).recordId() == null || rejected.get(0).recordId().equals(broken), rejected.toString());
        assertFalse(records.containsKey(broken));
        assertEquals(people.size() - 1, records.size(), "everyone else arrives");
    }

    @Test
    void aRateLimitIsTransientWithTheVendorsRetryAfter() throws ConnectorException {
        sandbox().hold(CanonicalPeople.of(3), Map.of());
        sandbox().fail(PeopleSandbox.Failure.rateLimited(Duration.ofSeconds(7)));
        ConnectorException e = assertFailure(Kind.TRANSIENT,
                assertThrows(ConnectorException.class, () -> source().fetchPeople(config(), query(null, null))));
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElse(null));
        sandbox().stopFailing();
        assertEquals(3, syncAll(null).stream().mapToInt(p -> p.records().size()).sum());
    }

    @Test
    void refusedCredentialsAreAConfigurationError() {
        sandbox().hold(CanonicalPeople.of(3), Map.of());
        sandbox().fail(PeopleSandbox.Failure.unauthorized());
        assertFailure(Kind.CONFIG,
                assertThrows(ConnectorException.class, () -> source().fetchPeople(config(), query(null, null))));
    }

    @Test
    void serverErrorsAreTransientAndThePageRepeatsOnceTheVendorRecovers() throws ConnectorException {
        List<PersonRecord> people = CanonicalPeople.of(2 * pageSize() + 1);
        sandbox().hold(people, Map.of());
        ConnectorConfig config = config();
        PeoplePage first = source().fetchPeople(config, query(null, null));
        sandbox().fail(PeopleSandbox.Failure.serverError());
        assertFailure(Kind.TRANSIENT, assertThrows(ConnectorException.class,
                () -> source().fetchPeople(config, query(first.nextCursor(), null))));
        sandbox().stopFailing();
        List<PeoplePage> pages = new ArrayList<>(List.of(first));
        String cursor = first.nextCursor();
        while (cursor != null) {
            PeoplePage page = source().fetchPeople(config, query(cursor, null));
            pages.add(page);
            cursor = page.nextCursor();
        }
        assertSameAsTheVendor(people, byId(pages));
    }

    @Test
    void aResetConnectionIsTransient() {
        sandbox().hold(CanonicalPeople.of(3), Map.of());
        sandbox().fail(PeopleSandbox.Failure.connectionReset());
        assertFailure(Kind.TRANSIENT,
                assertThrows(ConnectorException.class, () -> source().fetchPeople(config(), query(null, null))));
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        WireMockServer elsewhere = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        elsewhere.start();
        try {
            elsewhere.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.okJson("{}")));
            sandbox().hold(CanonicalPeople.of(3), Map.of());
            sandbox().fail(PeopleSandbox.Failure.redirectTo(URI.create("http://127.0.0.1:" + elsewhere.port()
                    + "/collect")));
            assertFailure(Kind.CONFIG,
                    assertThrows(ConnectorException.class, () -> source().fetchPeople(config(), query(null, null))));
            assertEquals(0, elsewhere.getAllServeEvents().size(), "the other host never saw a request");
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void aMetadataAddressIsRefusedBeforeAnyConnection() {
        int before = sandbox().requests();
        for (Setting setting : connector().settings()) {
            if (setting.type() == Setting.Type.URL) {
                for (String url : List.of("http://169.254.169.254/latest/meta-data/", "https://169.254.169.254",
                        "http://metadata.google.internal/computeMetadata/v1/", "http://[fd00:ec2::254]/")) {
                    Map<String, String> raw = new HashMap<>(configuration());
                    raw.put(setting.id(), url);
                    ConnectorException e = assertThrows(ConnectorException.class, () -> {
                        ConnectorConfig config = config(raw);
                        source().fetchPeople(config, query(null, null));
                    }, url);
                    assertFailure(Kind.CONFIG, e);
                }
            }
        }
        assertEquals(before, sandbox().requests(), "nothing reached the vendor");
    }
}
