package io.mentorhub.api.matching;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.domain.ProgramFormat;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a match request into pairings. A pure function: no I/O, no clock, no shared state — the same request (and
 * seed) always gives the same result, which is what makes runs reproducible and strategies testable in isolation.
 * It polls {@link MatchRequest#control()} so the hub can stop it at a deadline or on cancellation.
 */
@ConsumerType
public interface MatchingStrategy extends HubPlugin {

    MatchResult match(MatchRequest request);

    /**
     * Whether mentors confirm this strategy's proposals themselves: each mentor accepts or declines within the hub's
     * answer period, and a declined or unanswered proposal sends its mentee back into matching (mentee-choice
     * programs). Otherwise HR or the program's managers publish proposals.
     */
    default boolean mentorsConfirm() {
        return false;
    }

    /** The program formats this strategy can match; the hub refuses to run it for any other. */
    default Set<ProgramFormat> formats() {
        return EnumSet.of(ProgramFormat.ONE_TO_ONE, ProgramFormat.REVERSE);
    }
}
