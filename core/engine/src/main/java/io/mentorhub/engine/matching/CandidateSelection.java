package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.MatchControl;

/** PLACEHOLDER until the helper's version lands: dense. */
public final class CandidateSelection {
    public static CandidateGraph select(int[] mentorCapacity, int menteeCount, PairScores scores, int menteeTopK,
            int mentorTopKPerPlace, MatchControl control) {
        CandidateGraph g = new CandidateGraph();
        for (int j = 0; j < menteeCount; j++) {
            control.checkpoint();
            for (int i = 0; i < mentorCapacity.length; i++) {
                int s = scores.score(i, j);
                if (s != PairScores.NOT_A_PAIR) g.add(i, j, s);
            }
        }
        return g;
    }
}
