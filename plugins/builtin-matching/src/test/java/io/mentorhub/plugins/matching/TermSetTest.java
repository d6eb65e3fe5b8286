package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TermSetTest {

    @Test
    void agreesWithAHashSetOnRandomSparseAndDenseSets() {
        Random random = new Random(5);
        for (int round = 0; round < 2_000; round++) {
            int range = round % 2 == 0 ? 200 : 100_000;
            int[] a = random.ints(random.nextInt(60), 0, range).toArray();
            int[] b = random.ints(random.nextInt(60), 0, range).toArray();
            Set<Integer> sa = new HashSet<>();
            Set<Integer> sb = new HashSet<>();
            for (int x : a) {
                sa.add(x);
            }
            for (int x : b) {
                sb.add(x);
            }
            TermSet ta = TermSet.of(a);
            TermSet tb = TermSet.of(b);
            assertEquals(sa.size(), ta.size());
            Set<Integer> common = new HashSet<>(sa);
            common.retainAll(sb);
            assertEquals(common.size(), ta.intersectionSize(tb));
            assertEquals(common.size(), tb.intersectionSize(ta));
            for (int x : b) {
                assertEquals(sa.contains(x), ta.contains(x));
            }
        }
    }
}
