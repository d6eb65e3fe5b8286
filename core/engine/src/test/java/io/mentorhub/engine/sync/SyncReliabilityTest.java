package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.domain.Person;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reliability scenario: 10,000 people from a vendor that fails 5 % of the page requests (HTTP 500,
 * connection reset, malformed chunk, an answer slower than the timeout, 429 with Retry-After) — nobody lost, nobody
 * twice, every field as the vendor has it, nothing in the dead-letter table, and the vendor never saw more requests in
 * a second than the instance's rate limit.
 */
class SyncReliabilityTest {

    private final SyncHub hub;

    SyncReliabilityTest() throws Exception {
        hub = createHub();
    }

    /** The hub the tests run on: H2 here, PostgreSQL in the IT that extends this class. */
    protected SyncHub createHub() throws Exception {
        return new SyncHub();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void tenThousandPeopleThroughFivePercentSeededFaultsArriveExactlyOnceAndEqualToTheSource() throws Exception {
        hub.vendor.seedCompany(10_000, 20261123);
        hub.vendor.faults(0.05, 20261123, PagedJsonVendor.TRANSIENT_FAULTS);
        hub.vendor.timeoutDelay(1_500);
        hub.vendor.retryAfter(1);
        hub.configure("acme", Map.of("page_size", "100", "timeout_ms", "700", "rate_limit", "20",
                "max_attempts", "10", "retry_delay", "20ms", "retry_after_cap", "2s"));

        JsonNode run = hub.syncOk("acme", Map.of());

        Map<String, Map<String, String>> source = hub.vendor.people();
        Map<String, Person> stored = hub.people();
        assertEquals(10_000, source.size());
        assertEquals(source.keySet(), stored.keySet(), "0 lost, 0 extra");
        assertEquals(10_000, hub.count("SELECT COUNT(*) FROM person"), "0 duplicated");
        source.forEach((id, fields) -> SyncAssertions.sameAsVendor(id, fields, stored.get(id)));
        assertEquals(0, hub.count("SELECT COUNT(*) FROM sync_dead_letter"));
        assertEquals(0, hub.count("SELECT COUNT(*) FROM sync_pending_link"));
        assertEquals(10_000, run.path("counts").path("created").asInt());
        assertEquals(100, run.path("counts").path("pages").asInt());

        int faults = hub.vendor.faultsInjected();
        assertTrue(faults >= 2, "the seeded plan injected faults: " + faults);
        int retries = run.path("timings").path("retries").asInt();
        // Every fault was retried (a slow answer on a busy machine may time out and be retried too).
        assertTrue(retries >= faults, retries + " retries for " + faults + " faults");
        assertEquals(100 + retries, hub.vendor.pageRequests().size(), "each page once, plus the retries");
        int most = hub.vendor.mostRequestsInOneSecond();
        assertTrue(most <= 20, "the vendor saw " + most + " requests within one second; the limit is 20");
    }

    @Test
    void theVendorNeverSeesMoreRequestsPerSecondThanTheRateLimit() throws Exception {
        hub.vendor.seedCompany(200, 5);
        hub.configure("acme", Map.of("page_size", "10", "rate_limit", "4"));
        JsonNode run = hub.syncOk("acme", Map.of());

        assertEquals(20, run.path("counts").path("pages").asInt());
        assertEquals(20, hub.vendor.pageRequests().size());
        int most = hub.vendor.mostRequestsInOneSecond();
        assertTrue(most <= 4, "the vendor saw " + most + " requests within one second; the limit is 4");
        assertTrue(run.path("timings").path("wait_millis").asLong() >= 3_000, "20 requests at 4/s wait: " + run);
    }
}
