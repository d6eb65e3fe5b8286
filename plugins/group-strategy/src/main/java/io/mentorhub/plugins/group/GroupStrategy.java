package io.mentorhub.plugins.group;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.plugins.group.GroupPlanner.Plan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
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
 * Forms mentor-led groups (GROUP programs): each mentor leads at most one group of between the program's smallest
 * and largest group size — never more than their capacity — and each mentee joins at most one group. It places as
 * many mentees as it can, keeps group sizes as even as that allows (within one of each other when capacities and
 * candidates permit), and within that takes the highest total score. Which mentors lead is chosen by a heuristic
 * with local search; filling the chosen groups is exact ({@link GroupPlanner}, {@link GroupAssignment}).
 *
 * <p>Mentors and mentees are handled in id order, so input order and seed never change the answer.
 */
@Component(configurationPid = GroupStrategy.PID)
@Designate(ocd = GroupStrategy.Config.class)
public class GroupStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.group";

    static final String NO_CANDIDATE = "no candidate mentor";
    static final String BELOW_MINIMUM = "no candidate mentor scored at least ";
    static final String MENTORS_TOO_SMALL = "every candidate mentor's capacity is below the smallest group size of ";
    static final String TOO_FEW_FOR_A_GROUP = "no candidate mentor has enough candidate mentees for a group of ";
    static final String NOT_ENOUGH_MENTEES = "not enough mentees to fill another group of at least ";
    static final String GROUPS_FULL = "every group a candidate mentor leads is full";
    static final String GROUPS_BALANCED = "every group a candidate mentor leads is as large as even group sizes allow";

    @ObjectClassDefinition(name = "Group matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are never proposed.", min = "0")
        int minimumScore() default 0;

        @AttributeDefinition(name = "Improvement moves", description = "How many changes of group leaders the local search may try; 0 turns it off.", min = "0")
        int improvementMoves() default 300;

        @AttributeDefinition(name = "Largest size difference", description = "How many mentees group sizes may differ by. 1 keeps groups as even as possible; more lets the strategy place more mentees when capacities or candidates do not fit even groups.", min = "0")
        int maxSizeDifference() default 1;
    }

    /** Groups by mentor id, each mentor's mentees best score first. */
    private static final Comparator<ProposedPair> BY_GROUP = Comparator.comparing(ProposedPair::mentorId)
            .thenComparing(Comparator.comparingInt(ProposedPair::score).reversed())
            .thenComparing(ProposedPair::menteeId);

    private volatile Settings settings;

    private record Settings(int minimumScore, int improvementMoves, int maxSizeDifference) {
    }

    @Activate
    public GroupStrategy(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        if (config.minimumScore() < 0) {
            throw new IllegalArgumentException("minimumScore must be >= 0, was " + config.minimumScore());
        }
        if (config.improvementMoves() < 0) {
            throw new IllegalArgumentException("improvementMoves must be >= 0, was " + config.improvementMoves());
        }
        if (config.maxSizeDifference() < 0) {
            throw new IllegalArgumentException("maxSizeDifference must be >= 0, was " + config.maxSizeDifference());
        }
        this.settings = new Settings(config.minimumScore(), config.improvementMoves(), config.maxSizeDifference());
    }

    @Override
    public String id() {
        return "group";
    }

    @Override
    public String displayName() {
        return "Group (balanced mentor-led groups)";
    }

    @Override
    public Set<ProgramFormat> formats() {
        return EnumSet.of(ProgramFormat.GROUP);
    }

    @Override
    public MatchResult match(MatchRequest request) {
        if (request.format() != ProgramFormat.GROUP) {
            throw new IllegalArgumentException("the group strategy matches GROUP requests only, not "
                    + request.format());
        }
        Settings current = settings;
        GroupProgram program = new GroupProgram(request, current.minimumScore());
        Plan plan = new GroupPlanner(program, request.control(), current.improvementMoves(),
                current.maxSizeDifference()).plan();

        List<ProposedPair> pairs = new ArrayList<>();
        Map<String, String> reasons = new HashMap<>();
        for (int e = 0; e < program.mentees(); e++) {
            int leader = plan == null ? -1 : plan.solution().leader()[e];
            if (leader >= 0) {
                CandidatePair pair = program.edgePair[plan.solution().edge()[e]];
                pairs.add(new ProposedPair(pair.mentorId(), pair.menteeId(), pair.score(), pair.factors()));
            } else {
                reasons.put(program.menteeIds[e], reason(program, plan, e, current.minimumScore()));
            }
        }
        pairs.sort(BY_GROUP);
        List<Unmatched> unmatched = new ArrayList<>();
        for (String mentee : request.mentees()) {
            String reason = reasons.get(mentee);
            if (reason != null) {
                unmatched.add(new Unmatched(mentee, reason));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    private static String reason(GroupProgram program, Plan plan, int mentee, int minimumScore) {
        switch (program.outlook[mentee]) {
            case NO_CANDIDATE:
                return NO_CANDIDATE;
            case BELOW_MINIMUM:
                return BELOW_MINIMUM + minimumScore;
            case MENTORS_TOO_SMALL:
                return MENTORS_TOO_SMALL + program.minSize;
            case TOO_FEW_FOR_A_GROUP:
                return TOO_FEW_FOR_A_GROUP + program.minSize;
            default:
                break;
        }
        boolean anyLeader = false;
        boolean limitedByBalance = false;
        for (int k = program.edgeStart[mentee]; k < program.edgeStart[mentee + 1]; k++) {
            int m = program.edgeMentor[k];
            if (plan != null && plan.leads()[m]) {
                anyLeader = true;
                limitedByBalance |= plan.solution().groupSize()[m] < program.groupCapacity[m];
            }
        }
        if (!anyLeader) {
            return NOT_ENOUGH_MENTEES + (plan == null ? program.minSize : plan.size());
        }
        return limitedByBalance ? GROUPS_BALANCED : GROUPS_FULL;
    }
}
