package io.mentorhub.api.matching;

import io.mentorhub.api.HubPlugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One factor of compatibility — shared skills, career goals, availability — scored for a (mentor, mentee) pair from
 * 0 (no fit) to 100 (ideal fit). The hub weights each factor per program (weight 0..100, {@link #defaultWeight()}
 * when the program names none) and adds the weighted points into the pair's integer score.
 */
@ConsumerType
public interface CompatibilityScorer extends HubPlugin {

    /** Called once per run with everyone in it; the returned scoring is used for that run only, by one thread. */
    Scoring prepare(MatchingPool pool);

    /** The weight used when a program's matching configuration does not name this scorer. */
    default int defaultWeight() {
        return 10;
    }

    /** A prepared scorer. {@code score} is called for very many pairs: keep it fast and allocation-free. */
    interface Scoring {

        /** 0..100; values outside are clamped by the hub. */
        int score(Participant mentor, Participant mentee);

        /** Why the pair got that score, in words an HR person and the pair can read; called for proposed pairs. */
        String reason(Participant mentor, Participant mentee);
    }
}
