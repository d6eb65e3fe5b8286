package io.mentorhub.api.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a pairing: PROPOSED by matching, PUBLISHED to the pair, a TRIAL period, ACTIVE, then COMPLETED; or
 * REJECTED before publication, or DISSOLVED (with a reason) once published.
 */
public enum PairingState {
    PROPOSED, PUBLISHED, TRIAL, ACTIVE, COMPLETED, DISSOLVED, REJECTED;

    /** The states this one may move to. */
    public Set<PairingState> next() {
        return switch (this) {
            case PROPOSED -> EnumSet.of(PUBLISHED, REJECTED);
            case PUBLISHED -> EnumSet.of(TRIAL, ACTIVE, DISSOLVED);
            case TRIAL -> EnumSet.of(ACTIVE, DISSOLVED);
            case ACTIVE -> EnumSet.of(COMPLETED, DISSOLVED);
            case COMPLETED, DISSOLVED, REJECTED -> EnumSet.noneOf(PairingState.class);
        };
    }

    public boolean canMoveTo(PairingState target) {
        return next().contains(target);
    }

    /** Whether the pair is (still) expected to meet. */
    public boolean live() {
        return this == PUBLISHED || this == TRIAL || this == ACTIVE;
    }

    /** Moving here needs a reason on record. */
    public boolean needsReason() {
        return this == DISSOLVED || this == REJECTED;
    }
}
