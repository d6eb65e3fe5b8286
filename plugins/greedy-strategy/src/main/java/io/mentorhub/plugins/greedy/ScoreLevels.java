package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import java.util.Arrays;
import java.util.List;

/**
 * The usable candidates (score at least the threshold) as (mentor index, mentee index) and position in the request,
 * grouped by score, best score first, and in request order within a score: a counting sort. The request's pair
 * objects are read once, in order, which is what keeps it fast; afterwards only primitive arrays are touched. Scores
 * spanning a narrow range (the usual 0..100) are their own bucket numbers; a wide range is ranked through its sorted
 * distinct scores instead.
 */
final class ScoreLevels {

    private final int[] levelScore;
    private final int[] levelStart;
    private final long[] pairs;
    private final int[] positions;
    private final boolean[] menteeHasPair;
    private final boolean inMenteeOrder;
    private final int largest;

    private ScoreLevels(int[] levelScore, int[] levelStart, long[] pairs, int[] positions, boolean[] menteeHasPair,
            boolean inMenteeOrder) {
        this.inMenteeOrder = inMenteeOrder;
        this.levelScore = levelScore;
        this.levelStart = levelStart;
        this.pairs = pairs;
        this.positions = positions;
        this.menteeHasPair = menteeHasPair;
        int most = 0;
        for (int level = 0; level < levelScore.length; level++) {
            most = Math.max(most, levelStart[level + 1] - levelStart[level]);
        }
        this.largest = most;
    }

    static ScoreLevels of(List<CandidatePair> candidates, int threshold, IdIndex mentors, IdIndex mentees,
            MatchControl control) {
        int[] score = new int[candidates.size()];
        long[] pair = new long[candidates.size()];
        boolean[] menteeHasPair = new boolean[mentees.size()];
        int usable = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        // Requests often list a person's pairs together: a repeated id object skips its lookup.
        String lastMentor = null;
        String lastMentee = null;
        int mentor = -1;
        int mentee = -1;
        boolean inMenteeOrder = true;
        for (int c = 0; c < score.length; c++) {
            if ((c & GreedyStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            CandidatePair candidate = candidates.get(c);
            int s = candidate.score();
            score[c] = s;
            if (s >= threshold) {
                if (candidate.mentorId() != lastMentor) {
                    lastMentor = candidate.mentorId();
                    mentor = mentors.indexOf(lastMentor);
                }
                if (candidate.menteeId() != lastMentee) {
                    lastMentee = candidate.menteeId();
                    int next = mentees.indexOf(lastMentee);
                    inMenteeOrder &= next >= mentee;
                    mentee = next;
                }
                pair[c] = (long) mentor << 32 | mentee;
                menteeHasPair[mentee] = true;
                usable++;
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        if (usable == 0) {
            return new ScoreLevels(new int[0], new int[1], new long[0], new int[0], menteeHasPair, true);
        }

        // Level of each usable candidate: 0 is the best score.
        int[] levelScore;
        if ((long) max - min < Math.max(1 << 16, 2L * usable)) {
            levelScore = new int[max - min + 1];
            for (int level = 0; level < levelScore.length; level++) {
                levelScore[level] = max - level;
            }
            for (int c = 0; c < score.length; c++) {
                score[c] = score[c] >= threshold ? max - score[c] : -1;
            }
        } else {
            int[] distinct = Arrays.stream(score).filter(s -> s >= threshold).sorted().distinct().toArray();
            levelScore = new int[distinct.length];
            for (int level = 0; level < distinct.length; level++) {
                levelScore[level] = distinct[distinct.length - 1 - level];
            }
            for (int c = 0; c < score.length; c++) {
                score[c] = score[c] >= threshold ? distinct.length - 1 - Arrays.binarySearch(distinct, score[c]) : -1;
            }
        }

        int[] levelStart = new int[levelScore.length + 1];
        for (int level : score) {
            if (level >= 0) {
                levelStart[level + 1]++;
            }
        }
        for (int level = 0; level < levelScore.length; level++) {
            levelStart[level + 1] += levelStart[level];
        }
        int[] fill = Arrays.copyOf(levelStart, levelScore.length);
        long[] pairs = new long[usable];
        int[] positions = new int[usable];
        for (int c = 0; c < score.length; c++) {
            if ((c & GreedyStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            if (score[c] >= 0) {
                int at = fill[score[c]]++;
                pairs[at] = pair[c];
                positions[at] = c;
            }
        }
        return new ScoreLevels(levelScore, levelStart, pairs, positions, menteeHasPair, inMenteeOrder);
    }

    int count() {
        return levelScore.length;
    }

    int score(int level) {
        return levelScore[level];
    }

    int size(int level) {
        return levelStart[level + 1] - levelStart[level];
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

    /** Whether the mentee has a usable pair at all. */
    boolean menteeHasPair(int mentee) {
        return menteeHasPair[mentee];
    }

    /** The size of the biggest level: enough room for any level's work. */
    int largest() {
        return largest;
    }
}
