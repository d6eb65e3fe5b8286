package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequiredLanguageConstraintTest {

    @Test
    void mentorMustSpeakOneOfTheMenteesPreferredLanguages() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentee = b.mentee("cy").speaks("en").prefers("fr-CA", "de").add();
        Participant french = b.mentor("ada").speaks("fr").add();
        Participant german = b.mentor("bo").prefers("de-CH").add(); // a mentor's own preferences are spoken too
        Participant english = b.mentor("cas").speaks("en").add();
        Rule rule = new RequiredLanguageConstraint().prepare(b.pool());
        assertTrue(rule.allows(french, mentee));
        assertTrue(rule.allows(german, mentee));
        assertFalse(rule.allows(english, mentee));
        assertEquals("the mentor speaks none of the mentee's preferred languages (French and German)",
                rule.reason(english, mentee));
    }

    @Test
    void menteeWithoutPreferencesAcceptsAnyMentor() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentee = b.mentee("cy").speaks("en").add();
        Participant mentor = b.mentor("ada").speaks("ja").add();
        Participant silent = b.mentor("bo").add();
        Rule rule = new RequiredLanguageConstraint().prepare(b.pool());
        assertTrue(rule.allows(mentor, mentee));
        assertTrue(rule.allows(silent, mentee));
    }

    @Test
    void peersMustEachSpeakALanguageTheOtherPrefers() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").speaks("en").prefers("de").add();
        Participant bea = b.peer("bea").speaks("en").add();
        Rule rule = new RequiredLanguageConstraint().prepare(b.pool());
        assertFalse(rule.allows(ann, bea));
        assertFalse(rule.allows(bea, ann));
        assertEquals("the mentee speaks none of the mentor's preferred languages (German)", rule.reason(ann, bea));
        assertEquals("the mentor speaks none of the mentee's preferred languages (German)", rule.reason(bea, ann));
    }

    @Test
    void onlyTheMenteesPreferenceBindsOutsidePeerPrograms() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.REVERSE);
        Participant mentor = b.mentor("ada").speaks("en").prefers("de").add();
        Participant mentee = b.mentee("cy").speaks("en").add();
        assertTrue(new RequiredLanguageConstraint().prepare(b.pool()).allows(mentor, mentee));
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
        Rule rule = new RequiredLanguageConstraint().prepare(b.pool());
        for (Participant mentor : mentors) {
            assertEquals(mentor.personId().equals("mdz"), rule.allows(mentor, mentee), mentor.personId());
        }
    }
}
