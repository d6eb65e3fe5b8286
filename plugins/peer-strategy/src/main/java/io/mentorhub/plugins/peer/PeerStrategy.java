package io.mentorhub.plugins.peer;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Pairs one pool among itself (PEER programs): the pairing with the highest total score, each person in at most one
 * pair — a maximum-weight matching on a general graph, solved exactly by Edmonds' blossom algorithm
 * ({@link BlossomMatching}). Among pairings with the same total it takes one with the most pairs; what is left tied
 * is decided by the solver working on people and pairs sorted by id, so input order and seed never matter.
 *
 * <p>A pair of peers is one undirected edge. The request usually names it in both orientations with the same score;
 * if the two differ, the higher-scoring candidate (then the one whose mentor id sorts first) stands for the pair and
 * is reported unchanged, orientation and factors included. A person with capacity 0 is not paired in this run.
 */
@Component(configurationPid = PeerStrategy.PID)
@Designate(ocd = PeerStrategy.Config.class)
public class PeerStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.peer";

    static final String NOT_AVAILABLE = "has no capacity left in this run";
    static final String NO_CANDIDATE = "no candidate peer";
    static final String BELOW_MINIMUM = "no candidate peer scored at least ";
    static final String PEERS_NOT_AVAILABLE = "every candidate peer has no capacity left in this run";
    static final String OUTBID = "every candidate peer was paired with someone who fit better";

    @ObjectClassDefinition(name = "Peer matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are never proposed.", min = "0")
        int minimumScore() default 0;
    }

    /** Best score first, then by ids: the order pairs are reported in. */
    private static final Comparator<ProposedPair> BEST_FIRST = Comparator.comparingInt(ProposedPair::score).reversed()
            .thenComparing(ProposedPair::mentorId)
            .thenComparing(ProposedPair::menteeId);

    /** Which of two candidates for the same pair of people stands for it: independent of input order. */
    private static final Comparator<CandidatePair> STANDS_FOR_PAIR = Comparator.comparingInt(CandidatePair::score)
            .reversed()
            .thenComparing(CandidatePair::mentorId)
            .thenComparing(c -> c.factors().toString());

    private volatile int minimumScore;

    @Activate
    public PeerStrategy(Config config) {
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
        return "peer";
    }

    @Override
    public String displayName() {
        return "Peer (highest total score, pairs within one pool)";
    }

    @Override
    public Set<ProgramFormat> formats() {
        return EnumSet.of(ProgramFormat.PEER);
    }

    @Override
    public MatchResult match(MatchRequest request) {
        if (request.format() != ProgramFormat.PEER) {
            throw new IllegalArgumentException("the peer strategy matches PEER requests only, not " + request.format());
        }
        int threshold = minimumScore;
        String[] ids = request.mentees().stream().sorted().toArray(String[]::new);
        int people = ids.length;
        Map<String, Integer> index = new HashMap<>(people * 2);
        for (int i = 0; i < people; i++) {
            index.put(ids[i], i);
        }
        boolean[] available = new boolean[people];
        for (MentorSlot slot : request.mentors()) {
            available[index.get(slot.mentorId())] = slot.capacity() > 0;
        }

        // One candidate per unordered pair of available people, scoring at least the minimum.
        Shortfall[] shortfall = new Shortfall[people];
        Arrays.fill(shortfall, Shortfall.NO_CANDIDATE);
        Map<Long, CandidatePair> edges = new HashMap<>();
        int seen = 0;
        for (CandidatePair candidate : request.candidates()) {
            if (++seen % 4096 == 0) {
                request.control().checkpoint();
            }
            int a = index.get(candidate.mentorId());
            int b = index.get(candidate.menteeId());
            note(shortfall, a, available[b], candidate.score() >= threshold);
            note(shortfall, b, available[a], candidate.score() >= threshold);
            if (available[a] && available[b] && candidate.score() >= threshold) {
                long key = (long) Math.min(a, b) * people + Math.max(a, b);
                edges.merge(key, candidate, (x, y) -> STANDS_FOR_PAIR.compare(x, y) <= 0 ? x : y);
            }
        }

        // Only people with an edge take part; vertices and edges in id order keep the solver's ties reproducible.
        long[] keys = edges.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] vertexOf = new int[people];
        Arrays.fill(vertexOf, -1);
        int vertices = 0;
        for (long key : keys) {
            int a = (int) (key / people);
            int b = (int) (key % people);
            vertexOf[a] = 0;
            vertexOf[b] = 0;
        }
        int[] personOf = new int[people];
        for (int i = 0; i < people; i++) {
            if (i % 1024 == 0) {
                request.control().checkpoint();
            }
            if (vertexOf[i] == 0) {
                personOf[vertices] = i;
                vertexOf[i] = vertices++;
            }
        }
        // Weight = score * K + 1 with K above the largest possible number of pairs: the total score decides first,
        // and among equal totals the extra point per pair prefers more pairs.
        long pairBonusScale = vertices / 2 + 1;
        int[] u = new int[keys.length];
        int[] v = new int[keys.length];
        long[] weight = new long[keys.length];
        for (int k = 0; k < keys.length; k++) {
            u[k] = vertexOf[(int) (keys[k] / people)];
            v[k] = vertexOf[(int) (keys[k] % people)];
            weight[k] = Math.addExact(Math.multiplyExact(edges.get(keys[k]).score(), pairBonusScale), 1);
        }
        int[] partner = BlossomMatching.solve(vertices, u, v, weight, request.control());

        List<ProposedPair> pairs = new ArrayList<>();
        boolean[] paired = new boolean[people];
        for (int x = 0; x < vertices; x++) {
            int y = partner[x];
            if (y > x) {
                int a = personOf[x];
                int b = personOf[y];
                CandidatePair chosen = edges.get((long) Math.min(a, b) * people + Math.max(a, b));
                pairs.add(new ProposedPair(chosen.mentorId(), chosen.menteeId(), chosen.score(), chosen.factors()));
                paired[a] = true;
                paired[b] = true;
            }
        }
        pairs.sort(BEST_FIRST);

        List<Unmatched> unmatched = new ArrayList<>();
        for (String person : request.mentees()) {
            int i = index.get(person);
            if (!paired[i]) {
                unmatched.add(new Unmatched(person, available[i] ? shortfall[i].reason(threshold) : NOT_AVAILABLE));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    /** Records what one candidate tells about why a person might stay unpaired; the most hopeful fact wins. */
    private static void note(Shortfall[] shortfall, int person, boolean peerAvailable, boolean scoresEnough) {
        Shortfall fact = !scoresEnough ? Shortfall.BELOW_MINIMUM
                : !peerAvailable ? Shortfall.PEER_NOT_AVAILABLE
                : Shortfall.NONE;
        if (fact.ordinal() > shortfall[person].ordinal()) {
            shortfall[person] = fact;
        }
    }

    /** Why an available person is unpaired, from least to most hopeful. */
    private enum Shortfall {
        NO_CANDIDATE,
        BELOW_MINIMUM,
        PEER_NOT_AVAILABLE,
        NONE;

        String reason(int threshold) {
            return switch (this) {
                case NO_CANDIDATE -> PeerStrategy.NO_CANDIDATE;
                case BELOW_MINIMUM -> PeerStrategy.BELOW_MINIMUM + threshold;
                case PEER_NOT_AVAILABLE -> PEERS_NOT_AVAILABLE;
                case NONE -> OUTBID;
            };
        }
    }
}
