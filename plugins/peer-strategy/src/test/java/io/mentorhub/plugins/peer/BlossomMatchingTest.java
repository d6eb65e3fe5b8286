package io.mentorhub.plugins.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchingStoppedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The blossom solver on its own: exhaustive search on thousands of small random graphs, and hand-made graphs that
 * force each kind of blossom handling (odd cycles that become S-blossoms, relabelled as T, nested, expanded).
 */
class BlossomMatchingTest {

    @Test
    void equalsExhaustiveSearchOnSmallRandomGraphs() {
        Random random = new Random(20261123);
        for (int round = 0; round < 4000; round++) {
            int n = 1 + random.nextInt(10);
            double density = 0.2 + random.nextDouble() * 0.8;
            // Narrow weight ranges give many ties and tight odd cycles; wide ones give distinct optima.
            int range = round % 3 == 0 ? 3 : round % 3 == 1 ? 20 : 1000;
            List<long[]> edges = new ArrayList<>();
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    if (random.nextDouble() < density) {
                        edges.add(new long[] {a, b, 1 + random.nextInt(range)});
                    }
                }
            }
            Graph graph = new Graph(n, edges);
            int[] partner = graph.solve();
            assertMatching(graph, partner);
            assertEquals(graph.bruteForceBest(), graph.weightOf(partner), "round " + round + ": " + graph);
        }
    }

    @Test
    void triangleWithPendantNeedsABlossom() {
        // The odd cycle 1-2-3 shrinks into an S-blossom; the augmenting path then leaves it through 3-4.
        Graph graph = new Graph(5, List.of(e(1, 2, 8), e(1, 3, 9), e(2, 3, 10), e(3, 4, 7)));
        assertArrayEquals(new int[] {-1, 2, 1, 4, 3}, graph.solve());
        graph = new Graph(7, List.of(e(1, 2, 8), e(1, 3, 9), e(2, 3, 10), e(3, 4, 7), e(1, 6, 5), e(4, 5, 6)));
        assertArrayEquals(new int[] {-1, 6, 3, 2, 5, 4, 1}, graph.solve());
    }

    @Test
    void blossomRelabelledAsTAndUsedForAugmentation() {
        assertArrayEquals(new int[] {-1, 6, 3, 2, 5, 4, 1}, new Graph(7,
                List.of(e(1, 2, 9), e(1, 3, 8), e(2, 3, 10), e(1, 4, 5), e(4, 5, 4), e(1, 6, 3))).solve());
        assertArrayEquals(new int[] {-1, 6, 3, 2, 5, 4, 1}, new Graph(7,
                List.of(e(1, 2, 9), e(1, 3, 8), e(2, 3, 10), e(1, 4, 5), e(4, 5, 3), e(1, 6, 4))).solve());
        assertArrayEquals(new int[] {-1, 2, 1, 6, 5, 4, 3}, new Graph(7,
                List.of(e(1, 2, 9), e(1, 3, 8), e(2, 3, 10), e(1, 4, 5), e(4, 5, 3), e(3, 6, 4))).solve());
    }

    @Test
    void nestedBlossoms() {
        // A blossom inside a blossom, used for augmentation.
        assertArrayEquals(new int[] {-1, 3, 4, 1, 2, 6, 5}, new Graph(7,
                List.of(e(1, 2, 9), e(1, 3, 9), e(2, 3, 10), e(2, 4, 8), e(3, 5, 8), e(4, 5, 10), e(5, 6, 6)))
                .solve());
        // A blossom relabelled S, then included in a nested S-blossom.
        assertArrayEquals(new int[] {-1, 2, 1, 4, 3, 6, 5, 8, 7}, new Graph(9,
                List.of(e(1, 2, 10), e(1, 7, 10), e(2, 3, 12), e(3, 4, 20), e(3, 5, 20), e(4, 5, 25), e(5, 6, 10),
                        e(6, 7, 10), e(7, 8, 8))).solve());
        // A nested S-blossom, augmented, then expanded recursively at the end of the stage.
        assertArrayEquals(new int[] {-1, 2, 1, 5, 6, 3, 4, 8, 7}, new Graph(9,
                List.of(e(1, 2, 8), e(1, 3, 8), e(2, 3, 10), e(2, 4, 12), e(3, 5, 12), e(4, 5, 14), e(4, 6, 12),
                        e(5, 7, 12), e(6, 7, 14), e(7, 8, 12))).solve());
        // A nested S-blossom relabelled T, then expanded.
        assertArrayEquals(new int[] {-1, 8, 3, 2, 7, 6, 5, 4, 1}, new Graph(9,
                List.of(e(1, 2, 19), e(1, 3, 20), e(1, 8, 8), e(2, 3, 25), e(2, 4, 18), e(3, 5, 18), e(4, 5, 13),
                        e(4, 7, 7), e(5, 6, 7))).solve());
        // A nested blossom whose outer blossom is expanded so the inner one ends up on the augmenting path.
        assertArrayEquals(new int[] {-1, 8, 3, 2, 6, 9, 4, 10, 1, 5, 7, 12, 11}, new Graph(13,
                List.of(e(1, 2, 45), e(1, 7, 45), e(2, 3, 50), e(3, 4, 45), e(4, 5, 95), e(4, 6, 94), e(5, 6, 94),
                        e(6, 7, 50), e(1, 8, 30), e(3, 11, 35), e(5, 9, 36), e(7, 10, 26), e(11, 12, 5))).solve());
    }

    @Test
    void tBlossomExpandedDuringAStage() {
        // A blossom relabelled T in more than one way, expanded, then augmented through.
        assertArrayEquals(new int[] {-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9}, new Graph(11,
                List.of(e(1, 2, 45), e(1, 5, 45), e(2, 3, 50), e(3, 4, 45), e(4, 5, 50), e(1, 6, 30), e(3, 9, 35),
                        e(4, 8, 35), e(5, 7, 26), e(9, 10, 5))).solve());
        // The same, where expansion produces a new least-slack edge from S to a free vertex.
        assertArrayEquals(new int[] {-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9}, new Graph(11,
                List.of(e(1, 2, 45), e(1, 5, 45), e(2, 3, 50), e(3, 4, 45), e(4, 5, 50), e(1, 6, 30), e(3, 9, 35),
                        e(4, 8, 28), e(5, 7, 26), e(9, 10, 5))).solve());
        assertArrayEquals(new int[] {-1, 6, 3, 2, 8, 7, 1, 5, 4}, new Graph(9,
                List.of(e(1, 2, 23), e(1, 5, 22), e(1, 6, 15), e(2, 3, 25), e(3, 4, 22), e(4, 5, 25), e(4, 8, 14),
                        e(5, 7, 13))).solve());
    }

    @Test
    void oddCycleOfEqualWeightsLeavesExactlyOneVertexSingle() {
        for (int n = 3; n <= 15; n += 2) {
            List<long[]> cycle = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                cycle.add(e(i, (i + 1) % n, 5));
            }
            Graph graph = new Graph(n, cycle);
            int[] partner = graph.solve();
            assertMatching(graph, partner);
            assertEquals(5L * (n / 2), graph.weightOf(partner), "cycle of " + n);
        }
    }

    @Test
    void maximumWeightIsNotMaximumCardinality() {
        // Path 1-2-3-4: the heavy middle edge beats two light outer ones.
        assertArrayEquals(new int[] {-1, -1, 3, 2, -1}, new Graph(5, List.of(e(1, 2, 5), e(2, 3, 11), e(3, 4, 5)))
                .solve());
    }

    @Test
    void stopsWhenAskedMidway() {
        Random random = new Random(3);
        List<long[]> edges = new ArrayList<>();
        for (int a = 0; a < 60; a++) {
            for (int b = a + 1; b < 60; b++) {
                edges.add(e(a, b, 1 + random.nextInt(100)));
            }
        }
        Graph graph = new Graph(60, edges);
        AtomicInteger polls = new AtomicInteger();
        MatchControl stopAfterTen = () -> polls.incrementAndGet() > 10;
        assertThrows(MatchingStoppedException.class, () -> graph.solve(stopAfterTen));
        assertEquals(11, polls.get(), "stops at the first poll that asks it to");
    }

    @Test
    void refusesLoopsAndOversizedWeights() {
        assertThrows(IllegalArgumentException.class, () -> new Graph(2, List.of(e(1, 1, 3))).solve());
        assertThrows(IllegalArgumentException.class,
                () -> new Graph(2, List.of(e(0, 1, BlossomMatching.MAX_WEIGHT + 1))).solve());
    }

    private static long[] e(int a, int b, long w) {
        return new long[] {a, b, w};
    }

    private static void assertMatching(Graph graph, int[] partner) {
        for (int v = 0; v < partner.length; v++) {
            if (partner[v] >= 0) {
                assertEquals(v, partner[partner[v]], "partner of the partner of " + v);
                assertTrue(graph.weight(v, partner[v]) != null, "matched along a non-edge " + v + "-" + partner[v]);
            }
        }
    }

    /** A small weighted graph with an exhaustive maximum. */
    private record Graph(int n, List<long[]> edges) {

        int[] solve() {
            return solve(MatchControl.NONE);
        }

        int[] solve(MatchControl control) {
            int[] u = new int[edges.size()];
            int[] v = new int[edges.size()];
            long[] w = new long[edges.size()];
            for (int k = 0; k < edges.size(); k++) {
                u[k] = (int) edges.get(k)[0];
                v[k] = (int) edges.get(k)[1];
                w[k] = edges.get(k)[2];
            }
            return BlossomMatching.solve(n, u, v, w, control);
        }

        Long weight(int a, int b) {
            for (long[] edge : edges) {
                if (edge[0] == a && edge[1] == b || edge[0] == b && edge[1] == a) {
                    return edge[2];
                }
            }
            return null;
        }

        long weightOf(int[] partner) {
            long total = 0;
            for (int v = 0; v < partner.length; v++) {
                if (partner[v] > v) {
                    total += weight(v, partner[v]);
                }
            }
            return total;
        }

        long bruteForceBest() {
            return best(new boolean[n], 0);
        }

        /** The lowest free vertex stays single or pairs with any free neighbour. */
        private long best(boolean[] used, int from) {
            int v = from;
            while (v < n && used[v]) {
                v++;
            }
            if (v >= n) {
                return 0;
            }
            used[v] = true;
            long best = best(used, v + 1);
            for (int w = v + 1; w < n; w++) {
                Long weight = used[w] ? null : weight(v, w);
                if (weight != null) {
                    used[w] = true;
                    best = Math.max(best, weight + best(used, v + 1));
                    used[w] = false;
                }
            }
            used[v] = false;
            return best;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(n + " vertices:");
            edges.forEach(edge -> text.append(' ').append(edge[0]).append('-').append(edge[1]).append(':').append(edge[2]));
            return text.toString();
        }
    }
}
