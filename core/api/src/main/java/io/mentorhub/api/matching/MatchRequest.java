package io.mentorhub.api.matching;

import io.mentorhub.api.domain.Program.GroupSize;
import io.mentorhub.api.domain.ProgramFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a strategy may use: mentors with their remaining capacity, mentees, and the candidate pairs that passed
 * every hard constraint, already scored and explained. A pair that is not a candidate must never be proposed.
 *
 * <p>The format says what a pairing is: ONE_TO_ONE and REVERSE pair one mentor with one mentee per place of
 * capacity; GROUP gives each mentor used between {@code groupSize.min()} and {@code groupSize.max()} mentees; PEER
 * pairs one pool among itself, so the same people are both mentors and mentees and each appears in at most one pair.
 * {@code menteeRankings} holds the mentors each mentee ranked, best first (mentee-choice programs); it may be empty.
 */
public record MatchRequest(
        ProgramFormat format,
        GroupSize groupSize,
        List<MentorSlot> mentors,
        List<String> mentees,
        List<CandidatePair> candidates,
        Map<String, List<String>> menteeRankings,
        long seed,
        MatchControl control) {

    public MatchRequest {
        Objects.requireNonNull(format, "format");
        groupSize = groupSize == null ? new GroupSize(1, 1) : groupSize;
        if (format != ProgramFormat.GROUP && groupSize.max() != 1) {
            throw new IllegalArgumentException("group sizes other than 1..1 need the GROUP format");
        }
        mentors = List.copyOf(Objects.requireNonNull(mentors, "mentors"));
        mentees = List.copyOf(Objects.requireNonNull(mentees, "mentees"));
        candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
        menteeRankings = menteeRankings == null ? Map.of() : Map.copyOf(menteeRankings);
        control = control == null ? MatchControl.NONE : control;
        Set<String> mentorIds = new HashSet<>();
        for (MentorSlot m : mentors) {
            if (!mentorIds.add(m.mentorId())) {
                throw new IllegalArgumentException("duplicate mentor: " + m.mentorId());
            }
        }
        Set<String> menteeIds = new HashSet<>();
        for (String m : mentees) {
            if (!menteeIds.add(Objects.requireNonNull(m, "mentee id"))) {
                throw new IllegalArgumentException("duplicate mentee: " + m);
            }
        }
        if (format == ProgramFormat.PEER && !mentorIds.equals(menteeIds)) {
            throw new IllegalArgumentException("a PEER request lists the same pool as mentors and as mentees");
        }
        for (CandidatePair c : candidates) {
            if (!mentorIds.contains(c.mentorId())) {
                throw new IllegalArgumentException("candidate names unknown mentor: " + c.mentorId());
            }
            if (!menteeIds.contains(c.menteeId())) {
                throw new IllegalArgumentException("candidate names unknown mentee: " + c.menteeId());
            }
            if (c.mentorId().equals(c.menteeId())) {
                throw new IllegalArgumentException("a person cannot be their own candidate: " + c.mentorId());
            }
        }
        menteeRankings.forEach((mentee, ranking) -> {
            if (!menteeIds.contains(mentee)) {
                throw new IllegalArgumentException("ranking of unknown mentee: " + mentee);
            }
            if (ranking.size() != Set.copyOf(ranking).size()) {
                throw new IllegalArgumentException("ranking of " + mentee + " names a mentor twice");
            }
        });
    }

    /** A one-to-one request without rankings, polling nothing: what most tests and benchmarks need. */
    public MatchRequest(List<MentorSlot> mentors, List<String> mentees, List<CandidatePair> candidates, long seed) {
        this(ProgramFormat.ONE_TO_ONE, null, mentors, mentees, candidates, Map.of(), seed, MatchControl.NONE);
    }

    /** The same request, with the given control. */
    public MatchRequest withControl(MatchControl newControl) {
        return new MatchRequest(format, groupSize, mentors, mentees, candidates, menteeRankings, seed, newControl);
    }

    /** A mentor and how many more mentees they can take in this run. */
    public record MentorSlot(String mentorId, int capacity) {
        public MentorSlot {
            Objects.requireNonNull(mentorId, "mentorId");
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity must be >= 0, was " + capacity + " for " + mentorId);
            }
        }
    }

    /**
     * A feasible pair, its integer compatibility score (higher is better) and the weighted points each scorer gave
     * it, which add up to the score. The points are the pair's explanation; the hub renders the scorers' reasons
     * for the pairs that are proposed.
     */
    public record CandidatePair(String mentorId, String menteeId, int score, List<Factor> factors) {
        public CandidatePair {
            Objects.requireNonNull(mentorId, "mentorId");
            Objects.requireNonNull(menteeId, "menteeId");
            factors = factors == null ? List.of() : List.copyOf(factors);
        }

        public CandidatePair(String mentorId, String menteeId, int score) {
            this(mentorId, menteeId, score, List.of());
        }
    }

    /** One scorer's weighted contribution to a pair's score. */
    public record Factor(String scorer, int points) {
        public Factor {
            Objects.requireNonNull(scorer, "scorer");
        }
    }
}
