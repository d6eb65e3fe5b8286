package io.mentorhub.plugins.group;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * A GROUP request indexed for the planner: mentors and mentees numbered in id order, one usable candidate per
 * (mentor, mentee) pair, each mentor's usable group capacity, and what each mentee's candidates say about why they
 * might stay without a group. Built once per run; never changed afterwards.
 */
final class GroupProgram {

    /** Why a mentee may get no group, judged from the candidates alone, from least to most hopeful. */
    enum Outlook {
        NO_CANDIDATE,
        BELOW_MINIMUM,
        MENTORS_TOO_SMALL,
        TOO_FEW_FOR_A_GROUP,
        HOPEFUL
    }

    /** Which of two candidates for the same mentor and mentee is used: independent of input order. */
    private static final Comparator<CandidatePair> PREFERRED = Comparator.comparingInt(CandidatePair::score)
            .reversed()
            .thenComparing(c -> c.factors().toString());

    final int minSize;
    final int maxSize;
    final String[] mentorIds;
    final String[] menteeIds;
    /** min(capacity, largest group size): how many mentees a mentor's group may hold. */
    final int[] groupCapacity;
    /** Distinct mentees each mentor has a usable candidate pair with. */
    final int[] reach;
    /** A mentor can lead a group: capacity and reach both at least the smallest group size. */
    final boolean[] canLead;
    /** Usable candidates of mentee e: edgeMentor/edgeScore/edgePair[edgeStart[e] .. edgeStart[e + 1]), by mentor. */
    final int[] edgeStart;
    final int[] edgeMentor;
    final int[] edgeScore;
    final CandidatePair[] edgePair;
    /** The mentees of mentor m's usable candidates: menteeOf[menteeStart[m] .. menteeStart[m + 1]), by mentee. */
    final int[] menteeStart;
    final int[] menteeOf;
    /** topScores[m][q]: the sum of mentor m's q best candidate scores, q up to its group capacity. */
    final long[][] topScores;
    final Outlook[] outlook;

    GroupProgram(MatchRequest request, int minimumScore) {
        minSize = request.groupSize().min();
        maxSize = request.groupSize().max();
        mentorIds = request.mentors().stream().map(MentorSlot::mentorId).sorted().toArray(String[]::new);
        menteeIds = request.mentees().stream().sorted().toArray(String[]::new);
        Map<String, Integer> mentorIndex = index(mentorIds);
        Map<String, Integer> menteeIndex = index(menteeIds);
        int mentors = mentorIds.length;
        int mentees = menteeIds.length;
        groupCapacity = new int[mentors];
        for (MentorSlot slot : request.mentors()) {
            groupCapacity[mentorIndex.get(slot.mentorId())] = Math.min(slot.capacity(), maxSize);
        }

        outlook = new Outlook[mentees];
        Arrays.fill(outlook, Outlook.NO_CANDIDATE);
        Map<Long, CandidatePair> usable = new HashMap<>();
        int seen = 0;
        for (CandidatePair candidate : request.candidates()) {
            if (++seen % 4096 == 0) {
                request.control().checkpoint();
            }
            int m = mentorIndex.get(candidate.mentorId());
            int e = menteeIndex.get(candidate.menteeId());
            if (candidate.score() < minimumScore) {
                raise(e, Outlook.BELOW_MINIMUM);
            } else if (groupCapacity[m] < minSize) {
                raise(e, Outlook.MENTORS_TOO_SMALL);
            } else {
                usable.merge((long) e * mentors + m, candidate, (x, y) -> PREFERRED.compare(x, y) <= 0 ? x : y);
            }
        }
        long[] keys = usable.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        reach = new int[mentors];
        for (long key : keys) {
            reach[(int) (key % mentors)]++;
        }
        canLead = new boolean[mentors];
        for (int m = 0; m < mentors; m++) {
            canLead[m] = groupCapacity[m] >= minSize && reach[m] >= minSize;
        }

        // Only mentors who can lead a group keep their edges: the others could never take anyone.
        edgeStart = new int[mentees + 1];
        int kept = 0;
        for (long key : keys) {
            int e = (int) (key / mentors);
            if (canLead[(int) (key % mentors)]) {
                kept++;
                edgeStart[e + 1]++;
                raise(e, Outlook.HOPEFUL);
            } else {
                raise(e, Outlook.TOO_FEW_FOR_A_GROUP);
            }
        }
        for (int e = 0; e < mentees; e++) {
            edgeStart[e + 1] += edgeStart[e];
        }
        edgeMentor = new int[kept];
        edgeScore = new int[kept];
        edgePair = new CandidatePair[kept];
        int k = 0;
        for (long key : keys) {
            int m = (int) (key % mentors);
            if (canLead[m]) {
                edgeMentor[k] = m;
                edgePair[k] = usable.get(key);
                edgeScore[k] = edgePair[k].score();
                k++;
            }
        }
        menteeStart = new int[mentors + 1];
        for (int m : edgeMentor) {
            menteeStart[m + 1]++;
        }
        for (int m = 0; m < mentors; m++) {
            menteeStart[m + 1] += menteeStart[m];
        }
        menteeOf = new int[kept];
        int[] scoreOf = new int[kept];
        int[] fill = Arrays.copyOf(menteeStart, mentors);
        for (int e = 0; e < mentees; e++) {
            for (int j = edgeStart[e]; j < edgeStart[e + 1]; j++) {
                int at = fill[edgeMentor[j]]++;
                menteeOf[at] = e;
                scoreOf[at] = edgeScore[j];
            }
        }
        topScores = new long[mentors][];
        for (int m = 0; m < mentors; m++) {
            int[] scores = Arrays.copyOfRange(scoreOf, menteeStart[m], menteeStart[m + 1]);
            Arrays.sort(scores);
            int upTo = Math.max(0, groupCapacity[m]);
            topScores[m] = new long[upTo + 1];
            for (int q = 1; q <= upTo; q++) {
                topScores[m][q] = topScores[m][q - 1] + (q <= scores.length ? scores[scores.length - q] : 0);
            }
        }
    }

    int mentors() {
        return mentorIds.length;
    }

    int mentees() {
        return menteeIds.length;
    }

    /** The best total a group of q mentees led by m could score, ignoring everyone else. */
    long bestGroupScore(int m, int q) {
        return topScores[m][Math.min(q, topScores[m].length - 1)];
    }

    private void raise(int mentee, Outlook fact) {
        if (fact.ordinal() > outlook[mentee].ordinal()) {
            outlook[mentee] = fact;
        }
    }

    private static Map<String, Integer> index(String[] sortedIds) {
        Map<String, Integer> index = new HashMap<>(sortedIds.length * 2);
        for (int i = 0; i < sortedIds.length; i++) {
            index.put(sortedIds[i], i);
        }
        return index;
    }
}
