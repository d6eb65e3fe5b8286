package io.mentorhub.engine.bench;

import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.json.JsonMapper;
import io.mentorhub.engine.store.Database;
import io.mentorhub.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark, not a test: 100,000 people through {@code POST /api/people/bulk} over HTTP (Jetty, as in the hub) into
 * embedded H2 in file mode and into PostgreSQL, in batches of 5,000. Prints the time of a cold load (all created), a
 * repeat (all unchanged) and an update of every tenth person. Target: the cold load within 10 s on each database.
 *
 * Run: core/engine/bench/bulk-upsert.sh [people] [batch]
 */
public final class BulkUpsertBenchmark {

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path data = Files.createTempDirectory("mentorhub-bench-");
        run("H2 (file)", new ApiTestSupport(Database.jdbcUrl("", data), "mentorhub", ""), people, batch);
        var server = PostgresServer.get();
        if (server.isPresent()) {
            String url = server.get().createDatabase("bench_" + UUID.randomUUID().toString().replace("-", ""));
            run("PostgreSQL", new ApiTestSupport(url, server.get().user(), server.get().password()), people, batch);
        } else {
            System.out.println("PostgreSQL: skipped (" + PostgresServer.whyUnavailable() + ")");
        }
        System.exit(0);
    }

    private static void run(String name, ApiTestSupport api, int people, int batch) throws Exception {
        try (api) {
            List<byte[]> cold = bodies(people, batch, 0);
            List<byte[]> changed = bodies(people, batch, 10);
            String key = api.keys.get("integration");
            warmUp(api, key);
            long coldMs = post(api, key, cold);
            long repeatMs = post(api, key, cold);
            long changedMs = post(api, key, changed);
            long rows = api.database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM person"));
            System.out.printf("%-11s %,d people in batches of %,d: cold load %,d ms (%,.0f people/s), "
                    + "repeat (all unchanged) %,d ms, every 10th changed %,d ms; rows %,d%n", name, people, batch,
                    coldMs, people * 1000.0 / coldMs, repeatMs, changedMs, rows - 1);
        }
    }

    /** A few small requests first, so the JIT compiles the hot paths as it would in a running hub. */
    private static void warmUp(ApiTestSupport api, String key) throws Exception {
        for (int i = 0; i < 3; i++) {
            Map<String, Object> person = person(900_000_000 + i, 0);
            var response = api.call("POST", "/api/people/bulk", key, Map.of("people", List.of(person)));
            if (response.status() != 200) {
                throw new IllegalStateException("warm-up failed: " + response);
            }
        }
    }

    private static long post(ApiTestSupport api, String key, List<byte[]> bodies) throws Exception {
        long started = System.nanoTime();
        for (byte[] body : bodies) {
            var response = api.call("POST", "/api/people/bulk", key, body);
            if (response.status() != 200) {
                throw new IllegalStateException("bulk upsert failed: " + response);
            }
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Request bodies, serialised before timing starts. Every {@code changeEvery}-th person gets a new title. */
    private static List<byte[]> bodies(int people, int batch, int changeEvery) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int from = 0; from < people; from += batch) {
            List<Object> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(people, from + batch); i++) {
                chunk.add(person(i, changeEvery > 0 && i % changeEvery == 0 ? 1 : 0));
            }
            bodies.add(JsonMapper.MAPPER.writeValueAsBytes(Map.of("people", chunk)));
        }
        return bodies;
    }

    private static Map<String, Object> person(int i, int revision) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", "E" + i);
        person.put("employee_number", String.valueOf(100_000 + i));
        person.put("given_name", "Given" + i);
        person.put("family_name", "Family" + (i % 977));
        person.put("work_email", "person" + i + "@example.com");
        person.put("title", revision == 0 ? "Engineer" : "Senior Engineer");
        person.put("grade", "L" + (3 + i % 5));
        person.put("department", "Dept " + (i % 40));
        person.put("team", "Team " + (i % 400));
        person.put("location", "Site " + (i % 12));
        person.put("time_zone", "Europe/Paris");
        person.put("languages", List.of("en"));
        if (i >= 10) {
            person.put("manager_id", "E" + (i / 10));
        }
        person.put("hire_date", "2019-03-01");
        person.put("status", "A");
        return person;
    }
}
