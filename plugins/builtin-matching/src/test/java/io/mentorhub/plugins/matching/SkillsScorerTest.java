package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class SkillsScorerTest {

    private final SkillsScorer scorer = new SkillsScorer();

    @Test
    void coverageOfTheMenteesDevelopmentAreasIgnoringCaseAndSpacing() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").skills("sql", "NEGOTIATION", "public   speaking", "Go").add();
        Participant mentee = b.mentee("cy").areas("SQL", "negotiation", "Public speaking", "Kotlin").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(75, scoring.score(mentor, mentee));
        assertEquals("covers 3 of your 4 development areas: SQL, negotiation and Public speaking",
                scoring.reason(mentor, mentee));
    }

    @Test
    void noOverlapScoresZeroAndSaysSo() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").add();
        Participant mentee = b.mentee("cy").areas("SQL", "Kotlin").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(0, scoring.score(mentor, mentee));
        assertEquals("covers 0 of your 2 development areas", scoring.reason(mentor, mentee));
    }

    @Test
    void menteeWithoutDevelopmentAreasIsNeutral() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").skills("SQL").add();
        Participant mentee = b.mentee("cy").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(mentor, mentee));
        assertEquals("you listed no development areas, so skills count as neutral", scoring.reason(mentor, mentee));
    }

    @Test
    void areasSpelledTwiceCountOnce() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").skills("SQL").add();
        Participant mentee = b.mentee("cy").areas("SQL", "sql ", "Kotlin").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(mentor, mentee));
        assertEquals("covers 1 of your 2 development areas: SQL", scoring.reason(mentor, mentee));
    }

    @Test
    void longListsAreShortenedInTheReason() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").skills("a1", "a2", "a3", "a4", "a5", "a6", "a7").add();
        Participant mentee = b.mentee("cy").areas("a1", "a2", "a3", "a4", "a5", "a6", "a7", "b").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(88, scoring.score(mentor, mentee));
        assertEquals("covers 7 of your 8 development areas: a1, a2, a3, a4, a5 and 2 more",
                scoring.reason(mentor, mentee));
    }

    @Test
    void peersCountWhatEachOffersTheOther() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").skills("Excel").areas("Python").add();
        Participant bea = b.peer("bea").skills("Python", "SQL").areas("Excel", "Design").add();
        Scoring scoring = scorer.prepare(b.pool());
        // ann covers 1 of bea's 2, bea covers ann's only one: 2 of 3.
        assertEquals(67, scoring.score(ann, bea));
        assertEquals(67, scoring.score(bea, ann));
        assertEquals("covers 1 of your 2 development areas: Excel; you cover 1 of their 1: Python",
                scoring.reason(ann, bea));
    }

    @Test
    void peerWhoListedNoAreasStillCountsTheOtherDirection() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").skills("Excel").add();
        Participant bea = b.peer("bea").areas("Excel", "Design").add();
        Participant cat = b.peer("cat").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(ann, bea));
        assertEquals("covers 1 of your 2 development areas: Excel; they listed no development areas",
                scoring.reason(ann, bea));
        assertEquals("you listed no development areas; you cover 1 of their 2: Excel", scoring.reason(bea, ann));
        assertEquals(50, scoring.score(ann, cat));
        assertEquals("neither of you listed development areas, so skills count as neutral", scoring.reason(ann, cat));
    }

    @Test
    void reverseMentoringScoresWhatTheJuniorMentorOffers() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.REVERSE);
        Participant junior = b.mentor("jo").skills("TikTok", "Generative AI").level(3).add();
        Participant senior = b.mentee("vp").areas("generative ai").level(12).add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(junior, senior));
        assertEquals("covers 1 of your 1 development area: generative ai", scoring.reason(junior, senior));
    }
}
