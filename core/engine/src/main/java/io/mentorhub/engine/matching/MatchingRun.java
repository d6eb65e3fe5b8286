package io.mentorhub.engine.matching;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One matching run of a program, as stored and as the API shows it: what was asked (strategy, seed, options), where
 * it is (status, phase, progress), what came out (counts, unmatched people with reasons, the fairness report) and,
 * if it failed, why.
 */
public record MatchingRun(
        String id,
        String programId,
        String strategy,
        long seed,
        Options options,
        Status status,
        Phase phase,
        int progress,
        Map<String, Object> counts,
        List<UnmatchedPerson> unmatched,
        FairnessReport fairness,
        String error,
        String requestedBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** The steps of a run, in order; progress is the share of the whole run done so far. */
    public enum Phase {
        QUEUED, LOADING, SCORING, SOLVING, CERTIFYING, SAVING, DONE
    }

    /**
     * What the requester may choose. {@code people}: only these person ids are matched (a re-match after a rejected
     * proposal or a dissolved trial); empty means every enrolled mentee without a proposed or live pairing.
     */
    public record Options(List<String> people, Integer deadlineSeconds) {
        public Options {
            people = people == null ? List.of() : List.copyOf(people);
        }

        public static final Options DEFAULT = new Options(List.of(), null);
    }

    /** A person the run did not pair, and why. */
    public record UnmatchedPerson(String personId, String reason) {
    }

    public MatchingRun {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        unmatched = unmatched == null ? List.of() : List.copyOf(unmatched);
    }
}
