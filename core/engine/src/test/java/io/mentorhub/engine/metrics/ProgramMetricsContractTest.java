package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.ProgramStore;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every figure of {@link ProgramMetrics} on the hand-built {@link MetricsDataSet}, worked out by hand in the
 * comments and asserted exactly. Runs on embedded H2 ({@link H2ProgramMetricsTest}) and on a real PostgreSQL server
 * ({@link PostgresProgramMetricsIT}) with the same assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProgramMetricsContractTest {

    static final String SUPPRESSED = "suppressed: fewer than 5 people";
    static final LocalDate TODAY = LocalDate.of(2028, 2, 1);

    Database database;
    MetricsDataSet data;
    Program program;
    final ProgramMetrics metrics = new ProgramMetrics(ProgramMetrics.Settings.DEFAULT, SurveyFigures.NONE);

    protected abstract Database openDatabase() throws Exception;

    @BeforeAll
    void build() throws Exception {
        database = openDatabase();
        data = new MetricsDataSet(database);
        program = database.inTransaction(tx -> new ProgramStore().get(tx, data.programId).value());
    }

    @AfterAll
    void close() {
        database.close();
    }

    MetricsReport report(ProgramMetrics with, Program of, String from, String to, String cohort, String by)
            throws Exception {
        MetricsQuery query = MetricsQuery.parse(from, to, cohort, by);
        return database.inTransaction(tx -> with.report(tx, of, query, TODAY));
    }

    MetricsReport firstHalf(String cohort, String by) throws Exception {
        return report(metrics, program, "2027-01-01", "2027-06-30", cohort, by);
    }

    static void assertFigure(Figure figure, double value, double numerator, double denominator, int people) {
        assertEquals(new Figure(value, numerator, denominator, people, null), figure);
    }

    static void assertCount(Figure figure, double count, int people) {
        assertEquals(new Figure(count, null, null, people, null), figure);
    }

    static void assertUnavailable(Figure figure, String reason) {
        assertEquals(Figure.unavailable(reason), figure);
    }

    @Test
    void participationOverTheFirstHalf() throws Exception {
        // Enrolled by 30 June and not withdrawn before 1 January: M1-M4, E1-E6, U1 = 11 (W1 withdrew in December,
        // L1 enrolled in July). In a pairing live during the period: M1-M4, E1-E5 = 9 (E6's pairing was rejected).
        // 9 / 11 = 0.8182.
        assertFigure(firstHalf(null, "quarter").participationRate(), 0.8182, 9, 11, 11);
    }

    @Test
    void activePairingsOverTheFirstHalf() throws Exception {
        // P1-P5 were live on some day of the period (P6 never was); their members: M1-M4, E1-E5 = 9 people.
        assertCount(firstHalf(null, "quarter").activePairings(), 5, 9);
    }

    @Test
    void sessionsPerPairingMonthOverTheFirstHalf() throws Exception {
        // Held (mentor and mentee ATTENDED, January to June): P1 6, P2 2, P3 3, P4 2, P5 1 = 14. Not held: P1's
        // absent mentee, P2's excused mentor, P3's session without attendance; P1's July session is after the period.
        // Pairing-months: P1 6 (live since 31 December), P2 16/31 + 1 + 1 (16 to 31 March), P3 5 (February on),
        // P4 3 (April on), P5 22/31 + 1 (10 May on) = 17 + 38/31 = 565/31 = 18.2258.
        // 14 / (565/31) = 434/565 = 0.7681.
        assertFigure(firstHalf(null, "quarter").sessionsPerPairingMonth(), 0.7681, 14, 18.2258, 9);
    }

    @Test
    void goalCompletionOverTheFirstHalf() throws Exception {
        // Due January to June: E1 31 Mar COMPLETED, E1 15 Jun IN_PROGRESS, E2 28 Feb ABANDONED (left out), E2 15 Mar
        // COMPLETED, E3 31 May COMPLETED, E4 30 Jun NOT_STARTED, E5 20 Jun COMPLETED; M1's is due in August.
        // 4 completed / 6 counted = 0.6667, owners E1-E5 = 5; 1 abandoned.
        MetricsReport report = firstHalf(null, "quarter");
        assertFigure(report.goalCompletion(), 0.6667, 4, 6, 5);
        assertEquals(1L, report.abandonedGoals());
    }

    @Test
    void retentionOfParticipantsAgainstNonParticipants() throws Exception {
        // Participants employed on 31 December: M1-M4, E1-E5 = 9 (E3 on leave is employed); E2 left 30 April:
        // 8 / 9 = 0.8889 (M3 leaves in August, after the period).
        // Non-participants: N1-N8 = 8 (not H1 and H2, hired during the period; not T0, gone in 2026; not O1 and O2,
        // paired in another program; not E6, U1, W1, L1, enrolled without a live pairing). N1 (15 Feb), N2 (30 Jun,
        // the last day) and N4 (1 Mar, rehired in May) left: 5 / 8 = 0.625. Difference 0.8889 - 0.625 = 0.2639.
        MetricsReport report = firstHalf(null, "quarter");
        assertFigure(report.retention().participants(), 0.8889, 8, 9, 9);
        assertFigure(report.retention().nonParticipants(), 0.625, 5, 8, 8);
        assertEquals(0.2639, report.retention().difference());
    }

    @Test
    void promotionOfParticipantsAgainstNonParticipants() throws Exception {
        // Participants: E4 L2→L3 (1 January, the first day, counts), E1 L2→L3 up; M1 L5→L4 down; E5 Associate →
        // Senior Associate cannot be ranked (no ladder, no number) and counts; M2's change was on 31 December.
        // 3 / 9 = 0.3333. Non-participants: N1 L2→L3 (then left), N5 L1→L2, N6 L3→l4 up; N7 L4→L2 down: 3 / 8 =
        // 0.375. Difference -0.0417. Unranked: E5's only (O1's is outside both groups, H1 was hired in the period).
        MetricsReport report = firstHalf(null, "quarter");
        assertFigure(report.promotion().participants(), 0.3333, 3, 9, 9);
        assertFigure(report.promotion().nonParticipants(), 0.375, 3, 8, 8);
        assertEquals(-0.0417, report.promotion().difference());
        assertEquals(1, report.unrankedGradeChanges());
        assertTrue(report.promotionRule().contains("number at the end"), report.promotionRule());
    }

    @Test
    void aGradeLadderRanksWhatTheNumbersCannot() throws Exception {
        // On this (odd) ladder Senior Associate is below Associate, so E5 was not promoted: 2 / 9 = 0.2222, and no
        // change is left unranked. L grades are still ranked by their number.
        ProgramMetrics withLadder = new ProgramMetrics(new ProgramMetrics.Settings(
                GradeLadder.parse("Senior Associate, Associate"), 5), SurveyFigures.NONE);
        MetricsReport report = report(withLadder, program, "2027-01-01", "2027-06-30", null, null);
        assertFigure(report.promotion().participants(), 0.2222, 2, 9, 9);
        assertFigure(report.promotion().nonParticipants(), 0.375, 3, 8, 8);
        assertEquals(0, report.unrankedGradeChanges());
        assertTrue(report.promotionRule().contains("Senior Associate < Associate"), report.promotionRule());
    }

    @Test
    void quartersBreakTheActivityDown() throws Exception {
        MetricsReport report = firstHalf(null, "quarter");
        assertEquals(Period.Breakdown.QUARTER, report.breakdown());
        assertEquals(2, report.periods().size());
        MetricsReport.PeriodFigures q1 = report.periods().get(0);
        MetricsReport.PeriodFigures q2 = report.periods().get(1);
        assertEquals(List.of("2027-Q1", "2027-Q2"), List.of(q1.period(), q2.period()));
        assertEquals(List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)), List.of(q1.from(), q1.to()));
        assertEquals(List.of(LocalDate.of(2027, 4, 1), LocalDate.of(2027, 6, 30)), List.of(q2.from(), q2.to()));
        // Q1: the same 11 enrolled (the March cohort enrolled on 15 March); in a live pairing M1, E1 (P1), M2, E2
        // (P2), M3, E3 (P3): 6 / 11 = 0.5455. Q2: P2 ended on 31 March; M1, E1, M3, E3, M4, E4 (P4), E5 (P5):
        // 7 / 11 = 0.6364.
        assertFigure(q1.participationRate(), 0.5455, 6, 11, 11);
        assertFigure(q2.participationRate(), 0.6364, 7, 11, 11);
        assertCount(q1.activePairings(), 3, 6);
        assertCount(q2.activePairings(), 4, 7);
        // Q1 sessions: P1 3, P2 2, P3 2 = 7; months: P1 3, P2 2 + 16/31, P3 2 = 233/31 = 7.5161; 217/233 = 0.9313.
        // Q2 sessions: P1 3, P3 1, P4 2, P5 1 = 7; months: P1 3, P3 3, P4 3, P5 1 + 22/31 = 332/31 = 10.7097;
        // 217/332 = 0.6536.
        assertFigure(q1.sessionsPerPairingMonth(), 0.9313, 7, 7.5161, 6);
        assertFigure(q2.sessionsPerPairingMonth(), 0.6536, 7, 10.7097, 7);
        // Q1 goals: E1 and E2, 2 owners; Q2: E1, E3, E4, E5, 4 owners: both under 5 people.
        assertUnavailable(q1.goalCompletion(), SUPPRESSED);
        assertUnavailable(q2.goalCompletion(), SUPPRESSED);
        assertUnavailable(q1.satisfaction(), SurveyFigures.NO_RESPONSES);
    }

    @Test
    void monthsBreakTheActivityDownAndSmallGroupsAreSuppressed() throws Exception {
        MetricsReport report = firstHalf(null, null);
        assertEquals(Period.Breakdown.MONTH, report.breakdown());
        assertEquals(List.of("2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"),
                report.periods().stream().map(MetricsReport.PeriodFigures::period).toList());
        MetricsReport.PeriodFigures january = report.periods().get(0);
        // January: enrolled by 31 January: the December cohort, 6; paired: M1, E1, M2, E2: 4 / 6 = 0.6667.
        assertFigure(january.participationRate(), 0.6667, 4, 6, 6);
        // Two pairings live, four people: under 5, so not even the count is shown.
        assertUnavailable(january.activePairings(), SUPPRESSED);
        assertUnavailable(january.sessionsPerPairingMonth(), SUPPRESSED);
        // June: P1, P3, P4, P5 live all month (4 pairing-months, 7 people); held: P1 15th, P4 15th, P5 1st = 3.
        MetricsReport.PeriodFigures june = report.periods().get(5);
        assertFigure(june.sessionsPerPairingMonth(), 0.75, 3, 4, 7);
    }

    @Test
    void aCohortIsThePeopleWhoEnrolledThatMonth() throws Exception {
        // Cohort 2026-12: M1, M2, M3, E1, E2, E3, all in a live pairing: 6 / 6.
        MetricsReport report = firstHalf("2026-12", "quarter");
        assertEquals("2026-12", report.cohort());
        assertFigure(report.participationRate(), 1.0, 6, 6, 6);
        // Pairings with a member in the cohort: P1, P2, P3 and P5 (M1 mentors E5 too); 7 people.
        assertCount(report.activePairings(), 4, 7);
        // Sessions P1 6, P2 2, P3 3, P5 1 = 12; months 6 + 78/31 + 5 + 53/31 = 472/31 = 15.2258; 372/472 = 0.7881.
        assertFigure(report.sessionsPerPairingMonth(), 0.7881, 12, 15.2258, 7);
        // Goals of E1, E2, E3: 3 owners.
        assertUnavailable(report.goalCompletion(), SUPPRESSED);
        assertNull(report.abandonedGoals());
        // Participants now the cohort's 6: E2 left, 5 / 6 = 0.8333; promoted E1 only, 1 / 6 = 0.1667. The
        // non-participants are the same 8 as for the whole program.
        assertFigure(report.retention().participants(), 0.8333, 5, 6, 6);
        assertFigure(report.retention().nonParticipants(), 0.625, 5, 8, 8);
        assertEquals(0.2083, report.retention().difference());
        assertFigure(report.promotion().participants(), 0.1667, 1, 6, 6);
        assertEquals(-0.2083, report.promotion().difference());
    }

    @Test
    void cohortsAreListedWithTheirSizeOnlyFromFivePeople() throws Exception {
        assertEquals(List.of(new MetricsReport.Cohort("2026-11", null), new MetricsReport.Cohort("2026-12", 6),
                new MetricsReport.Cohort("2027-03", 5), new MetricsReport.Cohort("2027-07", null)),
                firstHalf(null, null).cohorts());
    }

    @Test
    void aCohortNobodyEnrolledInIsRefused() {
        MetricsQuery.Invalid refused = assertThrows(MetricsQuery.Invalid.class, () -> firstHalf("2027-02", null));
        assertEquals("unknown-cohort", refused.code());
        assertTrue(refused.getMessage().contains("2026-11, 2026-12, 2027-03, 2027-07"), refused.getMessage());
    }

    @Test
    void surveyFiguresAreUnavailableWhileNoResponsesAreStored() throws Exception {
        MetricsReport report = firstHalf(null, null);
        assertUnavailable(report.surveyResponseRate(), SurveyFigures.NO_RESPONSES);
        assertUnavailable(report.nps(), SurveyFigures.NO_RESPONSES);
        assertUnavailable(report.satisfaction(), SurveyFigures.NO_RESPONSES);
    }

    @Test
    void aHigherThresholdHidesMore() throws Exception {
        ProgramMetrics strict = new ProgramMetrics(new ProgramMetrics.Settings(GradeLadder.parse(""), 10),
                SurveyFigures.NONE);
        MetricsReport report = report(strict, program, "2027-01-01", "2027-06-30", null, null);
        assertEquals(10, report.minimumGroupSize());
        assertFigure(report.participationRate(), 0.8182, 9, 11, 11);
        assertUnavailable(report.activePairings(), "suppressed: fewer than 10 people");
        assertUnavailable(report.retention().participants(), "suppressed: fewer than 10 people");
        assertUnavailable(report.retention().nonParticipants(), "suppressed: fewer than 10 people");
        assertNull(report.retention().difference());
    }

    @Test
    void theDefaultPeriodRunsFromTheProgramStartToToday() throws Exception {
        MetricsQuery defaults = MetricsQuery.parse(null, null, null, null);
        MetricsReport during = database.inTransaction(tx -> metrics.report(tx, program, defaults,
                LocalDate.of(2027, 4, 10)));
        assertEquals(List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 4, 10)), List.of(during.from(), during.to()));
        MetricsReport after = database.inTransaction(tx -> metrics.report(tx, program, defaults, TODAY));
        assertEquals(List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31)), List.of(after.from(), after.to()));
        // A program that has not started is looked at as planned, start to end.
        MetricsReport before = database.inTransaction(tx -> metrics.report(tx, program, defaults,
                LocalDate.of(2026, 11, 23)));
        assertEquals(List.of(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31)),
                List.of(before.from(), before.to()));
        // Whole year: P1 (6 + July), ... the figures exist; M3 (August) now counts as a participant who left.
        assertFigure(after.retention().participants(), 0.7778, 7, 9, 9);
    }

    @Test
    void anEmptyProgramHasNothingToDivideBy() throws Exception {
        Program empty = MetricsDataSet.program(UUID.randomUUID().toString(), "Empty program " + UUID.randomUUID());
        database.inTransaction(tx -> new ProgramStore().insert(tx, empty));
        MetricsReport report = report(metrics, empty, "2027-01-01", "2027-06-30", null, "quarter");
        assertUnavailable(report.participationRate(), "nobody was enrolled in the period");
        assertCount(report.activePairings(), 0, 0);
        assertUnavailable(report.sessionsPerPairingMonth(), "no pairing was live in the period");
        assertUnavailable(report.goalCompletion(), "no goal that was not abandoned fell due in the period");
        assertUnavailable(report.retention().participants(), "no participant was employed when the period started");
        assertUnavailable(report.promotion().participants(), "no participant was employed when the period started");
        // Non-participants of this program: N1-N8 and now E6, U1, W1, L1 too (not enrolled here, never paired) = 12;
        // N1, N2, N4 left: 9 / 12 = 0.75.
        assertFigure(report.retention().nonParticipants(), 0.75, 9, 12, 12);
        assertNull(report.retention().difference());
        assertEquals(List.of(), report.cohorts());
        // Asked right after, the data set's program still has its own figures: no statement keeps another
        // program's parameters (H2 caches WITH clauses with their first parameters, h2database issue 4228).
        MetricsReport again = firstHalf(null, null);
        assertFigure(again.retention().participants(), 0.8889, 8, 9, 9);
        assertFigure(again.retention().nonParticipants(), 0.625, 5, 8, 8);
    }
}
