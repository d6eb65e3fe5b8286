package io.mentorhub.engine.metrics;

import static io.mentorhub.engine.metrics.GradeLadder.Step.NOT_UP;
import static io.mentorhub.engine.metrics.GradeLadder.Step.UNRANKED;
import static io.mentorhub.engine.metrics.GradeLadder.Step.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradeLadderTest {

    @Test
    void withoutALadderTheNumberAtTheEndRanks() {
        GradeLadder none = GradeLadder.parse("");
        assertEquals(UP, none.step("L3", "L4"));
        assertEquals(UP, none.step("L9", "L10"));
        assertEquals(UP, none.step("Band 2", "band 3"));
        assertEquals(NOT_UP, none.step("L4", "L3"));
        assertEquals(NOT_UP, none.step("L4", " l4 "));
        // Different prefixes, or no number: the change cannot be ranked.
        assertEquals(UNRANKED, none.step("L4", "M1"));
        assertEquals(UNRANKED, none.step("Associate", "Senior Associate"));
        // A first grade, or a grade removed, is no promotion.
        assertEquals(NOT_UP, none.step(null, "L3"));
        assertEquals(NOT_UP, none.step("L3", null));
    }

    @Test
    void theLadderComesFirstThenTheNumber() {
        GradeLadder ladder = GradeLadder.parse("Associate, Senior Associate, L7, Manager , Director");
        assertEquals(List.of("Associate", "Senior Associate", "L7", "Manager", "Director"), ladder.grades());
        assertEquals(UP, ladder.step("associate", "SENIOR ASSOCIATE"));
        assertEquals(UP, ladder.step("L7", "Manager"));
        assertEquals(NOT_UP, ladder.step("Director", "Manager"));
        // Both off the ladder: by number; one off the ladder and no common prefix: unranked.
        assertEquals(UP, ladder.step("L3", "L4"));
        assertEquals(UNRANKED, ladder.step("L3", "Manager"));
        assertTrue(ladder.describe().contains("Associate < Senior Associate < L7 < Manager < Director"),
                ladder.describe());
    }

    @Test
    void aLadderNamesEachGradeOnce() {
        assertThrows(IllegalArgumentException.class, () -> GradeLadder.parse("G1,G2,g1"));
        assertThrows(IllegalArgumentException.class, () -> GradeLadder.parse("G1,,G2"));
    }
}
