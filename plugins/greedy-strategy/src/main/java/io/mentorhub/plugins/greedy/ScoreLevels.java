package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import java.util.Arrays;
import java.util.List;

/**
 * Positions of the usable candidates (score at least the threshold) grouped by score, best score first, and in
 * request order within a score: a counting sort, two linear passes. Scores spanning a narrow range (the usual 0..100)
 * are their own bucket numbers; a wide range is ranked through its sorted distinct scores instead.
 */
final class ScoreLevels {

    private final int[] levelScore;
    private final int[] levelStart;
    private final int[] positions;
    private final int largest;

    private ScoreLevels(int[] levelScore, int[] levelStart, int[] positions) {
        this.levelScore = levelScore;
        this.levelStart = levelStart;
        this.positions = positions;
        int most = 0;
        for (int level = 0; level < levelScore.length; level++) {
            most = Math.max(most, levelStart[level + 1] - levelStart[level]);
        }
        this.largest = most;
    }

    static ScoreLevels of(List<CandidatePair> candidates, int threshold, MatchControl control) {
        int[] score = new int[candidates.size()];
        int usable = 0;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int c = 0; c < score.length; c++) {
            if ((c & GreedyStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            int s = candidates.get(c).score();
            score[c] = s;
            if (s >= threshold) {
                usable++;
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        if (usable == 0) {
            return new ScoreLevels(new int[0], new int[1], new int[0]);
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
        int[] positions = new int[usable];
        for (int c = 0; c < score.length; c++) {
            if ((c & GreedyStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            if (score[c] >= 0) {
                positions[fill[score[c]]++] = c;
            }
        }
        return new ScoreLevels(levelScore, levelStart, positions);
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

    /** The level's candidates are {@code position(first(level)) .. position(end(level) - 1)}. */
    int first(int level) {
        return levelStart[level];
    }

    int end(int level) {
        return levelStart[level + 1];
    }

    int position(int k) {
        return positions[k];
    }

    /** The size of the biggest level: enough room for any level's work. */
    int largest() {
        return largest;
    }
}
