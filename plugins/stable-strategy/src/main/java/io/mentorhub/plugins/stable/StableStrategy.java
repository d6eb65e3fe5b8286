package io.mentorhub.plugins.stable;

import io.mentorhub.plugins.deferredacceptance.MenteeProposing;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Mentee-proposing deferred acceptance with mentor capacities (Gale–Shapley, in Roth's hospitals/residents form),
 * with a preference list per side. A mentee prefers the mentors they ranked ({@link MatchRequest#menteeRankings()}),
 * in their order, then their other candidate mentors by score; a mentor prefers mentees by score. Equal scores go by
 * an order drawn from the seed. The result is stable — no mentor and mentee would both rather be together than with
 * what they got — and, among stable matchings, the best one for every mentee.
 *
 * <p>Why per-side preferences matter: with one score ranking a pair for both sides the stable matching is unique and
 * equals best-score-first greedy. A mentee's own ranking is a preference the mentor side does not share, so the
 * answer can differ from greedy's and still be stable.
 */
@Component(configurationPid = StableStrategy.PID)
@Designate(ocd = StableStrategy.Config.class)
public class StableStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.stable";

    static final String NO_ACCEPTABLE_MENTOR = "no acceptable mentor";
    static final String NO_CAPACITY = "every acceptable mentor has no capacity in this run";
    static final String OUTRANKED = "every acceptable mentor preferred mentees it already holds";

    @ObjectClassDefinition(name = "Stable matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are unacceptable to both mentor and mentee, ranked or not.", min = "0")
        int minimumScore() default 0;
    }

    private volatile int minimumScore;

    @Activate
    public StableStrategy(Config config) {
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
        return "stable";
    }

    @Override
    public String displayName() {
        return "Stable (mentee-proposing deferred acceptance)";
    }

    @Override
    public Set<ProgramFormat> formats() {
        return EnumSet.of(ProgramFormat.ONE_TO_ONE, ProgramFormat.REVERSE);
    }

    @Override
    public MatchResult match(MatchRequest request) {
        if (!formats().contains(request.format())) {
            throw new IllegalArgumentException("the stable strategy matches " + formats() + " programs, not "
                    + request.format());
        }
        int threshold = minimumScore;
        MenteeProposing.Outcome outcome = MenteeProposing.run(request,
                new MenteeProposing.Rules(false, threshold, true, threshold));
        List<Unmatched> unmatched = new ArrayList<>();
        for (MenteeProposing.Unplaced mentee : outcome.unplaced()) {
            String reason = mentee.acceptable() == 0 ? NO_ACCEPTABLE_MENTOR
                    : mentee.anyCapacity() ? OUTRANKED : NO_CAPACITY;
            unmatched.add(new Unmatched(mentee.menteeId(), reason));
        }
        return new MatchResult(outcome.pairs(), unmatched);
    }

    /**
     * The pairs that block {@code result} under this strategy's preferences: an acceptable candidate pair whose
     * mentee prefers its mentor to their assignment (or has none) and whose mentor has room or prefers the mentee to
     * the worst one it was given. A stable result has none. Written independently of {@link MenteeProposing} — plain
     * maps and comparators, one pass per candidate — so the tests check the algorithm against the definition.
     * Every pair of {@code result} must be an acceptable candidate.
     */
    List<CandidatePair> blockingPairs(MatchRequest request, MatchResult result) {
        int threshold = minimumScore;
        Map<List<String>, Integer> best = new HashMap<>();
        for (CandidatePair candidate : request.candidates()) {
            best.merge(List.of(candidate.mentorId(), candidate.menteeId()), candidate.score(), Math::max);
        }
        best.values().removeIf(score -> score < threshold);
        Random tieBreak = MenteeProposing.tieBreak(request.seed());
        Map<String, Integer> mentorTie = positions(List.of(MenteeProposing.SeedOrder.of(
                request.mentors().stream().map(MentorSlot::mentorId), tieBreak).ids()));
        Map<String, Integer> menteeTie = positions(List.of(MenteeProposing.SeedOrder.of(request.mentees().stream(),
                tieBreak).ids()));
        Map<String, Map<String, Integer>> rankingOf = new HashMap<>();
        request.menteeRankings().forEach((mentee, ranking) -> rankingOf.put(mentee, positions(ranking)));

        // A mentee's order over mentors: ranked ones in ranking order, then by score, then by the seed order.
        Function<String, Comparator<String>> menteeOrder = mentee -> Comparator
                .<String>comparingInt(mentor -> rankingOf.getOrDefault(mentee, Map.of())
                        .getOrDefault(mentor, Integer.MAX_VALUE))
                .thenComparing(mentor -> best.get(List.of(mentor, mentee)), Comparator.reverseOrder())
                .thenComparing(mentorTie::get);
        // A mentor's order over mentees: by score, then by the seed order.
        Function<String, Comparator<String>> mentorOrder = mentor -> Comparator
                .comparing((String mentee) -> best.get(List.of(mentor, mentee)), Comparator.reverseOrder())
                .thenComparing(menteeTie::get);

        Map<String, Integer> capacity = new HashMap<>();
        request.mentors().forEach(mentor -> capacity.put(mentor.mentorId(), mentor.capacity()));
        Map<String, String> mentorOf = new HashMap<>();
        Map<String, Integer> load = new HashMap<>();
        Map<String, String> worstHeld = new HashMap<>();
        for (ProposedPair pair : result.pairs()) {
            if (!best.containsKey(List.of(pair.mentorId(), pair.menteeId()))) {
                throw new IllegalArgumentException("not an acceptable candidate pair: " + pair);
            }
            mentorOf.put(pair.menteeId(), pair.mentorId());
            load.merge(pair.mentorId(), 1, Integer::sum);
            worstHeld.merge(pair.mentorId(), pair.menteeId(), (a, b) -> mentorOrder.apply(pair.mentorId())
                    .compare(a, b) > 0 ? a : b);
        }
        List<CandidatePair> blocking = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> pair : best.entrySet()) {
            String mentor = pair.getKey().get(0);
            String mentee = pair.getKey().get(1);
            String current = mentorOf.get(mentee);
            if (mentor.equals(current)) {
                continue;
            }
            boolean menteeWants = current == null || menteeOrder.apply(mentee).compare(mentor, current) < 0;
            String worst = worstHeld.get(mentor);
            boolean mentorWants = load.getOrDefault(mentor, 0) < capacity.getOrDefault(mentor, 0)
                    || worst != null && mentorOrder.apply(mentor).compare(mentee, worst) < 0;
            if (menteeWants && mentorWants) {
                blocking.add(new CandidatePair(mentor, mentee, pair.getValue()));
            }
        }
        blocking.sort(Comparator.comparing(CandidatePair::mentorId).thenComparing(CandidatePair::menteeId));
        return blocking;
    }

    private static Map<String, Integer> positions(List<String> ids) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        return position;
    }
}
