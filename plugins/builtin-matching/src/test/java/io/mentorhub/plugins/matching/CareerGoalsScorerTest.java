package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.Participant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CareerGoalsScorerTest {

    private final CareerGoalsScorer scorer = new CareerGoalsScorer();

    @Test
    void goalWordsDropStopWordsCaseAndPlurals() {
        assertEquals(List.of("engineering", "manager", "lead", "team", "business", "analysis"),
                Text.words(List.of("I want to become an Engineering Manager,", "lead teams; business analysis")));
    }

    @Test
    void diceSimilarityOfGoalWords() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        // mentor words: engineering, manager, platform; mentee words: engineering, manager, lead, team.
        Participant mentor = b.mentor("ada").goals("Become an engineering manager for a platform").add();
        Participant mentee = b.mentee("cy").goals("Engineering manager", "Lead teams").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(57, scoring.score(mentor, mentee)); // 2 × 2 / (3 + 4)
        assertEquals(57, scoring.score(mentee, mentor));
        assertEquals("your career goals share engineering and manager", scoring.reason(mentor, mentee));
    }

    @Test
    void sameGoalsScoreFullAndDisjointGoalsZero() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").goals("Data science leadership").add();
        Participant same = b.mentee("cy").goals("data-science LEADERSHIP").add();
        Participant other = b.mentee("di").goals("Start a bakery").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(mentor, same));
        assertEquals(0, scoring.score(mentor, other));
        assertEquals("your career goals have no words in common", scoring.reason(mentor, other));
    }

    @Test
    void missingGoalsAreNeutral() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").add();
        Participant mentee = b.mentee("cy").goals("Product management").add();
        Participant silent = b.mentee("di").add();
        Participant onlyStopWords = b.mentee("ed").goals("I want to be more").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(mentor, mentee));
        assertEquals("the mentor gave no career goals, so they count as neutral", scoring.reason(mentor, mentee));
        assertEquals("neither of you gave career goals, so they count as neutral", scoring.reason(mentor, silent));
        assertEquals(50, scoring.score(mentor, onlyStopWords));
    }

    @Test
    void peerProgramsScoreTheSameBothWays() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").goals("Move into UX research").add();
        Participant bea = b.peer("bea").goals("UX design lead").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(33, scoring.score(ann, bea)); // ux shared: 2 × 1 / (3 + 3)
        assertEquals(scoring.score(ann, bea), scoring.score(bea, ann));
    }
}
