package io.mentorhub.api.matching;

import java.util.List;
import java.util.Objects;

/** The strategy's answer: proposed pairs, and every mentee left unmatched with the reason why. */
public record MatchResult(List<ProposedPair> pairs, List<Unmatched> unmatched) {

    public MatchResult {
        pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs"));
        unmatched = List.copyOf(Objects.requireNonNull(unmatched, "unmatched"));
    }

    public record ProposedPair(String mentorId, String menteeId, int score) {
        public ProposedPair {
            Objects.requireNonNull(mentorId, "mentorId");
            Objects.requireNonNull(menteeId, "menteeId");
        }
    }

    public record Unmatched(String personId, String reason) {
        public Unmatched {
            Objects.requireNonNull(personId, "personId");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an unmatched person needs a reason: " + personId);
            }
        }
    }
}
