package io.mentorhub.engine.bench;

import io.mentorhub.api.directory.Account;
import io.mentorhub.api.directory.PersonQuery;
import io.mentorhub.api.directory.PersonQuery.Condition;
import io.mentorhub.api.directory.PersonQuery.Field;
import io.mentorhub.api.directory.PersonQuery.Match;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.engine.directory.HubDirectory;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Benchmark, not a test: the lookups an identity provider makes before each push (SCIM {@code userName eq},
 * {@code externalId eq}) and a first page with its total, against the people directory holding 100,000 people from
 * the HRIS (known by their e-mail) of whom 2,000 were also provisioned through SCIM (a login of their own), in
 * embedded H2 (file) and PostgreSQL. Prints the median and 95th percentile of each, over 500 random lookups each,
 * after 200 untimed ones.
 *
 * Run: core/engine/bench/directory-lookup.sh [people]
 */
public final class DirectoryLookupBenchmark {

    private static final int PROVISIONED = 2_000;
    private static final int LOOKUPS = 500;

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path data = Files.createTempDirectory("mentorhub-bench-");
        run("H2 (file)", new Database(Database.jdbcUrl("", data), "mentorhub", "", 8), people);
        var server = PostgresServer.get();
        if (server.isPresent()) {
            String url = server.get().createDatabase("bench_" + UUID.randomUUID().toString().replace("-", ""));
            run("PostgreSQL", new Database(url, server.get().user(), server.get().password(), 8), people);
        } else {
            System.out.println("PostgreSQL: skipped (" + PostgresServer.whyUnavailable() + ")");
        }
        System.exit(0);
    }

    private static void run(String name, Database database, int people) throws Exception {
        try {
            PersonStore store = new PersonStore();
            for (int from = 0; from < people; from += 5_000) {
                List<PersonStore.Upsert> batch = new ArrayList<>();
                for (int i = from; i < Math.min(people, from + 5_000); i++) {
                    batch.add(new PersonStore.Upsert(person(i), null));
                }
                database.inTransaction(tx -> store.upsert(tx, batch));
            }
            HubDirectory directory = new HubDirectory(database);
            for (int i = 0; i < PROVISIONED; i++) {
                Person person = directory.person(id(i)).orElseThrow().person();
                directory.replace("bench", person, new Account("login" + i, null, "ext-" + i), null);
            }
            if (database.isPostgres()) {
                database.inTransaction(tx -> tx.update("ANALYZE"));
            }
            Random random = new Random(7);
            String byEmail = time(directory, i -> new Condition(Field.USER_NAME, Match.EQUALS,
                    ("P" + (PROVISIONED + random.nextInt(people - PROVISIONED)) + "@EXAMPLE.COM")));
            String byLogin = time(directory, i -> new Condition(Field.USER_NAME, Match.EQUALS,
                    "LOGIN" + random.nextInt(PROVISIONED)));
            String byExternal = time(directory, i -> new Condition(Field.EXTERNAL_ID, Match.EQUALS,
                    "ext-" + random.nextInt(PROVISIONED)));
            long[] page = new long[20];
            for (int i = 0; i < page.length; i++) {
                long start = System.nanoTime();
                directory.people(PersonQuery.all(random.nextInt(people - 200), 200));
                page[i] = System.nanoTime() - start;
            }
            System.out.printf("%-11s %,d people (%,d with a SCIM login): userName eq (e-mail) %s; userName eq "
                    + "(login) %s; externalId eq %s; a page of 200 with its total %s%n", name, people, PROVISIONED,
                    byEmail, byLogin, byExternal, stats(page));
        } finally {
            database.close();
        }
    }

    private static String time(HubDirectory directory, IntFunction<Condition> condition) {
        for (int i = 0; i < 200; i++) {
            directory.people(new PersonQuery(List.of(condition.apply(i)), null, 0, 200, true));
        }
        long[] nanos = new long[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            Condition c = condition.apply(i);
            long start = System.nanoTime();
            long found = directory.people(new PersonQuery(List.of(c), null, 0, 200, true)).total();
            nanos[i] = System.nanoTime() - start;
            if (found != 1) {
                throw new IllegalStateException(c + " found " + found);
            }
        }
        return stats(nanos);
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("median %.2f ms, p95 %.2f ms", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6);
    }

    private static String id(int i) {
        return "P" + i;
    }

    private static Person person(int i) {
        return new Person(id(i), "E" + i, "Given" + i, "Family" + (i % 977), "p" + i + "@example.com", "Engineer",
                "L" + (i % 7), "Dept " + (i % 40), "Team " + (i % 300), "Berlin", "Europe/Berlin", List.of("en"),
                i == 0 ? null : id(i / 10), LocalDate.of(2020, 1, 1).plusDays(i % 1500), PersonStatus.A,
                Map.of());
    }
}
