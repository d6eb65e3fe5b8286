package io.mentorhub.benchmark.sync;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.sync.ConnectorInstances;
import io.mentorhub.engine.sync.ConnectorSync;
import io.mentorhub.engine.sync.JobAssignment;
import io.mentorhub.engine.sync.SyncRun;
import io.mentorhub.fixtures.syncconnector.PagedJsonConnector;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark, not a test: a full sync of 100,000 people from a local paged JSON API through the engine's sync flow
 * (Camel routes, rate limiter, one transaction per page, manager links, run records) into embedded H2 in file mode —
 * as the default hub stores them — against a raw baseline of the same pages: the same connector fetching and parsing
 * them, nothing else. Then an incremental sync with 1 % changed. Run with -Xmx512m; the peak heap of each phase is
 * measured. Targets (issue 5): full ≤ 15 s, heap ≤ 512 MB, ≤ 2.5× the baseline; incremental ≤ 1 s.
 *
 * Run: benchmarks/sync/run.sh [people=100000] [page_size=1000] [baseline repeats=3]
 */
public final class SyncBenchmark {

    private SyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("Sync benchmark: %,d people, pages of %,d, Java %s, %d cores, max heap %,d MB%n", people,
                pageSize, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (StubVendor vendor = new StubVendor(people, Instant.now().minus(Duration.ofHours(1)))) {
            PagedJsonConnector connector = new PagedJsonConnector();
            ConnectorConfig config = ConnectorConfig.of("bench", connector.settings(), Map.of("base_url",
                    vendor.baseUrl(), "api_token", StubVendor.TOKEN, "timeout_ms", "60000"), true);

            // Warm-up, untimed: the baseline once and a smaller sync, so both sides run JIT-compiled code.
            baseline(connector, config, pageSize);
            try (Hub warm = new Hub(Files.createTempDirectory("mentorhub-sync-warm-"), vendor, pageSize)) {
                warm.sync(SyncRun.Mode.FULL);
            }

            List<Long> baselines = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                baselines.add(baseline(connector, config, pageSize));
            }
            Path data = Files.createTempDirectory("mentorhub-sync-bench-");
            try (Hub hub = new Hub(data, vendor, pageSize)) {
                resetPeaks();
                Result full = hub.sync(SyncRun.Mode.FULL);
                long fullPeak = peakHeap();
                long stored = hub.count();
                vendor.change(0.01);
                resetPeaks();
                Result incremental = hub.sync(SyncRun.Mode.INCREMENTAL);
                long incrementalPeak = peakHeap();
                for (int i = 0; i < repeats; i++) {
                    baselines.add(baseline(connector, config, pageSize));
                }
                long best = baselines.stream().mapToLong(Long::longValue).min().orElseThrow();
                long floor = storeFloor(people, pageSize);
                double ratio = (double) full.runMillis() / best;

                System.out.printf("%nbaseline (fetch + parse, best of %d): %,d ms  [all: %s]%n", baselines.size(), best,
                        baselines);
                System.out.printf("store alone (the same people, prepared, upserted in transactions of %,d): %,d ms%n",
                        pageSize, floor);
                System.out.printf("full sync:        %,d ms run (%,d ms from request to SUCCEEDED), %,d pages, "
                        + "%,d created, %,d dead-lettered; %,d people stored; peak heap %,d MB%n", full.runMillis(),
                        full.wallMillis(), full.run().counts().pages(), full.run().counts().created(),
                        full.run().counts().failed(), stored, fullPeak >> 20);
                System.out.printf("                  reading %,d ms (the next page, while one is applied), applying %,d ms, "
                        + "waiting %,d ms%n",
                        full.run().timings().fetchMillis(), full.run().timings().applyMillis(),
                        full.run().timings().waitMillis());
                System.out.printf("incremental (1 %%): %,d ms run (%,d ms from request to SUCCEEDED), %,d updated; "
                        + "peak heap %,d MB%n", incremental.runMillis(), incremental.wallMillis(),
                        incremental.run().counts().updated(), incrementalPeak >> 20);
                System.out.printf("H2 database: %,d MB%n%n", Files.size(data.resolve("mentorhub.mv.db")) >> 20);
                boolean ok = true;
                ok &= verdict("full sync <= 15 s", full.runMillis() <= 15_000);
                ok &= verdict("peak heap <= 512 MB", fullPeak <= 512L << 20);
                ok &= verdict(String.format("full sync <= 2.5x baseline (%.2fx)", ratio), ratio <= 2.5);
                ok &= verdict("incremental (1 % changed) <= 1 s", incremental.runMillis() <= 1_000);
                ok &= verdict("everyone stored, nobody dead-lettered", stored == people
                        && full.run().counts().failed() == 0 && incremental.run().counts().updated() == people / 100);
                System.exit(ok ? 0 : 1);
            }
        }
    }

    private static boolean verdict(String target, boolean met) {
        System.out.println((met ? "  met    " : "  MISSED ") + target);
        return met;
    }

    /** Fetches and parses every page with the connector alone: the cost no sync can avoid. */
    private static long baseline(PagedJsonConnector connector, ConnectorConfig config, int pageSize) throws Exception {
        Set<String> fields = new LinkedHashSet<>(PersonFields.ALL);
        fields.add("custom.cost_center");
        long started = System.nanoTime();
        String cursor = null;
        int records = 0;
        do {
            PeoplePage page = connector.fetchPeople(config, new PeopleQuery(cursor, null, pageSize, fields));
            records += page.records().size();
            cursor = page.nextCursor();
        } while (cursor != null);
        if (records == 0) {
            throw new IllegalStateException("the baseline read nobody");
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * What writing the people costs without any sync: the same 100,000 people, built in memory, upserted with
     * {@code PersonStore.upsert} (person rows, dated history, outbox) in transactions of a page each, into a fresh H2
     * file database — the floor under any sync into this store.
     */
    private static long storeFloor(int people, int pageSize) throws Exception {
        Database database = new Database(Database.jdbcUrl("", Files.createTempDirectory("mentorhub-sync-floor-")),
                "mentorhub", "", 10);
        try {
            io.mentorhub.engine.store.PersonStore store = new io.mentorhub.engine.store.PersonStore();
            long started = System.nanoTime();
            for (int from = 0; from < people; from += pageSize) {
                List<io.mentorhub.engine.store.PersonStore.Upsert> batch = new ArrayList<>();
                for (int i = from; i < Math.min(people, from + pageSize); i++) {
                    batch.add(new io.mentorhub.engine.store.PersonStore.Upsert(StubVendor.personOf(i), null));
                }
                database.inTransaction(tx -> store.upsert(tx, batch));
            }
            return (System.nanoTime() - started) / 1_000_000;
        } finally {
            database.close();
        }
    }

    record Result(SyncRun run, long runMillis, long wallMillis) {
    }

    /** The engine's sync on its own Camel context and an embedded H2 file database, as in the default hub. */
    private static final class Hub implements AutoCloseable {
        private final Database database;
        private final DefaultCamelContext camel = new DefaultCamelContext();
        private final ConnectorSync sync;

        Hub(Path data, StubVendor vendor, int pageSize) throws Exception {
            database = new Database(Database.jdbcUrl("", data), "mentorhub", "", 10);
            camel.start();
            ConnectorInstances instances = new ConnectorInstances();
            instances.bindConnector(new PagedJsonConnector());
            Hashtable<String, Object> settings = new Hashtable<>(Map.of("type", PagedJsonConnector.ID, "base_url",
                    vendor.baseUrl(), "api_token", StubVendor.TOKEN, "allow_http", "true", "timeout_ms", "60000",
                    "schedule_incremental", "off", "schedule_full", "off", "page_size", String.valueOf(pageSize),
                    "rate_limit", "1000", "fields", String.join(",", PersonFields.ALL) + ",custom.cost_center"));
            instances.updated(ConnectorInstances.FACTORY_PID + "~bench", settings);
            sync = new ConnectorSync(database, camel, instances, JobAssignment.singleNode("bench-node"),
                    new ConnectorSync.Settings(1, Duration.ofSeconds(60), 20, 10_000, ZoneOffset.UTC));
        }

        Result sync(SyncRun.Mode mode) throws Exception {
            long started = System.nanoTime();
            SyncRun run = sync.requestSync("bench", mode, false, false, "benchmark");
            while (!run.status().finished()) {
                Thread.sleep(2);
                run = sync.run("bench", run.id()).orElseThrow();
            }
            long wall = (System.nanoTime() - started) / 1_000_000;
            if (run.status() != SyncRun.Status.SUCCEEDED) {
                throw new IllegalStateException("the " + mode + " sync " + run.status() + ": " + run.error());
            }
            return new Result(run, Duration.between(run.startedAt(), run.finishedAt()).toMillis(), wall);
        }

        long count() throws Exception {
            return database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM person"));
        }

        @Override
        public void close() throws Exception {
            sync.stop();
            camel.close();
            database.close();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks: an upper bound of the heap the phase used at once. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
