package io.mentorhub.api.matching;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a strategy may use: mentors with their remaining capacity, mentees, and the candidate pairs that passed
 * every hard constraint, already scored. A pair that is not a candidate must never be proposed.
 */
public record MatchRequest(List<MentorSlot> mentors, List<String> mentees, List<CandidatePair> candidates, long seed) {

    public MatchRequest {
        mentors = List.copyOf(Objects.requireNonNull(mentors, "mentors"));
        mentees = List.copyOf(Objects.requireNonNull(mentees, "mentees"));
        candidates = List.copyOf(Objects.requireNonNull(candidates, "candidates"));
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
        for (CandidatePair c : candidates) {
            if (!mentorIds.contains(c.mentorId())) {
                throw new IllegalArgumentException("candidate names unknown mentor: " + c.mentorId());
            }
            if (!menteeIds.contains(c.menteeId())) {
                throw new IllegalArgumentException("candidate names unknown mentee: " + c.menteeId());
            }
        }
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

    /** A feasible pair and its integer compatibility score (higher is better). */
    public record CandidatePair(String mentorId, String menteeId, int score) {
        public CandidatePair {
            Objects.requireNonNull(mentorId, "mentorId");
            Objects.requireNonNull(menteeId, "menteeId");
        }
    }
}
