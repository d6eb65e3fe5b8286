package io.mentorhub.api.matching;

import io.mentorhub.api.domain.ProgramFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everyone a matching run considers, handed to scorers and constraints once per run so they can prepare (build
 * vocabularies, bitsets, lookups). In a PEER program the same people are in both lists. {@code excludedPairs} are
 * pairs that were dissolved, rejected or declined in this program and must never be proposed again.
 * {@code size()} is one more than the highest {@link Participant#index()}.
 */
public record MatchingPool(
        String programId,
        ProgramFormat format,
        List<Participant> mentors,
        List<Participant> mentees,
        Set<ExcludedPair> excludedPairs,
        int size) {

    public MatchingPool {
        Objects.requireNonNull(format, "format");
        mentors = List.copyOf(mentors);
        mentees = List.copyOf(mentees);
        excludedPairs = Set.copyOf(excludedPairs);
        for (Participant p : mentors) {
            checkIndex(p, size);
        }
        for (Participant p : mentees) {
            checkIndex(p, size);
        }
    }

    private static void checkIndex(Participant p, int size) {
        if (p.index() < 0 || p.index() >= size) {
            throw new IllegalArgumentException(p + " has an index outside 0.." + (size - 1));
        }
    }

    /** A pair that ended or was turned down in this program, with why. */
    public record ExcludedPair(String mentorId, String menteeId, String reason) {
        public ExcludedPair {
            Objects.requireNonNull(mentorId, "mentorId");
            Objects.requireNonNull(menteeId, "menteeId");
        }
    }
}
