package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class DiversityPreferenceConstraintTest {

    private static final String REASON = "does not meet a diversity preference the mentee opted into";

    @Test
    void onlyMentorsWhoSharedTheAskedValueMeetThePreference() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentee = b.mentee("cy").consented("preferred_mentor.gender", "woman").add();
        Participant sharedSame = b.mentor("ada").consented("gender", " Woman ").add();
        Participant sharedOther = b.mentor("bo").consented("gender", "man").add();
        // Nothing is inferred: a mentor who did not share the attribute does not meet it, whatever else is known.
        Participant notShared = b.mentor("woman").team("Women in Tech").consented("pronouns", "she/her").add();
        Rule rule = new DiversityPreferenceConstraint().prepare(b.pool());
        assertTrue(rule.allows(sharedSame, mentee));
        assertFalse(rule.allows(sharedOther, mentee));
        assertFalse(rule.allows(notShared, mentee));
        assertEquals(REASON, rule.reason(sharedOther, mentee));
        assertEquals(REASON, rule.reason(notShared, mentee));
    }

    @Test
    void menteesWithoutAPreferenceAcceptEveryone() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentee = b.mentee("cy").consented("gender", "woman").add();
        Participant mentor = b.mentor("ada").consented("preferred_mentor.gender", "man").add();
        Participant silent = b.mentor("bo").add();
        Rule rule = new DiversityPreferenceConstraint().prepare(b.pool());
        assertTrue(rule.allows(mentor, mentee), "a mentor's own preference does not bind outside PEER programs");
        assertTrue(rule.allows(silent, mentee));
    }

    @Test
    void everyPreferenceMustBeMet() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.GROUP);
        Participant mentee = b.mentee("cy").consented("preferred_mentor.gender", "woman")
                .consented("preferred_mentor.ethnicity", "black").add();
        Participant both = b.mentor("ada").consented("ethnicity", "Black").consented("gender", "woman").add();
        Participant one = b.mentor("bo").consented("gender", "woman").add();
        Rule rule = new DiversityPreferenceConstraint().prepare(b.pool());
        assertTrue(rule.allows(both, mentee));
        assertFalse(rule.allows(one, mentee));
    }

    @Test
    void peersMeetEachOthersPreferences() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").consented("preferred_mentor.parent", "yes").add();
        Participant bea = b.peer("bea").consented("parent", "no").add();
        Participant cat = b.peer("cat").consented("parent", "YES").add();
        Rule rule = new DiversityPreferenceConstraint().prepare(b.pool());
        assertFalse(rule.allows(ann, bea));
        assertFalse(rule.allows(bea, ann));
        assertEquals("does not meet a diversity preference the mentor opted into", rule.reason(ann, bea));
        assertEquals(REASON, rule.reason(bea, ann));
        assertTrue(rule.allows(ann, cat));
        assertTrue(rule.allows(cat, ann));
    }

    @Test
    void aPreferenceWithoutAnAttributeNameIsRefusedWithoutItsValue() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        b.mentee("cy").consented("preferred_mentor.", "secret-value").add();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiversityPreferenceConstraint().prepare(b.pool()));
        assertEquals("Participant[cy, MENTEE, #0] has a diversity preference without an attribute name:"
                + " preferred_mentor.", e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"));
    }
}
