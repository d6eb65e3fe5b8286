package io.mentorhub.api.matching;

import io.mentorhub.api.HubPlugin;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a match request into pairings. A pure function: no I/O, no clock, no shared state — the same request (and
 * seed) always gives the same result, which is what makes runs reproducible and strategies testable in isolation.
 */
@ConsumerType
public interface MatchingStrategy extends HubPlugin {

    MatchResult match(MatchRequest request);
}
