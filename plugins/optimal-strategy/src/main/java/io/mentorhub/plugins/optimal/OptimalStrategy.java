package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.Duals;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Proposes the assignment with the highest total score the capacities allow — exact, by min-cost flow — and, among
 * equally good ones, the one matching the most mentees. Every answer is checked against its dual before it is
 * returned, so a solver bug surfaces as an exception, never as a quietly worse pairing.
 */
@Component(configurationPid = OptimalStrategy.PID)
@Designate(ocd = OptimalStrategy.Config.class)
public class OptimalStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.optimal";

    /** Loops poll the stop control every this many steps plus one: well under a millisecond apart. */
    static final int POLL_MASK = 4095;

    @ObjectClassDefinition(name = "Optimal matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are never proposed.", min = "0")
        int minimumScore() default 0;
    }

    /** Same order as the greedy strategy's proposals, so results compare line by line. */
    private static final Comparator<ProposedPair> BEST_FIRST = Comparator.comparingInt(ProposedPair::score).reversed()
            .thenComparing(ProposedPair::mentorId)
            .thenComparing(ProposedPair::menteeId);

    private volatile int minimumScore;

    @Activate
    public OptimalStrategy(Config config) {
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
        return "optimal";
    }

    @Override
    public String displayName() {
        return "Optimal (highest total score)";
    }

    /**
     * The answer carries its {@link Duals}: prices on mentor and mentee ids (zero ones left out) that prove no
     * assignment of the usable candidates scores more. Candidates below {@code minimumScore} are not usable, so the
     * prices need not cover them.
     */
    @Override
    public MatchResult match(MatchRequest request) {
        MatchControl control = request.control();
        control.checkpoint();
        int threshold = minimumScore;
        Network net = Network.of(request, threshold);
        Solution solution = AssignmentSolver.solve(net, control);
        Certificate.check(net, solution, control);
        Certificate.Prices prices = Certificate.prices(request, net, solution);

        List<ProposedPair> pairs = new ArrayList<>();
        List<Unmatched> unmatched = new ArrayList<>();
        for (int j = 0; j < net.mentees(); j++) {
            control.checkpoint();
            int e = solution.assigned()[j];
            if (e != -1) {
                CandidatePair candidate = request.candidates().get(net.edgeCandidate[e]);
                pairs.add(new ProposedPair(candidate.mentorId(), candidate.menteeId(), candidate.score(),
                        candidate.factors()));
                continue;
            }
            unmatched.add(new Unmatched(net.menteeIds[j], switch (net.shortfall[j]) {
                case NO_CANDIDATE -> "no compatible mentor";
                case BELOW_MINIMUM -> "no compatible mentor scored at least " + threshold;
                case NO_CAPACITY -> "every compatible mentor was already at capacity";
                case NONE -> "every compatible mentor's capacity was used by the highest-scoring assignment";
            }));
        }
        pairs.sort(BEST_FIRST);
        return new MatchResult(pairs, unmatched, duals(net, prices));
    }

    private static Duals duals(Network net, Certificate.Prices prices) {
        Map<String, Long> mentorPrices = new HashMap<>();
        for (int i = 0; i < net.mentors(); i++) {
            if (prices.mentor()[i] != 0) {
                mentorPrices.put(net.mentorIds[i], prices.mentor()[i]);
            }
        }
        Map<String, Long> menteePrices = new HashMap<>();
        for (int j = 0; j < net.mentees(); j++) {
            if (prices.mentee()[j] != 0) {
                menteePrices.put(net.menteeIds[j], prices.mentee()[j]);
            }
        }
        return new Duals(mentorPrices, menteePrices);
    }
}
