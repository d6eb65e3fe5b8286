package io.mentorhub.engine.matching;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The hub does not trust a strategy's answer: before anything is saved, every proposed pair must be a candidate at its
 * score, nobody may be over capacity or paired twice, groups must have an allowed size, and every other mentee must
 * be reported unmatched. A plugin that breaks a rule fails the run, naming itself.
 */
final class ResultCheck {

    private ResultCheck() {
    }

    static void verify(MatchRequest request, MatchResult result, String strategyId) {
        Map<String, CandidatePair> candidates = new HashMap<>(request.candidates().size() * 2);
        request.candidates().forEach(c -> candidates.put(c.mentorId() + "\u0000" + c.menteeId(), c));
        boolean peer = request.format() == ProgramFormat.PEER;
        Map<String, Integer> load = new HashMap<>();
        Set<String> paired = new HashSet<>();
        for (ProposedPair pair : result.pairs()) {
            CandidatePair candidate = candidates.get(pair.mentorId() + "\u0000" + pair.menteeId());
            if (candidate == null) {
                throw broken(strategyId, "proposed a pair that is not a candidate (" + pair.mentorId() + ", "
                        + pair.menteeId() + ")");
            }
            if (candidate.score() != pair.score()) {
                throw broken(strategyId, "changed the score of a pair");
            }
            if (!paired.add(pair.menteeId()) || peer && !paired.add(pair.mentorId())) {
                throw broken(strategyId, "paired someone twice (" + pair.menteeId() + ")");
            }
            load.merge(pair.mentorId(), 1, Integer::sum);
        }
        for (MentorSlot mentor : request.mentors()) {
            int taken = load.getOrDefault(mentor.mentorId(), 0);
            if (taken > mentor.capacity()) {
                throw broken(strategyId, "gave " + mentor.mentorId() + " more mentees than their capacity");
            }
            if (request.format() == ProgramFormat.GROUP && taken > 0
                    && (taken < request.groupSize().min() || taken > request.groupSize().max())) {
                throw broken(strategyId, "made a group of " + taken + ", outside " + request.groupSize().min() + ".."
                        + request.groupSize().max());
            }
        }
        Set<String> accounted = new HashSet<>(paired);
        for (MatchResult.Unmatched unmatched : result.unmatched()) {
            if (!accounted.add(unmatched.personId())) {
                throw broken(strategyId, "reported " + unmatched.personId() + " twice or both paired and unmatched");
            }
        }
        for (String mentee : request.mentees()) {
            if (!accounted.contains(mentee)) {
                throw broken(strategyId, "neither paired nor reported " + mentee + " as unmatched");
            }
        }
    }

    private static Compatibility.PluginFailure broken(String strategyId, String what) {
        return new Compatibility.PluginFailure(strategyId, what);
    }
}
