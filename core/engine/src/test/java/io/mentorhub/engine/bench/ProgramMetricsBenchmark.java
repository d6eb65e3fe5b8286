package io.mentorhub.engine.bench;

import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.metrics.MetricsDataSet;
import io.mentorhub.engine.metrics.MetricsQuery;
import io.mentorhub.engine.metrics.MetricsReport;
import io.mentorhub.engine.metrics.ProgramMetrics;
import io.mentorhub.engine.metrics.SurveyFigures;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.testkit.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark, not a test: the metrics of one program in a large company, on embedded H2 in file mode and on
 * PostgreSQL. The company: {@code people} employees hired before 2027 with a year of HRIS history (a tenth change
 * grade, one in twelve leave); a program with {@code pairings} one-to-one pairings live for part of 2027, twelve
 * sessions and two goals each; another program with as many pairings. Prints the time of the first report (cold) and
 * the best of five after it, for 2027 by month. Target: a report within 2 s (best of 5) on each database at 100,000
 * people.
 *
 * Run: core/engine/bench/program-metrics.sh [people] [pairings]
 */
public final class ProgramMetricsBenchmark {

    public static void main(String[] args) throws Exception {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int pairings = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        if (people < 4 * pairings) {
            throw new IllegalArgumentException("needs at least 4 people per pairing");
        }
        Path data = Files.createTempDirectory("mentorhub-bench-");
        run("H2 (file)", new Database(Database.jdbcUrl("", data), "mentorhub", "", 4), people, pairings);
        var server = PostgresServer.get();
        if (server.isPresent()) {
            String url = server.get().createDatabase("bench_" + UUID.randomUUID().toString().replace("-", ""));
            run("PostgreSQL", new Database(url, server.get().user(), server.get().password(), 4), people, pairings);
        } else {
            System.out.println("PostgreSQL: skipped (" + PostgresServer.whyUnavailable() + ")");
        }
        System.exit(0);
    }

    private static void run(String name, Database database, int people, int pairings) throws Exception {
        try {
            long loadStarted = System.nanoTime();
            String programId = load(database, people, pairings);
            long loadMs = (System.nanoTime() - loadStarted) / 1_000_000;
            if (database.isPostgres()) {
                database.inTransaction(tx -> tx.update("ANALYZE"));
            }
            ProgramMetrics metrics = new ProgramMetrics(ProgramMetrics.Settings.DEFAULT, SurveyFigures.NONE);
            Program program = database.inTransaction(tx -> new ProgramStore().get(tx, programId).value());
            MetricsQuery query = MetricsQuery.parse("2027-01-01", "2027-12-31", null, "month");
            long started = System.nanoTime();
            MetricsReport report = database.inTransaction(tx -> metrics.report(tx, program, query,
                    LocalDate.of(2028, 1, 1)));
            long coldMs = (System.nanoTime() - started) / 1_000_000;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                started = System.nanoTime();
                database.inTransaction(tx -> metrics.report(tx, program, query, LocalDate.of(2028, 1, 1)));
                best = Math.min(best, (System.nanoTime() - started) / 1_000_000);
            }
            System.out.printf("%-11s %,d people, %,d pairings (+%,d in another program): loaded in %,d ms; report for "
                    + "2027 by month: cold %,d ms, best of 5 %,d ms (participation %s, sessions/pairing-month %s, "
                    + "retention %s vs %s)%n", name, people, pairings, pairings, loadMs, coldMs, best,
                    report.participationRate().value(), report.sessionsPerPairingMonth().value(),
                    report.retention().participants().value(), report.retention().nonParticipants().value());
        } finally {
            database.close();
        }
    }

    /** The company and the two programs; returns the measured program's id. */
    private static String load(Database database, int people, int pairings) throws SQLException {
        Random random = new Random(7);
        PersonStore store = new PersonStore();
        List<Person> everyone = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            everyone.add(new Person("P" + i, null, "Given", "Family", null, "Engineer", "L" + (1 + i % 6),
                    "Dept " + i % 40, null, null, "Europe/Paris", List.of("en"), null, LocalDate.of(2020, 1, 1)
                            .plusDays(i % 1500), PersonStatus.A, Map.of()));
        }
        upsert(database, store, everyone, null);
        List<Person> promoted = new ArrayList<>();
        List<Person> gone = new ArrayList<>();
        for (Person p : everyone) {
            int roll = random.nextInt(120);
            if (roll < 12) {
                promoted.add(new Person(p.id(), null, "Given", "Family", null, "Engineer",
                        "L" + (2 + Integer.parseInt(p.grade().substring(1))), p.department(), null, null,
                        "Europe/Paris", List.of("en"), null, p.hireDate(), PersonStatus.A, Map.of()));
            } else if (roll < 22) {
                gone.add(new Person(p.id(), null, "Given", "Family", null, "Engineer", p.grade(), p.department(),
                        null, null, "Europe/Paris", List.of("en"), null, p.hireDate(), PersonStatus.T, Map.of()));
            }
        }
        upsert(database, store, promoted, LocalDate.of(2027, 4, 1));
        upsert(database, store, gone, LocalDate.of(2027, 9, 1));

        String measured = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        database.inTransaction(tx -> {
            new ProgramStore().insert(tx, MetricsDataSet.program(measured, "Benchmark program"));
            new ProgramStore().insert(tx, MetricsDataSet.program(other, "Other benchmark program"));
            pairings(tx, measured, 0, pairings, random);
            pairings(tx, other, 2 * pairings, pairings, random);
            return null;
        });
        return measured;
    }

    private static void upsert(Database database, PersonStore store, List<Person> people, LocalDate effective)
            throws SQLException {
        for (int from = 0; from < people.size(); from += 5_000) {
            List<PersonStore.Upsert> batch = new ArrayList<>();
            for (Person p : people.subList(from, Math.min(people.size(), from + 5_000))) {
                batch.add(new PersonStore.Upsert(p, effective));
            }
            database.inTransaction(tx -> store.upsert(tx, batch));
        }
    }

    /** {@code count} pairings of people P{first}.. (mentor, mentee), enrolled, live from a day of 2027. */
    private static void pairings(Tx tx, String programId, int first, int count, Random random) throws SQLException {
        Instant enrolled = Instant.parse("2026-12-10T09:00:00Z");
        List<Object[]> enrollments = new ArrayList<>();
        List<Object[]> pairingRows = new ArrayList<>();
        List<Object[]> mentees = new ArrayList<>();
        List<Object[]> transitions = new ArrayList<>();
        List<Object[]> sessions = new ArrayList<>();
        List<Object[]> goals = new ArrayList<>();
        UUID program = UUID.fromString(programId);
        for (int i = 0; i < count; i++) {
            String mentor = "P" + (first + 2 * i);
            String mentee = "P" + (first + 2 * i + 1);
            for (String[] e : new String[][] {{mentor, "MENTOR", "1"}, {mentee, "MENTEE", "0"}}) {
                enrollments.add(new Object[] {UUID.randomUUID(), program, e[0], e[1], Integer.parseInt(e[2]), "{}",
                        "[]", "ACTIVE", 1L, enrolled, enrolled});
            }
            UUID pairing = UUID.randomUUID();
            Instant live = Instant.parse("2027-01-05T09:00:00Z").plusSeconds(86_400L * random.nextInt(120));
            boolean ended = random.nextInt(5) == 0;
            pairingRows.add(new Object[] {pairing, program, mentor, 70, "[]", ended ? "DISSOLVED" : "ACTIVE",
                    ended ? "moved on" : null, 1L, enrolled, enrolled});
            mentees.add(new Object[] {pairing, mentee, 0});
            transitions.add(new Object[] {pairing, null, "PROPOSED", "bench", live.minusSeconds(86_400)});
            transitions.add(new Object[] {pairing, "PROPOSED", "PUBLISHED", "bench", live});
            transitions.add(new Object[] {pairing, "PUBLISHED", "ACTIVE", "bench", live.plusSeconds(3_600)});
            if (ended) {
                transitions.add(new Object[] {pairing, "ACTIVE", "DISSOLVED", "bench",
                        live.plusSeconds(86_400L * 90)});
            }
            String attendance = "[{\"person_id\":\"" + mentor + "\",\"presence\":\"ATTENDED\"},{\"person_id\":\""
                    + mentee + "\",\"presence\":\"" + (random.nextInt(10) == 0 ? "ABSENT" : "ATTENDED") + "\"}]";
            for (int s = 0; s < 12; s++) {
                Instant at = live.plusSeconds(86_400L * 30 * s + 3_600 * 2);
                sessions.add(new Object[] {UUID.randomUUID(), pairing, at, 60, "VIDEO", attendance, 1L, at, at});
            }
            for (int g = 0; g < 2; g++) {
                goals.add(new Object[] {UUID.randomUUID(), pairing, mentee, "Goal", "Specific", "Measure",
                        LocalDate.of(2027, 3 + 4 * g + random.nextInt(3), 15),
                        random.nextInt(3) == 0 ? "IN_PROGRESS" : "COMPLETED", random.nextInt(3) == 0 ? 50 : 100,
                        "[]", 1L, enrolled, enrolled});
            }
        }
        tx.batch("INSERT INTO enrollment (id, program_id, person_id, role, capacity, profile, sensitive_attributes, "
                + "status, version, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", enrollments);
        tx.batch("INSERT INTO pairing (id, program_id, mentor_id, score, explanation, state, state_reason, version, "
                + "created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pairingRows);
        tx.batch("INSERT INTO pairing_mentee (pairing_id, mentee_id, position) VALUES (?, ?, ?)", mentees);
        tx.batch("INSERT INTO pairing_transition (pairing_id, from_state, to_state, actor, at) VALUES (?, ?, ?, ?, ?)",
                transitions);
        tx.batch("INSERT INTO mentoring_session (id, pairing_id, starts_at, duration_minutes, format, attendance, "
                + "version, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sessions);
        tx.batch("INSERT INTO goal (id, pairing_id, owner_id, title, specific_text, measure, due_date, status, "
                + "progress_percent, lms_course_ids, version, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?)", goals);
    }
}
