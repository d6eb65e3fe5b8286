package io.mentorhub.plugins.matching;

import static io.mentorhub.api.domain.Enrollment.LearningStyle.CONVERSATIONAL;
import static io.mentorhub.api.domain.Enrollment.LearningStyle.HANDS_ON;
import static io.mentorhub.api.domain.Enrollment.LearningStyle.REFLECTIVE;
import static io.mentorhub.api.domain.Enrollment.LearningStyle.STRUCTURED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.Enrollment.LearningStyle;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class LearningStyleScorerTest {

    private final LearningStyleScorer scorer = new LearningStyleScorer();

    @Test
    void matrixIsSymmetricWithSameStyleHighest() {
        for (LearningStyle a : LearningStyle.values()) {
            for (LearningStyle b : LearningStyle.values()) {
                int score = LearningStyleScorer.MATRIX[a.ordinal()][b.ordinal()];
                assertEquals(score, LearningStyleScorer.MATRIX[b.ordinal()][a.ordinal()], a + "/" + b);
                assertEquals(a == b, score == LearningStyleScorer.SAME, a + "/" + b);
            }
        }
    }

    @Test
    void sameCompatibleAndDifferentStyles() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").style(HANDS_ON).add();
        Participant same = b.mentee("cy").style(HANDS_ON).add();
        Participant compatible = b.mentee("di").style(STRUCTURED).add();
        Participant different = b.mentee("ed").style(REFLECTIVE).add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(mentor, same));
        assertEquals("you both prefer hands-on learning", scoring.reason(mentor, same));
        assertEquals(60, scoring.score(mentor, compatible));
        assertEquals("hands-on and structured learning styles work well together", scoring.reason(mentor, compatible));
        assertEquals(30, scoring.score(mentor, different));
        assertEquals("hands-on and reflective learning styles differ", scoring.reason(mentor, different));
    }

    @Test
    void missingStyleIsNeutral() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").style(CONVERSATIONAL).add();
        Participant bea = b.peer("bea").add();
        Participant cat = b.peer("cat").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(ann, bea));
        assertEquals("you gave no learning style, so it counts as neutral", scoring.reason(ann, bea));
        assertEquals("the mentor gave no learning style, so it counts as neutral", scoring.reason(bea, ann));
        assertEquals("neither of you gave a learning style, so it counts as neutral", scoring.reason(bea, cat));
    }
}
