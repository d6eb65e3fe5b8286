package io.mentorhub.engine.metrics;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MeetingCadence;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.MentoringSession.Attendance;
import io.mentorhub.api.domain.MentoringSession.Presence;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.domain.ProgramStatus;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EnrollmentStore;
import io.mentorhub.engine.store.GoalStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.SessionStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A small company and one mentoring program, built by hand so that every figure can be worked out on paper (the
 * tests do, in their comments). The hub stamps records with the time they are written; the data set then dates
 * enrollments and pairing transitions as the story below says.
 *
 * <p>People, all hired before 2027 unless said otherwise; grades L1-L6 unless said otherwise.
 * <ul>
 * <li>Mentors M1-M4 and mentees E1-E6 of the program; U1 enrolled and never paired; W1 enrolled and withdrew in
 * December 2026; L1 enrolled in July 2027.
 * <li>Non-participants N1-N8; H1 hired 2027-02-01 and H2 hired 2027-01-01 (during the period); T0 left in 2026;
 * O1 and O2 paired in another program.
 * </ul>
 * Cohorts (the month each enrolled): 2026-11 W1; 2026-12 M1 M2 M3 E1 E2 E3; 2027-03 M4 E4 E5 E6 U1; 2027-07 L1.
 *
 * <p>Pairings (live days both ends included): P1 M1-E1 from 2026-12-31 (published 23:30 UTC), still live;
 * P2 M2-E2 2027-01-16 to 2027-03-31 (dissolved); P3 M3-E3 from 2027-02-01; P4 M4-E4 from 2027-04-01; P5 M1-E5
 * from 2027-05-10; P6 M2-E6 proposed and rejected (never live). In the other program: Q1 O2-O1 from 2027-02-01.
 *
 * <p>Sessions held (mentor and mentee ATTENDED) on the 15th unless said: P1 every month January to June (6), plus
 * 2027-02-20 with the mentee absent and 2027-07-15 (after June); P2 2027-01-20 and 2027-02-20, plus 2027-03-10 with
 * the mentor excused; P3 February, March and May (3), plus 2027-04-15 with no attendance recorded; P4 April and June
 * (2); P5 2027-06-01 (1).
 *
 * <p>Goals (owner, due, status): E1 2027-03-31 COMPLETED and 2027-06-15 IN_PROGRESS; E2 2027-02-28 ABANDONED and
 * 2027-03-15 COMPLETED; E3 2027-05-31 COMPLETED; E4 2027-06-30 NOT_STARTED; E5 2027-06-20 COMPLETED; M1 2027-08-31
 * COMPLETED.
 *
 * <p>HRIS history in 2027 (and around it): E2 leaves 2027-04-30; M3 leaves 2027-08-15; E3 on leave since
 * 2026-10-01; N1 leaves 2027-02-15; N2 leaves 2027-06-30; N3 leaves 2027-07-01; N4 leaves 2027-03-01 and is rehired
 * 2027-05-01. Grades: E1 L2→L3 2027-03-01; E4 L2→L3 2027-01-01; M1 L5→L4 2027-02-01; E5 Associate→Senior Associate
 * 2027-06-01; M2 L5→L6 2026-12-31; N1 L2→L3 2027-01-15; N5 L1→L2 2027-04-01; N6 L3→l4 2027-05-01; N7 L4→L2
 * 2027-03-01; H1 L1→L2 2027-05-01; O1 Associate→Manager 2027-03-01.
 */
public final class MetricsDataSet {

    public final Database database;
    public String programId;
    public String otherProgramId;
    /** Pairing ids by name (P1..P6, Q1). */
    public final Map<String, String> pairing = new HashMap<>();

    private final PersonStore people = new PersonStore();
    private final Map<String, Person> current = new HashMap<>();

    public MetricsDataSet(Database database) throws SQLException {
        this.database = database;
        database.inTransaction(tx -> {
            build(tx);
            return null;
        });
    }

    private void build(Tx tx) throws SQLException {
        LocalDate hired = LocalDate.of(2020, 3, 1);
        for (String id : List.of("M1", "M2")) {
            hire(tx, id, "L5", hired);
        }
        for (String id : List.of("M3", "M4")) {
            hire(tx, id, "L5", hired);
        }
        for (String id : List.of("E1", "E2", "E3", "E4", "E6", "U1", "W1", "L1")) {
            hire(tx, id, "L2", hired);
        }
        hire(tx, "E5", "Associate", hired);
        hire(tx, "N1", "L2", hired);
        hire(tx, "N5", "L1", hired);
        hire(tx, "N6", "L3", hired);
        hire(tx, "N7", "L4", hired);
        for (String id : List.of("N2", "N3", "N4", "N8", "T0", "O2")) {
            hire(tx, id, "L3", hired);
        }
        hire(tx, "O1", "Associate", hired);
        hire(tx, "H1", "L1", LocalDate.of(2027, 2, 1));
        hire(tx, "H2", "L1", LocalDate.of(2027, 1, 1));

        change(tx, "T0", "2026-06-30", p -> status(p, PersonStatus.T));
        change(tx, "E3", "2026-10-01", p -> status(p, PersonStatus.L));
        change(tx, "M2", "2026-12-31", p -> grade(p, "L6"));
        change(tx, "E4", "2027-01-01", p -> grade(p, "L3"));
        change(tx, "N1", "2027-01-15", p -> grade(p, "L3"));
        change(tx, "M1", "2027-02-01", p -> grade(p, "L4"));
        change(tx, "N1", "2027-02-15", p -> status(p, PersonStatus.T));
        change(tx, "E1", "2027-03-01", p -> grade(p, "L3"));
        change(tx, "N7", "2027-03-01", p -> grade(p, "L2"));
        change(tx, "O1", "2027-03-01", p -> grade(p, "Manager"));
        change(tx, "N4", "2027-03-01", p -> status(p, PersonStatus.T));
        change(tx, "N5", "2027-04-01", p -> grade(p, "L2"));
        change(tx, "E2", "2027-04-30", p -> status(p, PersonStatus.T));
        change(tx, "N4", "2027-05-01", p -> status(p, PersonStatus.A));
        change(tx, "N6", "2027-05-01", p -> grade(p, "l4"));
        change(tx, "H1", "2027-05-01", p -> grade(p, "L2"));
        change(tx, "E5", "2027-06-01", p -> grade(p, "Senior Associate"));
        change(tx, "N2", "2027-06-30", p -> status(p, PersonStatus.T));
        change(tx, "N3", "2027-07-01", p -> status(p, PersonStatus.T));
        change(tx, "M3", "2027-08-15", p -> status(p, PersonStatus.T));

        ProgramStore programs = new ProgramStore();
        programId = UUID.randomUUID().toString();
        programs.insert(tx, program(programId, "Metrics program"));
        otherProgramId = UUID.randomUUID().toString();
        programs.insert(tx, program(otherProgramId, "Other program"));

        enroll(tx, programId, "W1", Enrollment.Role.MENTEE, "2026-11-20T10:00:00Z", "2026-12-05T10:00:00Z");
        for (String id : List.of("M1", "M2", "M3")) {
            enroll(tx, programId, id, Enrollment.Role.MENTOR, "2026-12-10T09:00:00Z", null);
        }
        for (String id : List.of("E1", "E2", "E3")) {
            enroll(tx, programId, id, Enrollment.Role.MENTEE, "2026-12-10T09:00:00Z", null);
        }
        enroll(tx, programId, "M4", Enrollment.Role.MENTOR, "2027-03-15T09:00:00Z", null);
        for (String id : List.of("E4", "E5", "E6", "U1")) {
            enroll(tx, programId, id, Enrollment.Role.MENTEE, "2027-03-15T09:00:00Z", null);
        }
        enroll(tx, programId, "L1", Enrollment.Role.MENTEE, "2027-07-05T09:00:00Z", null);
        enroll(tx, otherProgramId, "O2", Enrollment.Role.MENTOR, "2027-01-10T09:00:00Z", null);
        enroll(tx, otherProgramId, "O1", Enrollment.Role.MENTEE, "2027-01-10T09:00:00Z", null);

        pairing.put("P1", live(tx, programId, "M1", "E1", "2026-12-31T23:30:00Z", null));
        pairing.put("P2", live(tx, programId, "M2", "E2", "2027-01-16T08:00:00Z", "2027-03-31T17:00:00Z"));
        pairing.put("P3", live(tx, programId, "M3", "E3", "2027-02-01T08:00:00Z", null));
        pairing.put("P4", live(tx, programId, "M4", "E4", "2027-04-01T08:00:00Z", null));
        pairing.put("P5", live(tx, programId, "M1", "E5", "2027-05-10T08:00:00Z", null));
        pairing.put("P6", rejected(tx, programId, "M2", "E6", "2027-03-20T08:00:00Z"));
        pairing.put("Q1", live(tx, otherProgramId, "O2", "O1", "2027-02-01T08:00:00Z", null));

        for (int month = 1; month <= 6; month++) {
            session(tx, "P1", String.format("2027-%02d-15T09:00:00Z", month), Presence.ATTENDED, Presence.ATTENDED);
        }
        session(tx, "P1", "2027-02-20T09:00:00Z", Presence.ATTENDED, Presence.ABSENT);
        session(tx, "P1", "2027-07-15T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);
        session(tx, "P2", "2027-01-20T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);
        session(tx, "P2", "2027-02-20T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);
        session(tx, "P2", "2027-03-10T09:00:00Z", Presence.EXCUSED, Presence.ATTENDED);
        for (String day : List.of("2027-02-15", "2027-03-15", "2027-05-15")) {
            session(tx, "P3", day + "T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);
        }
        session(tx, "P3", "2027-04-15T09:00:00Z", null, null);
        session(tx, "P4", "2027-04-15T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);
        session(tx, "P4", "2027-06-15T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);
        session(tx, "P5", "2027-06-01T09:00:00Z", Presence.ATTENDED, Presence.ATTENDED);

        goal(tx, "P1", "E1", "2027-03-31", Goal.Status.COMPLETED);
        goal(tx, "P1", "E1", "2027-06-15", Goal.Status.IN_PROGRESS);
        goal(tx, "P2", "E2", "2027-02-28", Goal.Status.ABANDONED);
        goal(tx, "P2", "E2", "2027-03-15", Goal.Status.COMPLETED);
        goal(tx, "P3", "E3", "2027-05-31", Goal.Status.COMPLETED);
        goal(tx, "P4", "E4", "2027-06-30", Goal.Status.NOT_STARTED);
        goal(tx, "P5", "E5", "2027-06-20", Goal.Status.COMPLETED);
        goal(tx, "P1", "M1", "2027-08-31", Goal.Status.COMPLETED);
    }

    public static Program program(String id, String name) {
        return new Program(id, name, new Program.Charter(List.of("Grow leaders"), List.of(), "2 hours per month"),
                ProgramFormat.ONE_TO_ONE, 12, new Program.Phases(
                        new Program.Phase(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31)),
                        new Program.Phase(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 11, 30)),
                        new Program.Phase(LocalDate.of(2027, 12, 1), LocalDate.of(2027, 12, 31))),
                MeetingCadence.MONTHLY, 30, null, null, List.of(), List.of("pm-metrics"), ProgramStatus.RUNNING);
    }

    private void hire(Tx tx, String id, String grade, LocalDate hireDate) throws SQLException {
        Person person = new Person(id, null, "Given " + id, "Family", id.toLowerCase() + "@example.com", "Engineer",
                grade, "Engineering", null, null, "Europe/Paris", List.of("en"), null, hireDate, PersonStatus.A,
                Map.of());
        people.upsert(tx, List.of(new PersonStore.Upsert(person, hireDate)));
        current.put(id, person);
    }

    private void change(Tx tx, String id, String effective, UnaryOperator<Person> change) throws SQLException {
        Person changed = change.apply(current.get(id));
        people.upsert(tx, List.of(new PersonStore.Upsert(changed, LocalDate.parse(effective))));
        current.put(id, changed);
    }

    private static Person status(Person p, PersonStatus status) {
        return new Person(p.id(), p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(),
                p.grade(), p.department(), p.team(), p.location(), p.timeZone(), p.languages(), p.managerId(),
                p.hireDate(), status, p.customAttributes());
    }

    private static Person grade(Person p, String grade) {
        return new Person(p.id(), p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(),
                grade, p.department(), p.team(), p.location(), p.timeZone(), p.languages(), p.managerId(),
                p.hireDate(), p.status(), p.customAttributes());
    }

    /** An enrollment dated {@code created}; withdrawn (last changed at {@code withdrawn}) when that is given. */
    private static void enroll(Tx tx, String program, String person, Enrollment.Role role, String created,
            String withdrawn) throws SQLException {
        String id = UUID.randomUUID().toString();
        new EnrollmentStore().insert(tx, new Enrollment(id, program, person, role, null, role.mentors() ? 2 : 0,
                List.of(), withdrawn == null ? Enrollment.Status.ACTIVE : Enrollment.Status.WITHDRAWN));
        Instant at = Instant.parse(created);
        tx.update("UPDATE enrollment SET created_at = ?, modified_at = ? WHERE id = ?", at,
                withdrawn == null ? at : Instant.parse(withdrawn), UUID.fromString(id));
    }

    /** Proposed, then published at {@code from}, trial, active; dissolved at {@code until} when given. */
    private static String live(Tx tx, String program, String mentor, String mentee, String from, String until)
            throws SQLException {
        PairingStore pairings = new PairingStore();
        String id = UUID.randomUUID().toString();
        Pairing proposed = new Pairing(id, program, mentor, List.of(mentee), 70, List.of(), PairingState.PROPOSED,
                null);
        pairings.insert(tx, proposed, "test", null);
        Instant published = Instant.parse(from);
        dateLastTransition(tx, id, published.minusSeconds(86_400 * 3));
        List<PairingState> path = new ArrayList<>(List.of(PairingState.PUBLISHED, PairingState.TRIAL,
                PairingState.ACTIVE));
        PairingState state = PairingState.PROPOSED;
        Instant at = published;
        for (PairingState next : path) {
            pairings.recordTransition(tx, id, state, next, null, "test");
            dateLastTransition(tx, id, at);
            state = next;
            at = at.plusSeconds(3600);
        }
        if (until != null) {
            pairings.recordTransition(tx, id, state, PairingState.DISSOLVED, "moved on", "test");
            dateLastTransition(tx, id, Instant.parse(until));
            state = PairingState.DISSOLVED;
        }
        pairings.update(tx, proposed.moveTo(state, until == null ? null : "moved on"), null);
        return id;
    }

    private static String rejected(Tx tx, String program, String mentor, String mentee, String at)
            throws SQLException {
        PairingStore pairings = new PairingStore();
        String id = UUID.randomUUID().toString();
        Pairing proposed = new Pairing(id, program, mentor, List.of(mentee), 60, List.of(), PairingState.PROPOSED,
                null);
        pairings.insert(tx, proposed, "test", null);
        pairings.recordTransition(tx, id, PairingState.PROPOSED, PairingState.REJECTED, "not a fit", "test");
        dateLastTransition(tx, id, Instant.parse(at));
        pairings.update(tx, proposed.moveTo(PairingState.REJECTED, "not a fit"), null);
        return id;
    }

    private static void dateLastTransition(Tx tx, String pairingId, Instant at) throws SQLException {
        tx.update("UPDATE pairing_transition SET at = ? WHERE id = (SELECT MAX(id) FROM pairing_transition "
                + "WHERE pairing_id = ?)", at, UUID.fromString(pairingId));
    }

    /** A session of the named pairing; null presences: no attendance recorded. */
    private void session(Tx tx, String pairingName, String startsAt, Presence mentor, Presence mentee)
            throws SQLException {
        String pairingId = pairing.get(pairingName);
        Pairing p = new PairingStore().get(tx, pairingId).value();
        List<Attendance> attendance = mentor == null ? List.of()
                : List.of(new Attendance(p.mentorId(), mentor), new Attendance(p.menteeIds().get(0), mentee));
        new SessionStore().insert(tx, new MentoringSession(UUID.randomUUID().toString(), pairingId,
                Instant.parse(startsAt), 60, MentoringSession.Format.VIDEO, attendance));
    }

    private void goal(Tx tx, String pairingName, String owner, String due, Goal.Status status) throws SQLException {
        new GoalStore().insert(tx, new Goal(UUID.randomUUID().toString(), pairing.get(pairingName), owner,
                "Goal of " + owner, "Something specific", "done or not", null, LocalDate.parse(due), status,
                status == Goal.Status.COMPLETED ? 100 : 0, null, List.of()));
    }
}
