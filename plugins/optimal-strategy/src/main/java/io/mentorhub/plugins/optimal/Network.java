package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A match request in canonical form: mentors and mentees sorted by id, and for each mentee its usable candidate
 * pairs sorted by mentor. The solver sees only this, so the answer cannot depend on the order of the request.
 *
 * <p>As a flow network every mentee sends one unit, either to a mentor (cost {@code -score}) who passes it on to the
 * sink within capacity, or straight to the sink ("stays unmatched", cost 0). Nodes are numbered mentees first
 * ({@code 0..mentees-1}), then mentors, then the sink.
 */
final class Network {

    /** Why a mentee has no usable pair at all. */
    enum Shortfall { NONE, NO_CANDIDATE, BELOW_MINIMUM, NO_CAPACITY }

    final String[] menteeIds;
    final String[] mentorIds;
    /** Places per mentor, capped at its number of usable pairs (it can never fill more). */
    final int[] capacity;
    /** Usable pairs of mentee {@code j} are {@code firstEdge[j] .. firstEdge[j+1]-1}. */
    final int[] firstEdge;
    final int[] edgeMentee;
    final int[] edgeMentor;
    final int[] edgeScore;
    /** The request's candidate each edge stands for: its position in {@code request.candidates()}. */
    final int[] edgeCandidate;
    /** The capacity each mentor asked for, before the cap at usable pairs. */
    final int[] requestedCapacity;
    final Shortfall[] shortfall;

    private Network(String[] menteeIds, String[] mentorIds, int[] capacity, int[] firstEdge, int[] edgeMentee,
            int[] edgeMentor, int[] edgeScore, int[] edgeCandidate, int[] requestedCapacity, Shortfall[] shortfall) {
        this.menteeIds = menteeIds;
        this.mentorIds = mentorIds;
        this.capacity = capacity;
        this.firstEdge = firstEdge;
        this.edgeMentee = edgeMentee;
        this.edgeMentor = edgeMentor;
        this.edgeScore = edgeScore;
        this.edgeCandidate = edgeCandidate;
        this.requestedCapacity = requestedCapacity;
        this.shortfall = shortfall;
    }

    int mentees() {
        return menteeIds.length;
    }

    int mentors() {
        return mentorIds.length;
    }

    int edges() {
        return edgeMentor.length;
    }

    int mentorNode(int mentor) {
        return menteeIds.length + mentor;
    }

    int sink() {
        return menteeIds.length + mentorIds.length;
    }

    int nodes() {
        return sink() + 1;
    }

    /**
     * Keeps the candidate pairs scoring at least {@code minimumScore} whose mentor has room at all; a pair listed
     * twice keeps its best score.
     */
    static Network of(MatchRequest request, int minimumScore) {
        MatchControl control = request.control();
        String[] mentorIds = request.mentors().stream().map(MentorSlot::mentorId).sorted().toArray(String[]::new);
        String[] menteeIds = request.mentees().stream().sorted().toArray(String[]::new);
        Map<String, Integer> mentorIndex = index(mentorIds);
        Map<String, Integer> menteeIndex = index(menteeIds);
        int[] requestedCapacity = new int[mentorIds.length];
        for (MentorSlot mentor : request.mentors()) {
            requestedCapacity[mentorIndex.get(mentor.mentorId())] = mentor.capacity();
        }

        Shortfall[] shortfall = new Shortfall[menteeIds.length];
        Arrays.fill(shortfall, Shortfall.NO_CANDIDATE);
        int[] degree = new int[menteeIds.length];
        int[] kept = new int[request.candidates().size()];
        int keptCount = 0;
        for (int c = 0; c < kept.length; c++) {
            if ((c & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            CandidatePair pair = request.candidates().get(c);
            int mentee = menteeIndex.get(pair.menteeId());
            if (pair.score() < minimumScore) {
                if (shortfall[mentee] == Shortfall.NO_CANDIDATE) {
                    shortfall[mentee] = Shortfall.BELOW_MINIMUM;
                }
            } else if (requestedCapacity[mentorIndex.get(pair.mentorId())] == 0) {
                if (shortfall[mentee] != Shortfall.NONE) {
                    shortfall[mentee] = Shortfall.NO_CAPACITY;
                }
            } else {
                shortfall[mentee] = Shortfall.NONE;
                degree[mentee]++;
                kept[keptCount++] = c;
            }
        }

        // Bucket by mentee, then order each bucket by mentor and request order: a long packs both keys.
        int[] firstEdge = new int[menteeIds.length + 1];
        for (int j = 0; j < menteeIds.length; j++) {
            firstEdge[j + 1] = firstEdge[j] + degree[j];
        }
        long[] keys = new long[keptCount];
        int[] bucketCandidate = new int[keptCount];
        int[] fill = Arrays.copyOf(firstEdge, menteeIds.length);
        for (int k = 0; k < keptCount; k++) {
            if ((k & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            CandidatePair pair = request.candidates().get(kept[k]);
            int mentee = menteeIndex.get(pair.menteeId());
            long mentor = mentorIndex.get(pair.mentorId());
            int at = fill[mentee]++;
            keys[at] = mentor << 32 | (at - firstEdge[mentee]);
            bucketCandidate[at] = kept[k];
        }
        int edges = 0;
        int[] edgeMentee = new int[keptCount];
        int[] edgeMentor = new int[keptCount];
        int[] edgeScore = new int[keptCount];
        int[] edgeCandidate = new int[keptCount];
        int[] usable = new int[mentorIds.length];
        for (int j = 0; j < menteeIds.length; j++) {
            if ((j & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            int from = firstEdge[j];
            int to = firstEdge[j + 1];
            Arrays.sort(keys, from, to);
            firstEdge[j] = edges;
            for (int k = from; k < to; k++) {
                int mentor = (int) (keys[k] >>> 32);
                int candidate = bucketCandidate[from + (int) keys[k]];
                int score = request.candidates().get(candidate).score();
                if (k > from && mentor == (int) (keys[k - 1] >>> 32)) {
                    // A pair listed twice keeps its best score, the first listed on a tie.
                    if (score > edgeScore[edges - 1]) {
                        edgeScore[edges - 1] = score;
                        edgeCandidate[edges - 1] = candidate;
                    }
                    continue;
                }
                edgeMentee[edges] = j;
                edgeMentor[edges] = mentor;
                edgeScore[edges] = score;
                edgeCandidate[edges] = candidate;
                usable[mentor]++;
                edges++;
            }
        }
        firstEdge[menteeIds.length] = edges;

        int[] capacity = new int[mentorIds.length];
        for (int i = 0; i < capacity.length; i++) {
            capacity[i] = Math.min(requestedCapacity[i], usable[i]);
        }
        return new Network(menteeIds, mentorIds, capacity, firstEdge, Arrays.copyOf(edgeMentee, edges),
                Arrays.copyOf(edgeMentor, edges), Arrays.copyOf(edgeScore, edges), Arrays.copyOf(edgeCandidate, edges),
                requestedCapacity, shortfall);
    }

    private static Map<String, Integer> index(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int k = 0; k < ids.length; k++) {
            index.put(ids[k], k);
        }
        return index;
    }
}
