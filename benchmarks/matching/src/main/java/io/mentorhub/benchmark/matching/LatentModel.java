package io.mentorhub.benchmark.matching;

import java.util.Random;

/**
 * Seeded latent-factor scores, so instances have the structure real ones do: people belong to groups (a department,
 * a skill area), some mentors suit almost everyone, and every pair has its own idiosyncrasy.
 *
 * <p>Each person has {@value #DIMENSIONS} standard normal skill factors and a group; a mentor also has a quality
 * bias. The <em>affinity</em> of a pair is the scaled dot product of their factors, plus a bonus within a group, plus
 * the mentor's bias: what a retrieval model would know. The <em>score</em> adds pair noise that only the full
 * scoring sees, and maps to an integer 0..100. The noise is a hash of (seed, mentee, mentor), not a draw from a
 * stream, so any pair's score can be recomputed on its own: the dense optimum streams all pairs without storing them.
 */
final class LatentModel {

    static final int DIMENSIONS = 8;
    /** Mentors per group, roughly. */
    static final int GROUP_SIZE = 500;
    // In standard deviations of the factor term; popularity (the bias) stays a minority of the spread.
    private static final double GROUP_BONUS = 1.0;
    private static final double BIAS_WEIGHT = 0.3;
    private static final double NOISE_WEIGHT = 0.5;
    private static final double SCORE_CENTRE = 50;
    private static final double SCORE_SPREAD = 13;

    private final long seed;
    private final int groups;
    private final double[] menteeFactors;
    private final double[] mentorFactors;
    private final double[] mentorBias;
    private final int[] menteeGroup;
    private final int[] mentorGroup;

    LatentModel(int mentees, int mentors, long seed) {
        this.seed = seed;
        this.groups = Math.max(1, Math.round(mentors / (float) GROUP_SIZE));
        Random random = new Random(seed);
        mentorGroup = new int[mentors];
        mentorBias = new double[mentors];
        mentorFactors = new double[mentors * DIMENSIONS];
        for (int i = 0; i < mentors; i++) {
            mentorGroup[i] = random.nextInt(groups);
            mentorBias[i] = random.nextGaussian();
            fill(random, mentorFactors, i);
        }
        menteeGroup = new int[mentees];
        menteeFactors = new double[mentees * DIMENSIONS];
        for (int j = 0; j < mentees; j++) {
            menteeGroup[j] = random.nextInt(groups);
            fill(random, menteeFactors, j);
        }
    }

    int groups() {
        return groups;
    }

    int menteeGroup(int mentee) {
        return menteeGroup[mentee];
    }

    int mentorGroup(int mentor) {
        return mentorGroup[mentor];
    }

    /** What retrieval knows: factors, group and the mentor's quality; no pair noise. */
    double affinity(int mentee, int mentor) {
        double dot = 0;
        int a = mentee * DIMENSIONS;
        int b = mentor * DIMENSIONS;
        for (int d = 0; d < DIMENSIONS; d++) {
            dot += menteeFactors[a + d] * mentorFactors[b + d];
        }
        double group = menteeGroup[mentee] == mentorGroup[mentor] ? GROUP_BONUS : 0;
        return dot / Math.sqrt(DIMENSIONS) + group + BIAS_WEIGHT * mentorBias[mentor];
    }

    /** The full score, 0..100; depends only on the seed and the two indexes. */
    int score(int mentee, int mentor) {
        double raw = affinity(mentee, mentor) + NOISE_WEIGHT * pairNoise(mentee, mentor);
        long scaled = Math.round(SCORE_CENTRE + SCORE_SPREAD * raw);
        return (int) Math.max(0, Math.min(100, scaled));
    }

    /** Roughly standard normal: four 16-bit uniforms from one SplitMix64 hash, summed and rescaled. */
    private double pairNoise(int mentee, int mentor) {
        long z = seed * 0x9E37_79B9_7F4A_7C15L + ((long) mentee << 32 | mentor);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        z ^= z >>> 31;
        long sum = (z & 0xFFFF) + (z >>> 16 & 0xFFFF) + (z >>> 32 & 0xFFFF) + (z >>> 48);
        return (sum / 65536.0 - 2) * Math.sqrt(3);
    }

    private static void fill(Random random, double[] factors, int person) {
        for (int d = 0; d < DIMENSIONS; d++) {
            factors[person * DIMENSIONS + d] = random.nextGaussian();
        }
    }
}
