package io.mentorhub.benchmark.matching;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.engine.matching.CandidateSelection;
import io.mentorhub.engine.matching.PairScores;
import java.util.Arrays;
import java.util.Random;

/**
 * The benchmark's instances, generated from a seed by the {@link LatentModel}: the same seed always gives the same
 * graph, pair for pair.
 */
public final class SyntheticInstances {

    /** How a mentee's candidate mentors are chosen. */
    public enum Candidates {
        /** Every mentor, scored. */
        DENSE,
        /** The mentors with the highest affinity among all mentors. */
        TOP_BY_AFFINITY,
        /** The mentors with the highest affinity among those of the mentee's own group (no all-pairs scan). */
        TOP_BY_AFFINITY_IN_GROUP,
        /**
         * The engine's two-sided selection over every pair by score: each mentee's best mentors and each mentor's best
         * mentees per place ({@code CandidateSelection}).
         */
        BOTH_SIDES,
        /** The same, where only pairs within a group are feasible: other pairs are not pairs at all. */
        BOTH_SIDES_IN_GROUP
    }

    /**
     * An instance to generate. Each mentee gets between {@code minPerMentee} and {@code maxPerMentee} candidates
     * (drawn per mentee), ignored for {@link Candidates#DENSE}. For the two-sided selections each mentee's top
     * {@code minPerMentee} (= {@code maxPerMentee}) are kept, and each mentor's top {@code mentorPerPlace} mentees
     * per place of capacity.
     */
    public record Spec(String name, int mentees, int mentors, int capacity, Candidates candidates, int minPerMentee,
            int maxPerMentee, int mentorPerPlace) {

        public Spec {
            if (mentees < 0 || mentors < 1 || capacity < 0 || minPerMentee < 0 || maxPerMentee < minPerMentee
                    || mentorPerPlace < 0 || twoSided(candidates) && minPerMentee != maxPerMentee) {
                throw new IllegalArgumentException("bad instance spec " + name);
            }
        }

        /** A spec whose candidates come from the mentees' side only. */
        public Spec(String name, int mentees, int mentors, int capacity, Candidates candidates, int minPerMentee,
                int maxPerMentee) {
            this(name, mentees, mentors, capacity, candidates, minPerMentee, maxPerMentee, 0);
        }

        public boolean twoSided() {
            return twoSided(candidates);
        }

        private static boolean twoSided(Candidates candidates) {
            return candidates == Candidates.BOTH_SIDES || candidates == Candidates.BOTH_SIDES_IN_GROUP;
        }

        public String describe() {
            String shape = String.format("%,d mentees × %,d mentors, capacity %d", mentees, mentors, capacity);
            return switch (candidates) {
                case DENSE -> shape + ", dense (all pairs)";
                case TOP_BY_AFFINITY -> shape + ", top " + range() + " mentors by affinity per mentee";
                case TOP_BY_AFFINITY_IN_GROUP -> shape + ", top " + range() + " by affinity within the mentee's group";
                case BOTH_SIDES -> shape + ", each mentee's top " + minPerMentee + " ∪ each mentor's top "
                        + mentorPerPlace + " per place, by score over all pairs";
                case BOTH_SIDES_IN_GROUP -> shape + ", each mentee's top " + minPerMentee + " ∪ each mentor's top "
                        + mentorPerPlace + " per place, by score, pairs within a group only";
            };
        }

        private String range() {
            return minPerMentee == maxPerMentee ? String.valueOf(minPerMentee) : minPerMentee + "–" + maxPerMentee;
        }
    }

    /** The two-sided selection's sizes for b and c. */
    static final int MENTEE_TOP = Integer.getInteger("bench.menteeTop", 20);
    static final int MENTOR_PER_PLACE = Integer.getInteger("bench.mentorPerPlace", 5);

    public static final Spec A = new Spec("a", 1_000, 1_000, 1, Candidates.DENSE, 0, 0);
    public static final Spec B = new Spec("b", 10_000, 2_500, 4, Candidates.BOTH_SIDES, MENTEE_TOP, MENTEE_TOP,
            MENTOR_PER_PLACE);
    public static final Spec C = new Spec("c", 100_000, 25_000, 4, Candidates.BOTH_SIDES_IN_GROUP, MENTEE_TOP,
            MENTEE_TOP, MENTOR_PER_PLACE);

    private SyntheticInstances() {
    }

    public static CandidateGraph generate(Spec spec, long seed) {
        return generate(spec, new LatentModel(spec.mentees(), spec.mentors(), seed), seed);
    }

    static CandidateGraph generate(Spec spec, LatentModel model, long seed) {
        int[] capacity = new int[spec.mentors()];
        Arrays.fill(capacity, spec.capacity());
        if (spec.candidates() == Candidates.DENSE) {
            return dense(spec, model, capacity);
        }
        if (spec.twoSided()) {
            io.mentorhub.engine.matching.CandidateGraph selected = CandidateSelection.select(capacity, spec.mentees(),
                    pairScores(spec, model), spec.minPerMentee(), spec.mentorPerPlace(), MatchControl.NONE)
                    .candidates();
            return of(spec.mentees(), capacity, selected);
        }

        int[][] pools = pools(spec, model);
        // A stream of its own, so per-mentee counts do not shift when the model draws more or fewer numbers.
        Random counts = new Random(~seed);
        int[] pairMentee = new int[spec.mentees() * spec.maxPerMentee()];
        int[] pairMentor = new int[pairMentee.length];
        int[] pairScore = new int[pairMentee.length];
        TopK top = new TopK(spec.maxPerMentee());
        int pairs = 0;
        for (int j = 0; j < spec.mentees(); j++) {
            int want = spec.minPerMentee() + counts.nextInt(spec.maxPerMentee() - spec.minPerMentee() + 1);
            int[] pool = pools[spec.candidates() == Candidates.TOP_BY_AFFINITY ? 0 : model.menteeGroup(j)];
            top.reset(want);
            for (int mentor : pool) {
                top.offer(model.affinity(j, mentor), mentor);
            }
            // Listed by mentor: the graph's order says nothing about the retrieval's ranking.
            for (int mentor : top.sortedMentors()) {
                pairMentee[pairs] = j;
                pairMentor[pairs] = mentor;
                pairScore[pairs] = model.score(j, mentor);
                pairs++;
            }
        }
        return new CandidateGraph(spec.mentees(), capacity, Arrays.copyOf(pairMentee, pairs),
                Arrays.copyOf(pairMentor, pairs), Arrays.copyOf(pairScore, pairs));
    }

    /**
     * The scores the two-sided selection and the dual certificate ask for, by (mentor, mentee): the model's score, or
     * {@code NOT_A_PAIR} across groups when only pairs within a group are feasible.
     */
    static PairScores pairScores(Spec spec, LatentModel model) {
        if (spec.candidates() == Candidates.BOTH_SIDES_IN_GROUP || spec.candidates() == Candidates.TOP_BY_AFFINITY_IN_GROUP) {
            return (mentor, mentee) -> model.menteeGroup(mentee) == model.mentorGroup(mentor)
                    ? model.score(mentee, mentor)
                    : PairScores.NOT_A_PAIR;
        }
        return (mentor, mentee) -> model.score(mentee, mentor);
    }

    /** The engine's candidate graph as the benchmark's, pairs in the same order. */
    static CandidateGraph of(int mentees, int[] capacity, io.mentorhub.engine.matching.CandidateGraph selected) {
        int[] pairMentee = new int[selected.size()];
        int[] pairMentor = new int[selected.size()];
        int[] pairScore = new int[selected.size()];
        for (int k = 0; k < selected.size(); k++) {
            pairMentee[k] = selected.mentee(k);
            pairMentor[k] = selected.mentor(k);
            pairScore[k] = selected.score(k);
        }
        return new CandidateGraph(mentees, capacity, pairMentee, pairMentor, pairScore);
    }

    /** Every pair of a dense spec, scored, without storing them: the source for the dense optimum. */
    static CandidateGraph.PairSource allPairs(int mentees, int mentors, LatentModel model) {
        return sink -> {
            for (int j = 0; j < mentees; j++) {
                for (int i = 0; i < mentors; i++) {
                    sink.pair(j, i, model.score(j, i));
                }
            }
        };
    }

    private static CandidateGraph dense(Spec spec, LatentModel model, int[] capacity) {
        int pairs = Math.multiplyExact(spec.mentees(), spec.mentors());
        int[] pairMentee = new int[pairs];
        int[] pairMentor = new int[pairs];
        int[] pairScore = new int[pairs];
        int[] at = {0};
        allPairs(spec.mentees(), spec.mentors(), model).forEachPair((mentee, mentor, score) -> {
            pairMentee[at[0]] = mentee;
            pairMentor[at[0]] = mentor;
            pairScore[at[0]++] = score;
        });
        return new CandidateGraph(spec.mentees(), capacity, pairMentee, pairMentor, pairScore);
    }

    /** The mentors a mentee may be offered: one pool of everyone, or one pool per group. */
    private static int[][] pools(Spec spec, LatentModel model) {
        if (spec.candidates() == Candidates.TOP_BY_AFFINITY) {
            int[] everyone = new int[spec.mentors()];
            Arrays.setAll(everyone, i -> i);
            return new int[][] {everyone};
        }
        int[] size = new int[model.groups()];
        for (int i = 0; i < spec.mentors(); i++) {
            size[model.mentorGroup(i)]++;
        }
        int[][] pools = new int[model.groups()][];
        for (int g = 0; g < pools.length; g++) {
            pools[g] = new int[size[g]];
            size[g] = 0;
        }
        for (int i = 0; i < spec.mentors(); i++) {
            int g = model.mentorGroup(i);
            pools[g][size[g]++] = i;
        }
        return pools;
    }

    /** The k best (affinity, mentor) offers: a min-heap whose top is the weakest kept; ties go to the lower index. */
    private static final class TopK {
        private final double[] value;
        private final int[] mentor;
        private int limit;
        private int size;

        TopK(int capacity) {
            value = new double[capacity];
            mentor = new int[capacity];
        }

        void reset(int k) {
            limit = k;
            size = 0;
        }

        void offer(double v, int m) {
            if (limit == 0) {
                return;
            }
            if (size < limit) {
                int at = size++;
                while (at > 0) {
                    int parent = (at - 1) >>> 1;
                    if (!weaker(v, m, value[parent], mentor[parent])) {
                        break;
                    }
                    value[at] = value[parent];
                    mentor[at] = mentor[parent];
                    at = parent;
                }
                value[at] = v;
                mentor[at] = m;
            } else if (weaker(value[0], mentor[0], v, m)) {
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && weaker(value[child + 1], mentor[child + 1], value[child], mentor[child])) {
                        child++;
                    }
                    if (!weaker(value[child], mentor[child], v, m)) {
                        break;
                    }
                    value[at] = value[child];
                    mentor[at] = mentor[child];
                    at = child;
                }
                value[at] = v;
                mentor[at] = m;
            }
        }

        int[] sortedMentors() {
            int[] kept = Arrays.copyOf(mentor, size);
            Arrays.sort(kept);
            return kept;
        }

        private static boolean weaker(double v, int m, double otherV, int otherM) {
            return v < otherV || v == otherV && m > otherM;
        }
    }
}
