package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Takes candidate pairs best score first and keeps each one whose mentor still has room and whose mentee is still
 * free. Fast (n log n) and simple, but not optimal: it is the baseline other strategies are measured against.
 */
@Component(configurationPid = GreedyStrategy.PID)
@Designate(ocd = GreedyStrategy.Config.class)
public class GreedyStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.greedy";

    @ObjectClassDefinition(name = "Greedy matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are never proposed.", min = "0")
        int minimumScore() default 0;
    }

    /** Ties broken by ids so the result never depends on input order. */
    private static final Comparator<CandidatePair> BEST_FIRST = Comparator.comparingInt(CandidatePair::score).reversed()
            .thenComparing(CandidatePair::mentorId)
            .thenComparing(CandidatePair::menteeId);

    private volatile int minimumScore;

    @Activate
    public GreedyStrategy(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        if (config.minimumScore() < 0) {
            throw new IllegalArgumentException("minimumScore must be >= 0, was " + config.minimumScore());
        }
        this.minimumScore = config.minimumScore();
    }

    @Override
    public String id() {
        return "greedy";
    }

    @Override
    public String displayName() {
        return "Greedy (highest score first)";
    }

    @Override
    public MatchResult match(MatchRequest request) {
        int threshold = minimumScore;
        Map<String, Integer> room = new HashMap<>();
        for (MentorSlot mentor : request.mentors()) {
            room.put(mentor.mentorId(), mentor.capacity());
        }
        List<CandidatePair> ordered = new ArrayList<>(request.candidates());
        ordered.sort(BEST_FIRST);

        Set<String> matched = new HashSet<>();
        Set<String> hadCandidate = new HashSet<>();
        List<ProposedPair> pairs = new ArrayList<>();
        for (CandidatePair candidate : ordered) {
            if (candidate.score() < threshold) {
                continue;
            }
            hadCandidate.add(candidate.menteeId());
            if (matched.contains(candidate.menteeId()) || room.get(candidate.mentorId()) == 0) {
                continue;
            }
            room.merge(candidate.mentorId(), -1, Integer::sum);
            matched.add(candidate.menteeId());
            pairs.add(new ProposedPair(candidate.mentorId(), candidate.menteeId(), candidate.score()));
        }

        List<Unmatched> unmatched = new ArrayList<>();
        for (String mentee : request.mentees()) {
            if (!matched.contains(mentee)) {
                unmatched.add(new Unmatched(mentee, hadCandidate.contains(mentee)
                        ? "every compatible mentor was already at capacity"
                        : "no compatible mentor scored at least " + threshold));
            }
        }
        return new MatchResult(pairs, unmatched);
    }
}
