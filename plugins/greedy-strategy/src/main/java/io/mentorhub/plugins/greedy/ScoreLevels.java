package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import java.util.Arrays;
import java.util.List;

/**
 * The usable candidates (score at least the threshold) grouped by score, best score first, and in request order
 * within a score: a counting sort. The request's pair objects are read once, in order, which is what keeps it fast;
 * that pass also turns ids into indexes and counts the scores. Afterwards only primitive arrays are touched. Scores spanning a narrow range (the
 * usual 0..100) are their own bucket numbers; a wide range is ranked through its sorted distinct scores instead.
 */
final class ScoreLevels {

    /** Scores within this many of the first usable one are counted while the pair objects are read. */
    private static final int WINDOW = 1 << 12;

    private final int[] levelScore;
    private final int[] levelStart;
    /** The usable candidates level by level: mentor index (high half) and mentee index (low half). */
    private final long[] pairs;
    /** Their positions in the request. */
    private final int[] positions;
    private final boolean[] menteeHasPair;
    private final boolean inMenteeOrder;
    private final boolean inMenteeThenMentorOrder;
    private final int largest;

    private ScoreLevels(int[] levelScore, int[] levelStart, long[] pairs, int[] positions, boolean[] menteeHasPair,
            boolean inMenteeOrder, boolean inMenteeThenMentorOrder) {
        this.levelScore = levelScore;
        this.levelStart = levelStart;
        this.pairs = pairs;
        this.positions = positions;
        this.menteeHasPair = menteeHasPair;
        this.inMenteeOrder = inMenteeOrder;
        this.inMenteeThenMentorOrder = inMenteeThenMentorOrder;
        int most = 0;
        for (int level = 0; level < levelScore.length; level++) {
            most = Math.max(most, levelStart[level + 1] - levelStart[level]);
        }
        this.largest = most;
    }

    static ScoreLevels of(List<CandidatePair> candidates, int threshold, IdIndex mentors, IdIndex mentees,
            MatchControl control) {
        int size = candidates.size();
        int[] score = new int[size];
        long[] pair = new long[size];
        boolean[] menteeHasPair = new boolean[mentees.size()];
        int usable = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        // Counts per score near the first listed one; a score outside the window leaves the counting for later.
        int[] counts = new int[2 * WINDOW];
        long base = size == 0 ? 0 : (long) candidates.get(0).score() - WINDOW;
        boolean counted = true;
        // Requests often list a person's pairs together, mentees in order and a mentee's mentors in order: a repeated
        // id object skips its lookup, and so does the next id in order (compared by reference).
        String lastMentor = null;
        String lastMentee = null;
        int mentor = -1;
        int mentee = -1;
        boolean inMenteeOrder = true;
        boolean inMenteeThenMentorOrder = true;
        for (int c = 0; c < size; c++) {
            if ((c & GreedyStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            CandidatePair candidate = candidates.get(c);
            int s = candidate.score();
            if (s < threshold) {
                pair[c] = -1;
                continue;
            }
            score[c] = s;
            int previousMentor = mentor;
            String mentorId = candidate.mentorId();
            if (mentorId != lastMentor) {
                lastMentor = mentorId;
                mentor = mentor + 1 < mentors.size() && mentors.id(mentor + 1) == mentorId
                        ? mentor + 1 : mentors.indexOf(mentorId);
            }
            String menteeId = candidate.menteeId();
            int next = menteeId == lastMentee ? mentee
                    : mentee + 1 < mentees.size() && mentees.id(mentee + 1) == menteeId ? mentee + 1
                    : mentees.indexOf(menteeId);
            lastMentee = menteeId;
            if (next == mentee) {
                inMenteeThenMentorOrder &= mentor >= previousMentor;
            } else {
                inMenteeOrder &= next > mentee;
                mentee = next;
                menteeHasPair[mentee] = true;
            }
            pair[c] = (long) mentor << 32 | mentee;
            usable++;
            min = Math.min(min, s);
            max = Math.max(max, s);
            long at = s - base;
            if (at >= 0 && at < counts.length) {
                counts[(int) at]++;
            } else {
                counted = false;
            }
        }
        inMenteeThenMentorOrder &= inMenteeOrder;
        if (usable == 0) {
            return new ScoreLevels(new int[0], new int[1], new long[0], new int[0], menteeHasPair, true, true);
        }

        // Level of each score: 0 is the best.
        int[] levelScore;
        int[] levelStart;
        int[] rank = null;
        if ((long) max - min < Math.max(1 << 16, 2L * usable)) {
            levelScore = new int[max - min + 1];
            levelStart = new int[levelScore.length + 1];
            for (int level = 0; level < levelScore.length; level++) {
                levelScore[level] = max - level;
            }
            if (counted) {
                for (int level = 0; level < levelScore.length; level++) {
                    levelStart[level + 1] = counts[(int) (max - level - base)];
                }
            } else {
                for (int c = 0; c < size; c++) {
                    if (pair[c] >= 0) {
                        levelStart[max - score[c] + 1]++;
                    }
                }
            }
        } else {
            int[] distinct = new int[usable];
            int k = 0;
            for (int c = 0; c < size; c++) {
                if (pair[c] >= 0) {
                    distinct[k++] = score[c];
                }
            }
            distinct = Arrays.stream(distinct).sorted().distinct().toArray();
            levelScore = new int[distinct.length];
            levelStart = new int[levelScore.length + 1];
            for (int level = 0; level < distinct.length; level++) {
                levelScore[level] = distinct[distinct.length - 1 - level];
            }
            rank = distinct;
            for (int c = 0; c < size; c++) {
                if (pair[c] >= 0) {
                    levelStart[level(score[c], max, rank) + 1]++;
                }
            }
        }
        for (int level = 0; level < levelScore.length; level++) {
            levelStart[level + 1] += levelStart[level];
        }
        int[] fill = Arrays.copyOf(levelStart, levelScore.length);
        long[] pairs = new long[usable];
        int[] positions = new int[usable];
        for (int c = 0; c < size; c++) {
            if ((c & GreedyStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            long p = pair[c];
            if (p >= 0) {
                int at = fill[rank == null ? max - score[c] : level(score[c], max, rank)]++;
                pairs[at] = p;
                positions[at] = c;
            }
        }
        return new ScoreLevels(levelScore, levelStart, pairs, positions, menteeHasPair, inMenteeOrder,
                inMenteeThenMentorOrder);
    }

    /** The level of a usable score: by offset from the best in a narrow range, else by rank among the distinct ones. */
    private static int level(int score, int max, int[] distinct) {
        return distinct == null ? max - score : distinct.length - 1 - Arrays.binarySearch(distinct, score);
    }

    int count() {
        return levelScore.length;
    }

    int score(int level) {
        return levelScore[level];
    }

    /** The level's candidates are {@code first(level) .. end(level) - 1}. */
    int first(int level) {
        return levelStart[level];
    }

    int end(int level) {
        return levelStart[level + 1];
    }

    /** Mentor index (high half) and mentee index (low half) of candidate {@code k}. */
    long pair(int k) {
        return pairs[k];
    }

    /** Where candidate {@code k} is in the request. */
    int position(int k) {
        return positions[k];
    }

    /** Whether the usable pairs are listed by mentee (mentees in index order, any mentor order within one). */
    boolean inMenteeOrder() {
        return inMenteeOrder;
    }

    /** Whether the usable pairs are listed by mentee and, within a mentee, by mentor (a repeated pair together). */
    boolean inMenteeThenMentorOrder() {
        return inMenteeThenMentorOrder;
    }

    /** Whether the mentee has a usable pair at all. */
    boolean menteeHasPair(int mentee) {
        return menteeHasPair[mentee];
    }

    /** The size of the biggest level: enough room for any level's work. */
    int largest() {
        return largest;
    }
}
