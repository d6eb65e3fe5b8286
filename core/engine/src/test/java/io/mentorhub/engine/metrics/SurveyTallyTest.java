package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mentorhub.engine.metrics.SurveyRows.Answered;
import io.mentorhub.engine.metrics.SurveyRows.Invited;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The survey figures from hand-made rows, each worked out in the comments. */
class SurveyTallyTest {

    static final Period HALF = new Period(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30));
    static final List<Period.Bucket> QUARTERS = HALF.split(Period.Breakdown.QUARTER);

    static Invited invited(String person, String sentOn, boolean answered) {
        return new Invited(person, LocalDate.parse(sentOn), answered);
    }

    static Answered answered(String person, String at, Integer nps, Integer satisfaction) {
        return new Answered(person, Instant.parse(at), nps, satisfaction);
    }

    static SurveyRows rows() {
        List<Invited> invitations = new ArrayList<>();
        // Seven people invited in the period, five answered; one invitation in December does not count.
        for (String person : List.of("A", "B", "C", "D", "E")) {
            invitations.add(invited(person, "2027-03-01", true));
        }
        invitations.add(invited("F", "2027-03-01", false));
        invitations.add(invited("G", "2027-05-01", false));
        invitations.add(invited("A", "2026-12-01", true));
        List<Answered> responses = List.of(
                // NPS: A 10 then 6 (latest counts: detractor), B 9, C 8, D 3, E 10; F's answer came in July.
                answered("A", "2027-03-02T10:00:00Z", 10, null),
                answered("A", "2027-06-02T10:00:00Z", 6, null),
                answered("B", "2027-03-03T10:00:00Z", 9, null),
                answered("C", "2027-03-03T11:00:00Z", 8, null),
                answered("D", "2027-03-04T10:00:00Z", 3, null),
                answered("E", "2027-03-05T10:00:00Z", 10, null),
                answered("F", "2027-07-01T10:00:00Z", 0, null),
                // Satisfaction: Q1 A 4, B 5, C 3, D 4, E 2 (five people); Q2 A 5, B 4 (two people).
                answered("A", "2027-03-10T10:00:00Z", null, 4),
                answered("B", "2027-03-10T10:00:00Z", null, 5),
                answered("C", "2027-03-10T10:00:00Z", null, 3),
                answered("D", "2027-03-10T10:00:00Z", null, 4),
                answered("E", "2027-03-10T10:00:00Z", null, 2),
                answered("A", "2027-06-10T10:00:00Z", null, 5),
                answered("B", "2027-06-10T10:00:00Z", null, 4));
        return new SurveyRows(invitations, responses);
    }

    @Test
    void responseRateNpsAndSatisfactionFromRows() throws Exception {
        SurveyFigures figures = SurveyFigures.from((tx, program, period) -> rows());
        SurveyFigures.Results results = figures.compute(null, new SurveyFigures.Scope("p", HALF, QUARTERS, null, 5));
        // 5 of the 7 invitations sent in the period were answered; 7 invitees.
        assertEquals(new Figure(0.7143, 5.0, 7.0, 7, null), results.responseRate());
        // Latest answers: A 6 (detractor), B 9 (promoter), C 8 (passive), D 3 (detractor), E 10 (promoter):
        // 2 promoters - 2 detractors = 0 of 5: NPS 0.
        assertEquals(new Figure(0.0, 0.0, 5.0, 5, null), results.nps());
        // Satisfaction over the half: (4 + 5 + 3 + 4 + 2 + 5 + 4) / 7 = 27 / 7 = 3.8571, five people.
        assertEquals(new Figure(3.8571, 27.0, 7.0, 5, null), results.satisfaction());
        // Trend: Q1 18 / 5 = 3.6; Q2 only A and B answered: suppressed.
        assertEquals(new Figure(3.6, 18.0, 5.0, 5, null), results.satisfactionByBucket().get(0));
        assertEquals(Figure.unavailable("suppressed: fewer than 5 people"), results.satisfactionByBucket().get(1));
    }

    @Test
    void aCohortCountsOnlyItsPeople() throws Exception {
        SurveyFigures figures = SurveyFigures.from((tx, program, period) -> rows());
        SurveyFigures.Results results = figures.compute(null, new SurveyFigures.Scope("p", HALF, QUARTERS,
                Set.of("A", "B", "C", "D", "F"), 5));
        // Invitations of A, B, C, D (answered) and F (not): 4 / 5.
        assertEquals(new Figure(0.8, 4.0, 5.0, 5, null), results.responseRate());
        // NPS over A 6, B 9, C 8, D 3: four people, under the threshold.
        assertEquals(Figure.unavailable("suppressed: fewer than 5 people"), results.nps());
    }

    @Test
    void npsRunsFromMinusToPlusHundred() throws Exception {
        List<Answered> promoters = new ArrayList<>();
        for (String person : List.of("A", "B", "C", "D", "E", "F")) {
            promoters.add(answered(person, "2027-02-01T10:00:00Z", person.equals("F") ? 7 : 9, null));
        }
        SurveyFigures figures = SurveyFigures.from((tx, program, period) -> new SurveyRows(List.of(), promoters));
        SurveyFigures.Results results = figures.compute(null, new SurveyFigures.Scope("p", HALF, QUARTERS, null, 5));
        // 5 promoters, 1 passive, 0 detractors of 6: 83.3.
        assertEquals(new Figure(83.3, 5.0, 6.0, 6, null), results.nps());
        assertEquals(Figure.unavailable("no survey invitation was sent in the period"), results.responseRate());
        assertEquals(Figure.unavailable("no satisfaction answer was submitted in the period"), results.satisfaction());
    }

    @Test
    void withoutASourceEveryFigureSaysWhy() throws Exception {
        SurveyFigures.Results results = SurveyFigures.NONE.compute(null, new SurveyFigures.Scope("p", HALF, QUARTERS,
                null, 5));
        Figure none = Figure.unavailable("no survey responses stored");
        assertEquals(new SurveyFigures.Results(none, none, none, List.of(none, none)), results);
    }

    @Test
    void answersOutsideTheirScalesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> answered("A", "2027-02-01T10:00:00Z", 11, null));
        assertThrows(IllegalArgumentException.class, () -> answered("A", "2027-02-01T10:00:00Z", null, 0));
    }
}
