package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.Participant;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class ManagerChainConstraintTest {

    @Test
    void directManagerCannotMentorTheirReport() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant boss = b.mentor("boss").add();
        Participant other = b.mentor("other").managers("ceo").add();
        Participant report = b.mentee("report").managers("boss", "ceo").add();
        Rule rule = constraint(10).prepare(b.pool());
        assertFalse(rule.allows(boss, report));
        assertEquals("the mentor is the mentee's manager", rule.reason(boss, report));
        assertTrue(rule.allows(other, report), "sharing a manager outside the run is allowed");
    }

    @Test
    void reverseMentorCannotBeTheReportOfTheirMentee() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.REVERSE);
        Participant junior = b.mentor("junior").managers("lead", "director", "vp").add();
        Participant vp = b.mentee("vp").add();
        Participant director = b.mentee("director").add();
        Rule rule = constraint(10).prepare(b.pool());
        assertFalse(rule.allows(junior, vp));
        assertEquals("the mentee is in the mentor's management chain (3 levels up)", rule.reason(junior, vp));
        assertFalse(rule.allows(junior, director));
        assertEquals("the mentee is in the mentor's management chain (2 levels up)", rule.reason(junior, director));
    }

    @Test
    void depthLimitsHowFarUpTheChainIsChecked() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant skip = b.mentor("skip").add();
        Participant report = b.mentee("report").managers("lead", "skip").add();
        assertTrue(constraint(1).prepare(b.pool()).allows(skip, report));
        Rule deeper = constraint(2).prepare(b.pool());
        assertFalse(deeper.allows(skip, report));
        assertEquals("the mentor is in the mentee's management chain (2 levels up)", deeper.reason(skip, report));
    }

    @Test
    void defaultDepthIsTen() throws Exception {
        assertEquals(10, ManagerChainConstraint.Config.class.getMethod("depth").getDefaultValue());
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant tenth = b.mentor("m10").add();
        Participant eleventh = b.mentor("m11").add();
        Participant report = b.mentee("report")
                .managers("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11").add();
        Rule rule = constraint(10).prepare(b.pool());
        assertFalse(rule.allows(tenth, report));
        assertTrue(rule.allows(eleventh, report));
    }

    @Test
    void reconfiguredDepthAppliesToTheNextRun() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant skip = b.mentor("skip").add();
        Participant report = b.mentee("report").managers("lead", "skip").add();
        ManagerChainConstraint constraint = constraint(2);
        Rule before = constraint.prepare(b.pool());
        constraint.modified(config(1));
        assertFalse(before.allows(skip, report), "a prepared run keeps its depth");
        assertTrue(constraint.prepare(b.pool()).allows(skip, report));
    }

    @Test
    void peersAreCheckedBothWays() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant lead = b.peer("lead").add();
        Participant dev = b.peer("dev").managers("lead").add();
        Rule rule = constraint(10).prepare(b.pool());
        assertFalse(rule.allows(lead, dev));
        assertFalse(rule.allows(dev, lead));
        assertEquals("the mentee is the mentor's manager", rule.reason(dev, lead));
    }

    @Test
    void depthBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> constraint(0));
        assertEquals("depth must be >= 1, was 0", e.getMessage());
        ManagerChainConstraint constraint = constraint(3);
        assertThrows(IllegalArgumentException.class, () -> constraint.modified(config(-1)));
    }

    static ManagerChainConstraint constraint(int depth) {
        return new ManagerChainConstraint(config(depth));
    }

    static ManagerChainConstraint.Config config(int depth) {
        return new ManagerChainConstraint.Config() {
            @Override
            public int depth() {
                return depth;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ManagerChainConstraint.Config.class;
            }
        };
    }
}
