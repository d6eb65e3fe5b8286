package io.mentorhub.api.matching;

/** Thrown by a strategy that stopped because its {@link MatchControl} asked it to (deadline or cancellation). */
public class MatchingStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MatchingStoppedException() {
        super("matching stopped on request (deadline or cancellation)", null, false, false);
    }
}
