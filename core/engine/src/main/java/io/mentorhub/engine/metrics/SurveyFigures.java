package io.mentorhub.engine.metrics;

import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The survey figures of a program: response rate, NPS and satisfaction, overall and per month or quarter. They are
 * tallied by {@link SurveyTally} from the rows a {@link SurveyRows.Source} reads out of the hub's survey tables;
 * while no source is installed (no survey responses are stored) every survey figure is unavailable with
 * {@link #NO_RESPONSES} as the reason.
 */
@FunctionalInterface
public interface SurveyFigures {

    String NO_RESPONSES = "no survey responses stored";

    /** What no source gives: every survey figure null, with the reason. */
    SurveyFigures NONE = (tx, scope) -> Results.unavailable(NO_RESPONSES, scope.buckets().size());

    Results compute(Tx tx, Scope scope) throws SQLException;

    /** The figures tallied from what {@code source} reads. */
    static SurveyFigures from(SurveyRows.Source source) {
        return (tx, scope) -> SurveyTally.tally(source.read(tx, scope.programId(), scope.period()), scope);
    }

    /**
     * The program, the period, its buckets, the people counted ({@code people} null: everyone; else a cohort's
     * enrolled people) and the privacy threshold.
     */
    record Scope(String programId, Period period, List<Period.Bucket> buckets, Set<String> people,
            int minimumGroupSize) {
    }

    /** Overall figures and the satisfaction of each bucket, in bucket order. */
    record Results(Figure responseRate, Figure nps, Figure satisfaction, List<Figure> satisfactionByBucket) {

        static Results unavailable(String reason, int buckets) {
            Figure none = Figure.unavailable(reason);
            return new Results(none, none, none, java.util.Collections.nCopies(buckets, none));
        }
    }
}
