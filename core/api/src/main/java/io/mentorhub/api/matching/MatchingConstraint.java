package io.mentorhub.api.matching;

import io.mentorhub.api.HubPlugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hard rule: a pair it forbids is never a candidate, whatever its score. A program lists the constraints it
 * applies by id. The reason is shown to administrators when they ask why someone stayed unmatched or why a pair was
 * not proposed, so it must not reveal sensitive attribute values.
 */
@ConsumerType
public interface MatchingConstraint extends HubPlugin {

    /** Called once per run with everyone in it; the returned rule is used for that run only, by one thread. */
    Rule prepare(MatchingPool pool);

    /** A prepared rule. {@code allows} is called for very many pairs: keep it fast and allocation-free. */
    interface Rule {

        boolean allows(Participant mentor, Participant mentee);

        /** Why the pair is forbidden; called only for pairs {@link #allows} refused. */
        String reason(Participant mentor, Participant mentee);
    }
}
