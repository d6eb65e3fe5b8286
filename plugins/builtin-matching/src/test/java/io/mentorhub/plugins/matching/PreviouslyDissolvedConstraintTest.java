package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class PreviouslyDissolvedConstraintTest {

    @Test
    void anExcludedPairIsNeverAllowedAgainAndSaysWhy() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant ada = b.mentor("ada").add();
        Participant bo = b.mentor("bo").add();
        Participant cy = b.mentee("cy").add();
        Participant di = b.mentee("di").add();
        b.exclude("ada", "cy", "schedules never matched").exclude("bo", "di", null).exclude("ada", "gone", "left");
        Rule rule = new PreviouslyDissolvedConstraint().prepare(b.pool());
        assertFalse(rule.allows(ada, cy));
        assertEquals("this pair ended or was turned down before in this program (schedules never matched)",
                rule.reason(ada, cy));
        assertFalse(rule.allows(bo, di));
        assertEquals("this pair ended or was turned down before in this program", rule.reason(bo, di));
        assertTrue(rule.allows(ada, di));
        assertTrue(rule.allows(bo, cy));
    }

    @Test
    void outsidePeerProgramsOnlyTheRecordedOrientationIsExcluded() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.REVERSE);
        Participant ada = b.mentor("ada").add();
        Participant cy = b.mentor("cy").add();
        b.exclude("ada", "cy", "declined");
        Rule rule = new PreviouslyDissolvedConstraint().prepare(b.pool());
        assertFalse(rule.allows(ada, cy));
        assertTrue(rule.allows(cy, ada));
    }

    @Test
    void peersAreExcludedWhicheverWayRoundAndEveryReasonIsGiven() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").add();
        Participant bea = b.peer("bea").add();
        Participant cat = b.peer("cat").add();
        b.exclude("bea", "ann", "rejected by HR").exclude("ann", "bea", "dissolved: moved teams");
        Rule rule = new PreviouslyDissolvedConstraint().prepare(b.pool());
        assertFalse(rule.allows(ann, bea));
        assertFalse(rule.allows(bea, ann));
        assertEquals("this pair ended or was turned down before in this program"
                + " (dissolved: moved teams; rejected by HR)", rule.reason(ann, bea));
        assertTrue(rule.allows(ann, cat));
    }
}
