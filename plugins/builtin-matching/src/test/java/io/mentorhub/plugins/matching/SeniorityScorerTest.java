package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class SeniorityScorerTest {

    private final SeniorityScorer scorer = new SeniorityScorer();

    @Test
    void oneToThreeLevelsAboveIsIdeal() {
        int[] expected = {0, 0, 15, 40, 100, 100, 100, 75, 50, 25, 25}; // gaps -3..7
        for (int gap = -3; gap <= 7; gap++) {
            PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
            Participant mentor = b.mentor("ada").level(5 + gap).add();
            Participant mentee = b.mentee("cy").level(5).add();
            assertEquals(expected[gap + 3], scorer.prepare(b.pool()).score(mentor, mentee), "gap " + gap);
        }
    }

    @Test
    void reasonsStateTheGapNotTheGrades() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.GROUP);
        Participant mentor = b.mentor("ada").level(9).add();
        Participant close = b.mentee("cy").level(7).add();
        Participant peer = b.mentee("di").level(9).add();
        Participant above = b.mentee("ed").level(10).add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals("the mentor is 2 levels above you (1 to 3 levels above is ideal)", scoring.reason(mentor, close));
        assertEquals("the mentor is at your level (1 to 3 levels above is ideal)", scoring.reason(mentor, peer));
        assertEquals("the mentor is 1 level below you (1 to 3 levels above is ideal)", scoring.reason(mentor, above));
    }

    @Test
    void reverseMentoringWantsTheMentorBelow() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.REVERSE);
        Participant junior = b.mentor("jo").level(4).add();
        Participant executive = b.mentee("vp").level(6).add();
        Participant colleague = b.mentee("pm").level(3).add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(junior, executive));
        assertEquals("the mentor is 2 levels below you (1 to 3 levels below is ideal in reverse mentoring)",
                scoring.reason(junior, executive));
        assertEquals(15, scoring.score(junior, colleague));
    }

    @Test
    void peersPreferTheSameLevel() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").level(5).add();
        Participant bea = b.peer("bea").level(5).add();
        Participant cat = b.peer("cat").level(6).add();
        Participant dan = b.peer("dan").level(3).add();
        Participant eve = b.peer("eve").level(1).add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(ann, bea));
        assertEquals(70, scoring.score(ann, cat));
        assertEquals(70, scoring.score(cat, ann));
        assertEquals(35, scoring.score(ann, dan));
        assertEquals(0, scoring.score(ann, eve));
        assertEquals("you are at the same level (the same level is ideal for peers)", scoring.reason(ann, bea));
        assertEquals("you are 2 levels apart (the same level is ideal for peers)", scoring.reason(ann, dan));
    }

    @Test
    void unknownLevelIsNeutralAndSaysSo() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").level(null).add();
        Participant known = b.mentee("cy").level(4).add();
        Participant unknown = b.mentee("di").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(mentor, known));
        assertEquals("the mentor's grade is not known, so seniority counts as neutral", scoring.reason(mentor, known));
        assertEquals("neither grade is known, so seniority counts as neutral", scoring.reason(mentor, unknown));
    }

    @Test
    void extremeLevelsDoNotOverflow() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").level(Integer.MAX_VALUE).add();
        Participant mentee = b.mentee("cy").level(Integer.MIN_VALUE).add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(25, scoring.score(mentor, mentee));
        assertEquals(0, scoring.score(mentee, mentor));
    }
}
