package io.mentorhub.benchmark.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A lean local vendor for the benchmark, speaking the fixture connector's paged JSON API on the JDK's HTTP server:
 * people are generated from their index on each request (nothing held in memory but which ones changed), keyset
 * paged by id, with {@code updated_since} served from the changed ones. The same server answers the baseline and the
 * hub, so its cost is in both.
 */
final class StubVendor implements AutoCloseable {

    static final String TOKEN = "stub-token-7f3c";
    private static final String[] GIVEN = {"Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald",
        "Frances", "Linus", "Radia"};
    private static final String[] FAMILY = {"Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth",
        "Allen", "Torvalds", "Perlman"};
    private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Finance", "People", "Operations"};
    private static final String[] ZONES = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London",
        "America/Sao_Paulo"};

    private final int people;
    private final Instant seededAt;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private volatile int[] changed = new int[0];
    private volatile Instant changedAt = Instant.EPOCH;

    StubVendor(int people, Instant seededAt) throws IOException {
        this.people = people;
        this.seededAt = seededAt;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/v1/people", this::people);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every {@code 1/fraction}-th person gets a new title now. */
    void change(double fraction) {
        int every = (int) Math.round(1 / fraction);
        int[] indices = new int[people / every];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i * every + 7 % every;
        }
        changedAt = Instant.now();
        changed = indices;
    }

    static String id(int index) {
        return String.format("E%06d", index);
    }

    private void people(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"stub\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            int after = query.containsKey("cursor") ? Integer.parseInt(query.get("cursor").substring(1)) : -1;
            Instant since = query.containsKey("updated_since") ? Instant.parse(query.get("updated_since")) : null;
            StringBuilder json = new StringBuilder(limit * 420).append("{\"people\":[");
            int written = 0;
            int last = -1;
            boolean more = false;
            if (since == null || !seededAt.isBefore(since)) {
                for (int i = after + 1; i < people; i++) {
                    if (written == limit) {
                        more = true;
                        break;
                    }
                    person(json.append(written++ == 0 ? "" : ","), i);
                    last = i;
                }
            } else if (!changedAt.isBefore(since)) {
                int[] indices = changed;
                int from = Arrays.binarySearch(indices, after + 1);
                for (int k = from < 0 ? -from - 1 : from; k < indices.length; k++) {
                    if (written == limit) {
                        more = true;
                        break;
                    }
                    person(json.append(written++ == 0 ? "" : ","), indices[k]);
                    last = indices[k];
                }
            }
            json.append("],\"next_cursor\":").append(more ? "\"" + id(last) + "\"" : "null").append('}');
            byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void person(StringBuilder json, int i) {
        boolean promoted = Arrays.binarySearch(changed, i) >= 0;
        json.append("{\"id\":\"").append(id(i))
                .append("\",\"employee_number\":\"N").append(100_000 + i)
                .append("\",\"given_name\":\"").append(GIVEN[i % GIVEN.length])
                .append("\",\"family_name\":\"").append(FAMILY[(i / 10) % FAMILY.length]).append(' ').append(i)
                .append("\",\"work_email\":\"").append(id(i).toLowerCase()).append("@northwind.example")
                .append("\",\"title\":\"").append(promoted ? "Staff Engineer" : "Engineer " + (i % 5 + 1))
                .append("\",\"grade\":\"G").append(i % 9 + 1)
                .append("\",\"department\":\"").append(DEPARTMENTS[i % DEPARTMENTS.length])
                .append("\",\"team\":\"Team ").append(i % 200)
                .append("\",\"location\":\"Site ").append(i % 20)
                .append("\",\"time_zone\":\"").append(ZONES[i % ZONES.length])
                .append("\",\"languages\":\"").append(i % 2 == 0 ? "en" : "en,de");
        if (i > 0) {
            json.append("\",\"manager_id\":\"").append(id(i / 10));
        }
        json.append("\",\"hire_date\":\"20").append(10 + i % 15).append("-0").append(i % 9 + 1).append("-1")
                .append(i % 9)
                .append("\",\"status\":\"").append(i % 50 == 0 ? "L" : "A")
                .append("\",\"custom\":{\"cost_center\":\"CC-").append(i % 40).append("\"}")
                .append(",\"updated_at\":\"").append(promoted ? changedAt : seededAt).append("\"}");
    }

    /** The person the vendor lists at this index, as the hub stores it (for the store-alone measurement). */
    static io.mentorhub.api.domain.Person personOf(int i) {
        return new io.mentorhub.api.domain.Person(id(i), "N" + (100_000 + i), GIVEN[i % GIVEN.length],
                FAMILY[(i / 10) % FAMILY.length] + " " + i, id(i).toLowerCase() + "@northwind.example",
                "Engineer " + (i % 5 + 1), "G" + (i % 9 + 1), DEPARTMENTS[i % DEPARTMENTS.length], "Team " + (i % 200),
                "Site " + (i % 20), ZONES[i % ZONES.length], i % 2 == 0 ? List.of("en") : List.of("en", "de"),
                i > 0 ? id(i / 10) : null, java.time.LocalDate.parse("20" + (10 + i % 15) + "-0" + (i % 9 + 1) + "-1"
                        + (i % 9)), i % 50 == 0 ? io.mentorhub.api.domain.PersonStatus.L
                                : io.mentorhub.api.domain.PersonStatus.A, Map.of("cost_center", "CC-" + (i % 40)));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                query.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
