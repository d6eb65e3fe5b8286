package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class SameTeamConstraintTest {

    @Test
    void sameTeamIsForbiddenWhateverTheSpelling() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").team("Payments").add();
        Participant teammate = b.mentee("cy").team(" payments ").add();
        Participant elsewhere = b.mentee("di").team("Lending").add();
        Rule rule = new SameTeamConstraint().prepare(b.pool());
        assertFalse(rule.allows(mentor, teammate));
        assertEquals("the mentor and mentee are in the same team", rule.reason(mentor, teammate));
        assertTrue(rule.allows(mentor, elsewhere));
    }

    @Test
    void peopleWithoutATeamAreNeverInTheSameTeam() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").add();
        Participant bea = b.peer("bea").team(null).add();
        Participant cat = b.peer("cat").team("Payments").add();
        Rule rule = new SameTeamConstraint().prepare(b.pool());
        assertTrue(rule.allows(ann, bea));
        assertTrue(rule.allows(ann, cat));
        assertTrue(rule.allows(cat, ann));
    }
}
