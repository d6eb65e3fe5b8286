package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.MatchControl;

/** PLACEHOLDER until the helper's version lands. */
public final class DualCertificate {
    public static CandidateGraph violations(long[] mentorPrice, long[] menteePrice, int[] mentorCapacity, int menteeCount,
            PairScores scores, CandidateGraph candidates, int limit, MatchControl control) {
        CandidateGraph g = new CandidateGraph();
        for (int j = 0; j < menteeCount; j++) {
            for (int i = 0; i < mentorCapacity.length; i++) {
                int s = scores.score(i, j);
                if (s != PairScores.NOT_A_PAIR && !candidates.contains(i, j) && mentorPrice[i] + menteePrice[j] < s && g.size() < limit) g.add(i, j, s);
            }
        }
        return g;
    }
    public static boolean closesTheGap(long total, long[] u, int[] cap, long[] v) {
        long d = 0; for (int i = 0; i < u.length; i++) d += u[i] * cap[i]; for (long x : v) d += x; return d == total;
    }
}
