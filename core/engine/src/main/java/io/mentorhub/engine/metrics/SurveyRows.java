package io.mentorhub.engine.metrics;

import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The survey rows the metrics need, as plain values, whatever tables hold them: each invitation of the program sent
 * in the period and whether it was answered, and each response submitted in the period with its answers to the two
 * questions metrics read ({@code nps}, 0-10, and {@code satisfaction}, 1-5, as in the standard survey templates).
 * Confidential answers (free text) are never read.
 */
public record SurveyRows(List<Invited> invitations, List<Answered> responses) {

    public SurveyRows {
        invitations = List.copyOf(invitations);
        responses = List.copyOf(responses);
    }

    /** One person asked to answer one survey, on {@code sentOn}; {@code answered} if a response came back. */
    public record Invited(String personId, LocalDate sentOn, boolean answered) {
    }

    /** One response: who, when, and its nps and satisfaction answers (null where the survey did not ask). */
    public record Answered(String personId, Instant submittedAt, Integer nps, Integer satisfaction) {
        public Answered {
            if (nps != null && (nps < 0 || nps > 10)) {
                throw new IllegalArgumentException("an nps answer is 0-10");
            }
            if (satisfaction != null && (satisfaction < 1 || satisfaction > 5)) {
                throw new IllegalArgumentException("a satisfaction answer is 1-5");
            }
        }
    }

    /**
     * Reads a program's survey rows for a period out of the hub's survey tables. Register an implementation as a
     * service and {@link ProgramMetrics} uses it.
     */
    @FunctionalInterface
    public interface Source {
        SurveyRows read(Tx tx, String programId, Period period) throws SQLException;
    }
}
