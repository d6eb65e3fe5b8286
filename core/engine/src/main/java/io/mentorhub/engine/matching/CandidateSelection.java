package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.MatchControl;
import java.util.Arrays;
import java.util.Objects;

/**
 * Chooses the candidate pairs a strategy gets from all feasible pairs, looking from both sides: each mentee's best
 * mentors, and each mentor's best mentees in proportion to their capacity. Mentee-side lists alone crowd onto
 * popular mentors and leave others with no candidate at all, which caps how many mentees can be placed; the mentor
 * side gives every mentor with room enough mentees to fill it. Every pair is scored exactly once.
 *
 * <p>"Best" means highest score, ties to the lower index, so the selection is deterministic. Mentors without
 * capacity can take nobody: their pairs are neither scored nor counted nor selected.
 */
public final class CandidateSelection {

    /** The candidates, and how many feasible pairs (mentors with capacity only) they were chosen from. */
    public record Selection(CandidateGraph candidates, long feasiblePairs) {
    }

    private CandidateSelection() {
    }

    /**
     * Each mentee's top {@code menteeTopK} mentors, united with each mentor's top
     * {@code mentorTopKPerPlace × capacity} mentees; pairs listed by mentee, then mentor. Polls {@code control} once
     * per mentee row (a row is one score per mentor).
     */
    public static Selection select(int[] mentorCapacity, int menteeCount, PairScores scores, int menteeTopK,
            int mentorTopKPerPlace, MatchControl control) {
        Objects.requireNonNull(mentorCapacity, "mentorCapacity");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(control, "control");
        if (menteeCount < 0 || menteeTopK < 0 || mentorTopKPerPlace < 0) {
            throw new IllegalArgumentException("menteeCount, menteeTopK and mentorTopKPerPlace must be >= 0, were "
                    + menteeCount + ", " + menteeTopK + ", " + mentorTopKPerPlace);
        }
        int mentors = mentorCapacity.length;
        int menteeK = Math.min(menteeTopK, mentors);
        // Mentor i keeps its best quota[i] mentees in heapScore/heapMentee[heapStart[i] ..].
        int[] heapStart = new int[mentors + 1];
        for (int i = 0; i < mentors; i++) {
            if (mentorCapacity[i] < 0) {
                throw new IllegalArgumentException("capacity of mentor " + i + " must be >= 0, was "
                        + mentorCapacity[i]);
            }
            long quota = Math.min((long) mentorTopKPerPlace * mentorCapacity[i], menteeCount);
            heapStart[i + 1] = Math.toIntExact(heapStart[i] + quota);
        }
        int[] heapScore = new int[heapStart[mentors]];
        int[] heapMentee = new int[heapStart[mentors]];
        int[] heapSize = new int[mentors];
        // A pair enters mentor i's heap only if it beats floor[i]: the weakest kept once full, never while filling.
        // Mentees come in index order, so a tie with the weakest kept loses (it has the higher index).
        int[] floor = new int[mentors];
        for (int i = 0; i < mentors; i++) {
            floor[i] = heapStart[i + 1] == heapStart[i] ? Integer.MAX_VALUE : PairScores.NOT_A_PAIR;
        }
        int[] withRoom = java.util.stream.IntStream.range(0, mentors).filter(i -> mentorCapacity[i] > 0).toArray();

        int[] menteeSideMentor = new int[Math.multiplyExact(menteeCount, menteeK)];
        int[] menteeSideScore = new int[menteeSideMentor.length];
        int[] menteeSideCount = new int[menteeCount];
        int[] rowScore = new int[menteeK];
        int[] rowMentor = new int[menteeK];
        long feasible = 0;
        for (int j = 0; j < menteeCount; j++) {
            control.checkpoint();
            int rowSize = 0;
            int rowFloor = menteeK == 0 ? Integer.MAX_VALUE : PairScores.NOT_A_PAIR;
            for (int i : withRoom) {
                int s = scores.score(i, j);
                if (s == PairScores.NOT_A_PAIR) {
                    continue;
                }
                feasible++;
                if (s > rowFloor) {
                    rowSize = TopHeap.offer(rowScore, rowMentor, 0, rowSize, menteeK, s, i);
                    if (rowSize == menteeK) {
                        rowFloor = rowScore[0];
                    }
                }
                if (s > floor[i]) {
                    int quota = heapStart[i + 1] - heapStart[i];
                    heapSize[i] = TopHeap.offer(heapScore, heapMentee, heapStart[i], heapSize[i], quota, s, j);
                    if (heapSize[i] == quota) {
                        floor[i] = heapScore[heapStart[i]];
                    }
                }
            }
            System.arraycopy(rowMentor, 0, menteeSideMentor, j * menteeK, rowSize);
            System.arraycopy(rowScore, 0, menteeSideScore, j * menteeK, rowSize);
            menteeSideCount[j] = rowSize;
        }

        // The mentor side, regrouped by mentee.
        int[] byMenteeStart = new int[menteeCount + 1];
        for (int i = 0; i < mentors; i++) {
            for (int h = heapStart[i]; h < heapStart[i] + heapSize[i]; h++) {
                byMenteeStart[heapMentee[h] + 1]++;
            }
        }
        for (int j = 0; j < menteeCount; j++) {
            byMenteeStart[j + 1] += byMenteeStart[j];
        }
        int[] fill = Arrays.copyOf(byMenteeStart, menteeCount);
        int[] byMenteeMentor = new int[byMenteeStart[menteeCount]];
        int[] byMenteeScore = new int[byMenteeMentor.length];
        for (int i = 0; i < mentors; i++) {
            for (int h = heapStart[i]; h < heapStart[i] + heapSize[i]; h++) {
                int at = fill[heapMentee[h]]++;
                byMenteeMentor[at] = i;
                byMenteeScore[at] = heapScore[h];
            }
        }

        // Union per mentee, sorted by mentor: a long packs (mentor, score) and the stamp drops the second copy.
        CandidateGraph graph = new CandidateGraph(menteeSideMentor.length + byMenteeMentor.length);
        int[] stamp = new int[mentors];
        Arrays.fill(stamp, -1);
        long[] row = new long[menteeK + 16];
        for (int j = 0; j < menteeCount; j++) {
            if ((j & 1023) == 0) {
                control.checkpoint();
            }
            int count = 0;
            int need = menteeSideCount[j] + byMenteeStart[j + 1] - byMenteeStart[j];
            if (row.length < need) {
                row = new long[need];
            }
            for (int t = 0; t < menteeSideCount[j]; t++) {
                int i = menteeSideMentor[j * menteeK + t];
                stamp[i] = j;
                row[count++] = (long) i << 32 | menteeSideScore[j * menteeK + t] & 0xFFFF_FFFFL;
            }
            for (int t = byMenteeStart[j]; t < byMenteeStart[j + 1]; t++) {
                if (stamp[byMenteeMentor[t]] != j) {
                    row[count++] = (long) byMenteeMentor[t] << 32 | byMenteeScore[t] & 0xFFFF_FFFFL;
                }
            }
            Arrays.sort(row, 0, count);
            for (int t = 0; t < count; t++) {
                graph.add((int) (row[t] >>> 32), j, (int) row[t]);
            }
        }
        return new Selection(graph, feasible);
    }
}
