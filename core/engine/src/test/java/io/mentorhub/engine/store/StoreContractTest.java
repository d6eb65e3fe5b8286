package io.mentorhub.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.domain.ProgramStatus;
import io.mentorhub.api.domain.MeetingCadence;
import io.mentorhub.api.survey.SurveyKind;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The repository behaviour every supported database must show. Runs against embedded H2 ({@link H2StoreTest}) and
 * a real PostgreSQL server ({@link PostgresStoreIT}) with exactly the same assertions.
 */
abstract class StoreContractTest {

    protected Database database;
    private final PersonStore people = new PersonStore();
    private final ProgramStore programs = new ProgramStore();
    private final PairingStore pairings = new PairingStore();
    private final GoalStore goals = new GoalStore();
    private final SessionStore sessions = new SessionStore();

    /** A new, empty, migrated database. */
    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = openDatabase();
    }

    @AfterEach
    void close() {
        database.close();
    }

    static Person person(String id, String email, String title, PersonStatus status) {
        return new Person(id, null, "Given", "Family", email, title, null, "Engineering", null, null, "Europe/Paris",
                List.of("en"), null, LocalDate.of(2020, 1, 15), status, Map.of("cost_center", "CC-1"));
    }

    static Program program(String name) {
        return new Program(null, name, new Program.Charter(List.of("Grow leaders"), List.of(), "2 h/month"),
                ProgramFormat.GROUP, 12, new Program.Phases(
                        new Program.Phase(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31)),
                        new Program.Phase(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 11, 30)),
                        new Program.Phase(LocalDate.of(2027, 12, 1), LocalDate.of(2027, 12, 31))),
                MeetingCadence.BIWEEKLY, 30, new Program.GroupSize(4, 6),
                new Program.MatchingConfiguration("optimal", Map.of("skills", 60, "goals", 40), List.of("not-same-team")),
                List.of(new Program.SurveyPlan(SurveyKind.QUARTERLY_PULSE, Program.SurveyTrigger.DEVELOPMENT_STARTED,
                        0, 90)), List.of("pm-1"), ProgramStatus.DRAFT).withId(UUID.randomUUID().toString());
    }

    @Test
    void migrationsAreAppliedOnceAndRecorded() throws Exception {
        long applied = database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM schema_migration"));
        assertTrue(applied >= 2);
        assertEquals(List.of(), Migrations.apply(database.dataSource(), getClass().getClassLoader()));
    }

    @Test
    void nestedValuesRoundTripAndVersionsGuardUpdates() throws Exception {
        Program program = program("Leaders " + UUID.randomUUID());
        Stored<Program> created = database.inTransaction(tx -> programs.insert(tx, program));
        assertEquals(1, created.version());
        Stored<Program> read = database.inTransaction(tx -> programs.get(tx, program.id()));
        assertEquals(program, read.value(), "every nested part survives the round trip");
        assertEquals(created.createdAt(), read.createdAt(), "timestamps keep microsecond precision");

        Program renamed = new Program(program.id(), program.name() + " II", program.charter(), program.format(),
                program.durationMonths(), program.phases(), program.meetingCadence(), program.trialPeriodDays(),
                program.groupSize(), program.matching(), program.surveySchedule(), List.of("pm-2"), ProgramStatus.ENROLLING);
        Stored<Program> updated = database.inTransaction(tx -> programs.update(tx, renamed, 1L));
        assertEquals(2, updated.version());
        assertTrue(database.<Boolean>inTransaction(tx -> programs.isManager(tx, program.id(), "pm-2")));
        StoreException stale = assertThrows(StoreException.class,
                () -> database.inTransaction(tx -> programs.update(tx, renamed, 1L)));
        assertEquals(StoreException.Kind.STALE_VERSION, stale.kind());
        StoreException missing = assertThrows(StoreException.class, () -> database.inTransaction(tx ->
                programs.update(tx, renamed.withId(UUID.randomUUID().toString()), null)));
        assertEquals(StoreException.Kind.NOT_FOUND, missing.kind());
    }

    @Test
    void pagesFollowModificationOrderAndCursorsMissNothing() throws Exception {
        List<PersonStore.Upsert> batch = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            batch.add(new PersonStore.Upsert(person("p-" + i, "p" + i + "@example.com", "Engineer", PersonStatus.A), null));
        }
        database.inTransaction(tx -> people.upsert(tx, batch));
        Set<String> seen = new HashSet<>();
        Page.Cursor cursor = null;
        do {
            Page.Cursor after = cursor;
            Page<Person> page = database.inTransaction(tx -> people.page(tx, null, List.of(), new Page.Request(5, after, null)));
            page.items().forEach(p -> assertTrue(seen.add(p.value().id())));
            cursor = page.nextCursor() == null ? null : Page.Cursor.decode(page.nextCursor());
        } while (cursor != null);
        assertEquals(23, seen.size());
        Instant now = Instant.now();
        assertEquals(0, database.inTransaction(tx -> people.page(tx, null, List.of(), new Page.Request(50, null, now)))
                .items().size());
    }

    @Test
    void upsertKeepsDatedHistoryAndLeavesUnchangedPeopleAlone() throws Exception {
        LocalDate june = LocalDate.of(2026, 6, 1);
        database.inTransaction(tx -> people.upsert(tx, List.of(new PersonStore.Upsert(
                person("h-1", "h1@example.com", "Engineer", PersonStatus.A), june))));
        PersonStore.Result again = database.inTransaction(tx -> people.upsert(tx, List.of(new PersonStore.Upsert(
                person("h-1", "h1@example.com", "Engineer", PersonStatus.A), june))));
        assertEquals(new PersonStore.Result(0, 0, 1), again);
        LocalDate december = LocalDate.of(2026, 12, 31);
        PersonStore.Result left = database.inTransaction(tx -> people.upsert(tx, List.of(new PersonStore.Upsert(
                person("h-1", "h1@example.com", "Staff Engineer", PersonStatus.T), december))));
        assertEquals(new PersonStore.Result(0, 1, 0), left);
        List<Person.Change> history = database.inTransaction(tx -> people.history(tx, "h-1"));
        assertEquals(List.of(
                new Person.Change("h-1", Person.TrackedField.STATUS, null, "A", LocalDate.of(2020, 1, 15)),
                new Person.Change("h-1", Person.TrackedField.TITLE, "Engineer", "Staff Engineer", december),
                new Person.Change("h-1", Person.TrackedField.STATUS, "A", "T", december)), history);
        assertEquals(2, database.inTransaction(tx -> people.get(tx, "h-1")).version());
    }

    @Test
    void peopleChangedTogetherAreAnnouncedTogetherAndOnePersonAlone() throws Exception {
        List<PersonStore.Upsert> three = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            three.add(new PersonStore.Upsert(person("b-" + i, "b" + i + "@example.com", "Engineer", PersonStatus.A),
                    null));
        }
        database.inTransaction(tx -> people.upsert(tx, three));
        database.inTransaction(tx -> people.upsert(tx, List.of(new PersonStore.Upsert(
                person("b-2", "b2@example.com", "Staff Engineer", PersonStatus.A), null))));
        List<String[]> entries = database.inTransaction(tx -> tx.query("SELECT topic, aggregate_id, idempotency_key, "
                + "payload FROM outbox WHERE aggregate_type = 'person' AND aggregate_id LIKE 'b-%' ORDER BY id",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)}));
        assertEquals(2, entries.size(), "one entry for the three created together, one for the update");
        assertEquals(List.of("person.created", "b-1", "person.created:b-1:1+2"), List.of(entries.get(0)).subList(0, 3));
        assertEquals(Map.of("type", "person.created", "people", List.of(Map.of("id", "b-1", "version", 1),
                Map.of("id", "b-2", "version", 1), Map.of("id", "b-3", "version", 1))),
                EntityStore.json(entries.get(0)[3], new com.fasterxml.jackson.core.type
                        .TypeReference<Map<String, Object>>() { }));
        assertEquals(List.of("person.updated", "b-2", "person.updated:b-2:2"), List.of(entries.get(1)).subList(0, 3));
        assertEquals(Map.of("type", "person.updated", "id", "b-2", "version", 2), EntityStore.json(entries.get(1)[3],
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
    }

    @Test
    void peopleAreAnnouncedInEntriesOfAtMostAThousand() {
        List<String[]> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(new String[] {"p-" + i, "1"});
        }
        List<Outbox.Event> events = PersonStore.announcements("person.created", many);
        assertEquals(List.of("person.created:p-0:1+999", "person.created:p-1000:1+999", "person.created:p-2000:1+499"),
                events.stream().map(Outbox.Event::idempotencyKey).toList());
        assertEquals(500, ((List<?>) events.get(2).payload().get("people")).size());
    }

    @Test
    void uniqueRulesAreEnforcedByTheDatabase() throws Exception {
        database.inTransaction(tx -> people.upsert(tx, List.of(new PersonStore.Upsert(
                person("u-1", "same@example.com", "Engineer", PersonStatus.A), null))));
        SQLException duplicate = assertThrows(SQLException.class, () -> database.inTransaction(tx -> people.upsert(tx,
                List.of(new PersonStore.Upsert(person("u-2", "same@example.com", "Engineer", PersonStatus.A), null)))));
        assertEquals("23505", duplicate.getSQLState());
        assertEquals(1L, (long) database.<Long>inTransaction(tx -> people.count(tx)), "the failed batch left nothing behind");
    }

    @Test
    void outboxEntriesCommitAndRollBackWithTheirChange() throws Exception {
        Program program = program("Outbox " + UUID.randomUUID());
        assertThrows(IllegalStateException.class, () -> database.inTransaction(tx -> {
            programs.insert(tx, program);
            Outbox.append(tx, Outbox.Event.of("program.created", "program", program.id(), 1));
            throw new IllegalStateException("the request failed after writing");
        }));
        assertEquals(0L, (long) database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM outbox")));
        assertEquals(0L, (long) database.<Long>inTransaction(tx -> programs.count(tx)));
        database.inTransaction(tx -> {
            programs.insert(tx, program);
            Outbox.append(tx, Outbox.Event.of("program.created", "program", program.id(), 1));
            return null;
        });
        assertEquals(1, database.inTransaction(tx -> Outbox.pending(tx, 10)).size());
        SQLException repeat = assertThrows(SQLException.class, () -> database.inTransaction(tx -> {
            Outbox.append(tx, Outbox.Event.of("program.created", "program", program.id(), 1));
            return null;
        }));
        assertEquals("23505", repeat.getSQLState(), "an idempotency key is stored once");
    }

    @Test
    void pairingsKeepMenteesTransitionsAndDissolvedPairs() throws Exception {
        Program program = program("Pairs " + UUID.randomUUID());
        database.inTransaction(tx -> {
            programs.insert(tx, program);
            people.upsert(tx, List.of(
                    new PersonStore.Upsert(person("m-1", "m1@example.com", "Lead", PersonStatus.A), null),
                    new PersonStore.Upsert(person("e-1", "e1@example.com", "Engineer", PersonStatus.A), null),
                    new PersonStore.Upsert(person("e-2", "e2@example.com", "Engineer", PersonStatus.A), null)));
            return null;
        });
        Pairing pairing = new Pairing(UUID.randomUUID().toString(), program.id(), "m-1", List.of("e-2", "e-1"), 77,
                List.of(new Pairing.FactorScore("skills", 50, "shares two skills")), PairingState.PROPOSED, null);
        database.inTransaction(tx -> pairings.insert(tx, pairing));
        assertEquals(List.of("e-2", "e-1"), database.inTransaction(tx -> pairings.get(tx, pairing.id())).value().menteeIds(),
                "mentee order is kept");
        database.inTransaction(tx -> {
            Pairing dissolved = pairing.moveTo(PairingState.DISSOLVED, "no fit");
            pairings.update(tx, dissolved, 1L);
            pairings.recordTransition(tx, pairing.id(), PairingState.PROPOSED, PairingState.DISSOLVED, "no fit", "test");
            pairings.rememberDissolved(tx, pairing, "no fit");
            return null;
        });
        assertTrue(database.<Boolean>inTransaction(tx -> pairings.isDissolved(tx, program.id(), "m-1", "e-1")));
        assertTrue(database.<Boolean>inTransaction(tx -> pairings.involves(tx, pairing.id(), "e-2")));
        assertEquals(List.of(PairingState.PROPOSED, PairingState.DISSOLVED), database.inTransaction(tx ->
                pairings.transitions(tx, pairing.id())).stream().map(Pairing.Transition::to).toList());

        Goal goal = new Goal(UUID.randomUUID().toString(), pairing.id(), "e-1", "Speak", "Give a talk", "talks",
                new BigDecimal("2.5"), LocalDate.of(2027, 6, 30), Goal.Status.IN_PROGRESS, 40, "lattice-9",
                List.of("course-1"));
        database.inTransaction(tx -> goals.insert(tx, goal));
        assertEquals(goal, database.inTransaction(tx -> goals.get(tx, goal.id())).value());
        Instant startsAt = Instant.parse("2027-02-10T09:30:00.123456Z");
        MentoringSession session = new MentoringSession(UUID.randomUUID().toString(), pairing.id(), startsAt, 45,
                MentoringSession.Format.PHONE, List.of(new MentoringSession.Attendance("e-1",
                        MentoringSession.Presence.EXCUSED)));
        database.inTransaction(tx -> sessions.insert(tx, session));
        assertEquals(session, database.inTransaction(tx -> sessions.get(tx, session.id())).value());
    }
}
