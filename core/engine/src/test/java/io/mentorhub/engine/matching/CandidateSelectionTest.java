package io.mentorhub.engine.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchingStoppedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CandidateSelectionTest {

    @Test
    void selectsExactlyTheTopPairsFromBothSides() {
        for (long seed = 1; seed <= 300; seed++) {
            Instance instance = Instance.random(new Random(seed));
            Random random = new Random(~seed);
            int menteeTopK = random.nextInt(5);
            int perPlace = random.nextInt(4);
            CandidateSelection.Selection selection = CandidateSelection.select(instance.capacity(),
                    instance.mentees(), instance.scores(), menteeTopK, perPlace, MatchControl.NONE);
            assertEquals(bruteForce(instance, menteeTopK, perPlace), pairs(selection.candidates()), "seed " + seed);
            assertEquals(instance.feasiblePairsWithRoom(), selection.feasiblePairs(), "seed " + seed);
        }
    }

    @Test
    void mentorsGetMenteesInProportionToCapacityEvenIfNoMenteeRanksThemHigh() {
        // Mentor 0 is every mentee's favourite; mentors 1 (capacity 2) and 2 (capacity 0) are nobody's.
        int[] capacity = {1, 2, 0};
        PairScores scores = (mentor, mentee) -> mentor == 0 ? 90 : 10 + mentee;
        CandidateGraph graph = CandidateSelection.select(capacity, 6, scores, 1, 2, MatchControl.NONE).candidates();
        assertEquals(List.of(
                        new Pair(0, 0, 90), new Pair(0, 1, 90), new Pair(0, 2, 90), new Pair(0, 3, 90),
                        new Pair(0, 4, 90), new Pair(0, 5, 90), new Pair(1, 2, 12), new Pair(1, 3, 13),
                        new Pair(1, 4, 14), new Pair(1, 5, 15)),
                pairs(graph).stream().sorted(Comparator.comparingInt(Pair::mentor).thenComparingInt(Pair::mentee))
                        .toList());
        for (int k = 0; k < graph.size(); k++) {
            assertTrue(graph.mentor(k) != 2, "a mentor without capacity is never a candidate");
        }
    }

    @Test
    void forbiddenPairsAreNeverSelectedNorCounted() {
        int[] capacity = {3, 3};
        // Only mentor 1 with odd mentees is allowed; everything else is forbidden, however well it would score.
        PairScores scores = (mentor, mentee) -> mentor == 1 && mentee % 2 == 1 ? 5 : PairScores.NOT_A_PAIR;
        CandidateSelection.Selection selection = CandidateSelection.select(capacity, 8, scores, 5, 5,
                MatchControl.NONE);
        assertEquals(List.of(new Pair(1, 1, 5), new Pair(1, 3, 5), new Pair(1, 5, 5), new Pair(1, 7, 5)),
                pairs(selection.candidates()));
        assertEquals(4, selection.feasiblePairs());
    }

    @Test
    void scoresEveryPairOnce() {
        AtomicInteger asked = new AtomicInteger();
        int[] capacity = {2, 0, 1, 4};
        CandidateSelection.select(capacity, 50, (mentor, mentee) -> {
            asked.incrementAndGet();
            return mentor * mentee % 7;
        }, 2, 3, MatchControl.NONE);
        assertEquals(3 * 50, asked.get(), "each pair of a mentor with capacity, once");
    }

    @Test
    void stopsWhenAskedAndPollsPerMentee() {
        int[] capacity = {1, 1};
        assertThrows(MatchingStoppedException.class,
                () -> CandidateSelection.select(capacity, 10, (m, e) -> 1, 1, 1, () -> true));
        AtomicInteger polls = new AtomicInteger();
        CandidateSelection.select(capacity, 10, (m, e) -> 1, 1, 1, () -> polls.incrementAndGet() < 0);
        assertTrue(polls.get() >= 10, "polled " + polls.get() + " times");
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> CandidateSelection.select(new int[] {-1}, 1, (m, e) -> 1, 1, 1, MatchControl.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> CandidateSelection.select(new int[] {1}, 1, (m, e) -> 1, -1, 1, MatchControl.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> CandidateSelection.select(new int[] {1}, -1, (m, e) -> 1, 1, 1, MatchControl.NONE));
    }

    @Test
    void graphRefusesAPairTwiceAndAnswersMembership() {
        CandidateGraph graph = new CandidateGraph(0);
        graph.add(3, 4, 10);
        assertTrue(graph.contains(3, 4));
        assertFalse(graph.contains(4, 3));
        assertThrows(IllegalArgumentException.class, () -> graph.add(3, 4, 11));
        for (int k = 0; k < 1000; k++) {
            graph.add(k % 37, 1000 + k, k);
        }
        assertEquals(1001, graph.size());
        assertTrue(graph.contains(999 % 37, 1999));
        assertEquals(999, graph.score(1000));
        assertThrows(IllegalArgumentException.class, () -> graph.add(0, 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> graph.add(0, 0, PairScores.NOT_A_PAIR));
        assertThrows(IndexOutOfBoundsException.class, () -> graph.mentor(1001));
    }

    /** The definition, written plainly: sorted lists and sets. */
    static List<Pair> bruteForce(Instance instance, int menteeTopK, int perPlace) {
        Comparator<Pair> byMentee = Comparator.comparingInt(Pair::mentee).thenComparingInt(Pair::mentor);
        TreeSet<Pair> chosen = new TreeSet<>(byMentee);
        for (int j = 0; j < instance.mentees(); j++) {
            List<Pair> row = new ArrayList<>();
            for (int i = 0; i < instance.capacity().length; i++) {
                int s = instance.scores().score(i, j);
                if (instance.capacity()[i] > 0 && s != PairScores.NOT_A_PAIR) {
                    row.add(new Pair(i, j, s));
                }
            }
            row.sort(Comparator.comparingInt(Pair::score).reversed().thenComparingInt(Pair::mentor));
            chosen.addAll(row.subList(0, Math.min(menteeTopK, row.size())));
        }
        for (int i = 0; i < instance.capacity().length; i++) {
            List<Pair> column = new ArrayList<>();
            for (int j = 0; j < instance.mentees(); j++) {
                int s = instance.scores().score(i, j);
                if (instance.capacity()[i] > 0 && s != PairScores.NOT_A_PAIR) {
                    column.add(new Pair(i, j, s));
                }
            }
            column.sort(Comparator.comparingInt(Pair::score).reversed().thenComparingInt(Pair::mentee));
            chosen.addAll(column.subList(0, Math.min(perPlace * instance.capacity()[i], column.size())));
        }
        return new ArrayList<>(chosen);
    }

    static List<Pair> pairs(CandidateGraph graph) {
        List<Pair> pairs = new ArrayList<>();
        for (int k = 0; k < graph.size(); k++) {
            pairs.add(new Pair(graph.mentor(k), graph.mentee(k), graph.score(k)));
        }
        return pairs;
    }

    record Pair(int mentor, int mentee, int score) {
    }

    /** A random run: capacities 0..3, a fifth of the pairs forbidden, scores 0..15 so that ties are common. */
    record Instance(int[] capacity, int mentees, int[][] score) {

        static Instance random(Random random) {
            int[] capacity = new int[1 + random.nextInt(12)];
            for (int i = 0; i < capacity.length; i++) {
                capacity[i] = random.nextInt(4);
            }
            int mentees = random.nextInt(40);
            int[][] score = new int[capacity.length][mentees];
            for (int[] row : score) {
                for (int j = 0; j < mentees; j++) {
                    row[j] = random.nextInt(5) == 0 ? PairScores.NOT_A_PAIR : random.nextInt(16);
                }
            }
            return new Instance(capacity, mentees, score);
        }

        PairScores scores() {
            return (mentor, mentee) -> score[mentor][mentee];
        }

        long feasiblePairsWithRoom() {
            long count = 0;
            for (int i = 0; i < capacity.length; i++) {
                for (int j = 0; j < mentees; j++) {
                    count += capacity[i] > 0 && score[i][j] != PairScores.NOT_A_PAIR ? 1 : 0;
                }
            }
            return count;
        }
    }
}
