package io.mentorhub.api.matching;

import io.mentorhub.api.matching.MatchRequest.Factor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The strategy's answer: proposed pairs (a group is several pairs with the same mentor), every mentee left unmatched
 * with the reason why, and — from strategies that claim the maximum total score — the dual prices that prove it.
 */
public record MatchResult(List<ProposedPair> pairs, List<Unmatched> unmatched, Duals duals) {

    public MatchResult {
        pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs"));
        unmatched = List.copyOf(Objects.requireNonNull(unmatched, "unmatched"));
    }

    /** A result without an optimality proof. */
    public MatchResult(List<ProposedPair> pairs, List<Unmatched> unmatched) {
        this(pairs, unmatched, null);
    }

    /** A proposed pair carries its candidate's score and factors unchanged. */
    public record ProposedPair(String mentorId, String menteeId, int score, List<Factor> factors) {
        public ProposedPair {
            Objects.requireNonNull(mentorId, "mentorId");
            Objects.requireNonNull(menteeId, "menteeId");
            factors = factors == null ? List.of() : List.copyOf(factors);
        }

        public ProposedPair(String mentorId, String menteeId, int score) {
            this(mentorId, menteeId, score, List.of());
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

    /**
     * Linear-programming dual prices proving a one-to-one or group assignment has the maximum total score: every
     * price is at least zero; for every candidate, {@code mentor price + mentee price >= score}; and the total score
     * equals the sum of each mentor's price times their capacity plus every mentee's price. Because the proof only
     * needs a pair's score, the hub checks it against every feasible pair — also those that were never candidates —
     * and adds back any pair that could improve the answer. Missing ids have price zero.
     */
    public record Duals(Map<String, Long> mentorPrices, Map<String, Long> menteePrices) {
        public Duals {
            mentorPrices = Map.copyOf(mentorPrices);
            menteePrices = Map.copyOf(menteePrices);
        }

        public long mentorPrice(String mentorId) {
            return mentorPrices.getOrDefault(mentorId, 0L);
        }

        public long menteePrice(String menteeId) {
            return menteePrices.getOrDefault(menteeId, 0L);
        }
    }
}
