package io.mentorhub.api.matching;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How the hub stops a strategy that runs past its deadline or is cancelled. A strategy asks often — at least once per
 * mentee it handles and every few milliseconds in inner loops — and, when told to stop, throws
 * {@link MatchingStoppedException} at once. It never returns a partial answer as if it were complete.
 */
@ProviderType
public interface MatchControl {

    MatchControl NONE = () -> false;

    boolean stopRequested();

    /** Throws {@link MatchingStoppedException} if the hub asked to stop. */
    default void checkpoint() {
        if (stopRequested()) {
            throw new MatchingStoppedException();
        }
    }
}
