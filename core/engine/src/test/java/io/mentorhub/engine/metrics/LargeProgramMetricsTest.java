package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.ProgramStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A program larger than one statement's id list (the workforce counts go 500 ids at a time): 650 pairings, 1,300
 * participants, counted across three chunks to exactly the figures worked out below.
 */
class LargeProgramMetricsTest {

    @Test
    void participantsAreCountedAcrossChunks() throws Exception {
        Database database = new Database("jdbc:h2:mem:large-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
        try {
            String programId = UUID.randomUUID().toString();
            database.inTransaction(tx -> {
                PersonStore people = new PersonStore();
                List<PersonStore.Upsert> hires = new ArrayList<>();
                for (int i = 0; i < 1_320; i++) {
                    hires.add(new PersonStore.Upsert(person(i, "L2", PersonStatus.A), LocalDate.of(2020, 1, 1)));
                }
                people.upsert(tx, hires);
                // Every 13th person leaves in March 2027: 0, 13, ..., 1313 = 102 people, 100 of them among the
                // 1,300 participants (0..1299) and 2 (1300, 1313) among the 20 others. Every 10th is promoted in May:
                // 130 participants, 2 others (1300, 1310).
                List<PersonStore.Upsert> changes = new ArrayList<>();
                for (int i = 0; i < 1_320; i++) {
                    if (i % 13 == 0) {
                        changes.add(new PersonStore.Upsert(person(i, "L2", PersonStatus.T), LocalDate.of(2027, 3, 1)));
                    }
                }
                people.upsert(tx, changes);
                changes.clear();
                for (int i = 0; i < 1_320; i += 10) {
                    changes.add(new PersonStore.Upsert(person(i, "L3", i % 13 == 0 ? PersonStatus.T : PersonStatus.A),
                            LocalDate.of(2027, 5, 1)));
                }
                people.upsert(tx, changes);
                new ProgramStore().insert(tx, MetricsDataSet.program(programId, "Large program"));
                Instant enrolled = Instant.parse("2026-12-10T09:00:00Z");
                Instant live = Instant.parse("2027-01-04T09:00:00Z");
                List<Object[]> enrollments = new ArrayList<>();
                List<Object[]> pairings = new ArrayList<>();
                List<Object[]> mentees = new ArrayList<>();
                List<Object[]> transitions = new ArrayList<>();
                for (int i = 0; i < 650; i++) {
                    UUID pairing = UUID.randomUUID();
                    String mentor = "P" + (2 * i);
                    String mentee = "P" + (2 * i + 1);
                    enrollments.add(new Object[] {UUID.randomUUID(), UUID.fromString(programId), mentor, "MENTOR", 1,
                            enrolled, enrolled});
                    enrollments.add(new Object[] {UUID.randomUUID(), UUID.fromString(programId), mentee, "MENTEE", 0,
                            enrolled, enrolled});
                    pairings.add(new Object[] {pairing, UUID.fromString(programId), mentor, enrolled, enrolled});
                    mentees.add(new Object[] {pairing, mentee});
                    transitions.add(new Object[] {pairing, null, "PROPOSED", live.minusSeconds(86_400)});
                    transitions.add(new Object[] {pairing, "PROPOSED", "PUBLISHED", live});
                }
                tx.batch("INSERT INTO enrollment (id, program_id, person_id, role, capacity, profile, "
                        + "sensitive_attributes, status, version, created_at, modified_at) VALUES (?, ?, ?, ?, ?, "
                        + "'{}', '[]', 'ACTIVE', 1, ?, ?)", enrollments);
                tx.batch("INSERT INTO pairing (id, program_id, mentor_id, score, explanation, state, version, "
                        + "created_at, modified_at) VALUES (?, ?, ?, 70, '[]', 'PUBLISHED', 1, ?, ?)", pairings);
                tx.batch("INSERT INTO pairing_mentee (pairing_id, mentee_id, position) VALUES (?, ?, 0)", mentees);
                tx.batch("INSERT INTO pairing_transition (pairing_id, from_state, to_state, actor, at) "
                        + "VALUES (?, ?, ?, 'test', ?)", transitions);
                return null;
            });
            Program program = database.inTransaction(tx -> new ProgramStore().get(tx, programId).value());
            MetricsReport report = database.inTransaction(tx -> new ProgramMetrics(ProgramMetrics.Settings.DEFAULT,
                    SurveyFigures.NONE).report(tx, program, MetricsQuery.parse("2027-01-01", "2027-12-31", null,
                            null), LocalDate.of(2028, 1, 1)));
            // Participants: 1,300, 100 left: 1,200 / 1,300 = 0.9231; 130 promoted: 0.1.
            // Others: P1300..P1319 = 20, 2 left: 18 / 20 = 0.9; 2 promoted: 0.1.
            assertEquals(new Figure(0.9231, 1_200.0, 1_300.0, 1_300, null), report.retention().participants());
            assertEquals(new Figure(0.9, 18.0, 20.0, 20, null), report.retention().nonParticipants());
            assertEquals(new Figure(0.1, 130.0, 1_300.0, 1_300, null), report.promotion().participants());
            assertEquals(new Figure(0.1, 2.0, 20.0, 20, null), report.promotion().nonParticipants());
            assertEquals(new Figure(1.0, 1_300.0, 1_300.0, 1_300, null), report.participationRate());
        } finally {
            database.close();
        }
    }

    private static Person person(int i, String grade, PersonStatus status) {
        return new Person("P" + i, null, "Given", "Family", null, null, grade, null, null, null, "Europe/Paris",
                List.of("en"), null, LocalDate.of(2020, 1, 1), status, Map.of());
    }
}
