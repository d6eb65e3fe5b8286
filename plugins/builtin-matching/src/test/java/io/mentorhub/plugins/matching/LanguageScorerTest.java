package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageScorerTest {

    private final LanguageScorer scorer = new LanguageScorer();

    @Test
    void theMenteesPreferredLanguagesCountMost() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentee = b.mentee("cy").speaks("de").prefers("fr", "en").add();
        Participant french = b.mentor("ada").speaks("fr-CA").add();
        Participant english = b.mentor("bo").speaks("en-GB", "de").add();
        Participant german = b.mentor("cas").speaks("de-AT").add();
        Participant spanish = b.mentor("dee").speaks("es").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(french, mentee));
        assertEquals("you both speak French (French is your first preferred language)", scoring.reason(french, mentee));
        assertEquals(90, scoring.score(english, mentee));
        assertEquals("you both speak German and English, including one of your preferred languages",
                scoring.reason(english, mentee));
        assertEquals(60, scoring.score(german, mentee));
        assertEquals("you both speak German, but none of your preferred languages", scoring.reason(german, mentee));
        assertEquals(0, scoring.score(spanish, mentee));
        assertEquals("you have no language in common", scoring.reason(spanish, mentee));
    }

    @Test
    void withoutPreferencesAnySharedLanguageIsEnough() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").speaks("en-GB", "pt").add();
        Participant mentee = b.mentee("cy").speaks("EN-us").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(100, scoring.score(mentor, mentee));
        assertEquals("you both speak English", scoring.reason(mentor, mentee));
    }

    @Test
    void unknownLanguagesAreNeutral() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").add();
        Participant mentee = b.mentee("cy").speaks("en").add();
        Participant silent = b.mentee("di").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(mentor, mentee));
        assertEquals("no languages are known for the mentor, so language counts as neutral",
                scoring.reason(mentor, mentee));
        assertEquals("no languages are known for either of you, so language counts as neutral",
                scoring.reason(mentor, silent));
    }

    @Test
    void peersAverageBothDirections() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").speaks("en").prefers("fr").add();
        Participant bea = b.peer("bea").speaks("en").add();
        Scoring scoring = scorer.prepare(b.pool());
        // for bea (no preference) English is enough: 100; for ann English is shared but not preferred: 60.
        assertEquals(80, scoring.score(ann, bea));
        assertEquals(80, scoring.score(bea, ann));
    }

    @Test
    void runsWithMoreThanSixtyFourLanguages() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        List<Participant> mentors = new ArrayList<>();
        for (char x = 'a'; x <= 'e'; x++) {
            for (char y = 'a'; y <= 'z'; y++) {
                mentors.add(b.mentor("m" + x + y).speaks("q" + x + y).add());
            }
        }
        Participant mentee = b.mentee("cy").speaks("en").prefers("qdz").add();
        Scoring scoring = scorer.prepare(b.pool());
        for (Participant mentor : mentors) {
            assertEquals(mentor.personId().equals("mdz") ? 100 : 0, scoring.score(mentor, mentee), mentor.personId());
        }
    }
}
