package io.mentorhub.engine.matching;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Pairing.FactorScore;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.api.matching.Participant;
import io.mentorhub.engine.matching.MatchingRun.Phase;
import io.mentorhub.engine.matching.MatchingRun.UnmatchedPerson;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The work of one matching run, phase by phase; {@link MatchingRunRoute} calls the phases in order. Each phase reads
 * what the previous one left, so a phase can be read (and tested) on its own. Nothing is written to the pairing
 * tables before {@link #save}, which writes everything in one transaction.
 */
final class MatchingJob {

    final String runId;
    final String programId;
    final MatchingRun.Options options;
    final long seed;
    private final MatchingRuns.Settings settings;
    private final Instant deadline;
    private volatile boolean cancelled;
    private volatile boolean pastDeadline;
    private volatile Phase phase = Phase.QUEUED;
    private volatile int progress;
    /** Written by the route's thread, read by API threads while the run goes: only through the two methods below. */
    private final Map<String, Object> counts = new LinkedHashMap<>();

    private Program program;
    private MatchingStrategy strategy;
    private Enrolled enrolled;
    private Compatibility compatibility;
    private CandidateGraph candidates;
    private MatchResult result;
    private long scanned;
    private long pairsToScan;

    final MatchControl control = () -> {
        if (Instant.now().isAfter(deadline())) {
            pastDeadline = true;
        }
        return cancelled || pastDeadline;
    };

    MatchingJob(String runId, String programId, MatchingRun.Options options, long seed, MatchingRuns.Settings settings,
            Instant createdAt) {
        this.runId = runId;
        this.programId = programId;
        this.options = options;
        this.seed = seed;
        this.settings = settings;
        int seconds = options.deadlineSeconds() != null ? options.deadlineSeconds() : settings.defaultDeadlineSeconds();
        this.deadline = createdAt.plusSeconds(seconds);
    }

    private synchronized void count(String name, Object value) {
        counts.put(name, value);
    }

    /** The counts so far, in the order they were first recorded. */
    synchronized Map<String, Object> counts() {
        return new LinkedHashMap<>(counts);
    }

    Instant deadline() {
        return deadline;
    }

    void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean pastDeadline() {
        return pastDeadline;
    }

    Phase phase() {
        return phase;
    }

    int progress() {
        return progress;
    }

    private void enter(Phase next, int percent) {
        phase = next;
        progress = percent;
        control.checkpoint();
    }

    /** LOADING: the program, its strategy and constraints, and who is matched in this run. */
    void load(Tx tx, Plugins plugins) throws SQLException {
        enter(Phase.LOADING, 1);
        program = new ProgramStore().get(tx, programId).value();
        Program.MatchingConfiguration configuration = program.matching();
        strategy = plugins.strategy(configuration.strategy());
        if (!strategy.formats().contains(program.format())) {
            throw new RunRefused("strategy '" + strategy.id() + "' does not match " + program.format()
                    + " programs; it matches " + strategy.formats());
        }
        enrolled = Enrolled.load(tx, program, options.people());
        List<Compatibility.Weighted> scorers = plugins.weightedScorers(configuration.weights());
        compatibility = new Compatibility(enrolled.pool, plugins.constraints(configuration.constraints()), scorers,
                enrolled.affected);
        count("best_possible_score", 100 * scorers.stream().mapToInt(Compatibility.Weighted::weight).sum());
        count("strategy", strategy.id());
        count("mentors", enrolled.pool.mentors().size());
        count("mentees", enrolled.pool.mentees().size());
        count("left_out", enrolled.leftOut.size());
    }

    /** SCORING: every pair is checked against the constraints and scored once; the best become candidates. */
    void score() {
        enter(Phase.SCORING, 5);
        int mentors = enrolled.pool.mentors().size();
        int mentees = enrolled.pool.mentees().size();
        pairsToScan = (long) mentors * mentees;
        boolean dense = pairsToScan <= settings.denseLimit();
        PairScores counted = (mentor, mentee) -> {
            if ((++scanned & 0xFFFF) == 0) {
                progress = 5 + (int) Math.min(60, 60 * scanned / Math.max(1, pairsToScan));
            }
            return compatibility.score(mentor, mentee);
        };
        CandidateSelection.Selection selection = CandidateSelection.select(enrolled.capacity, mentees, counted,
                dense ? Math.max(1, mentors) : settings.menteeTopK(),
                dense ? Math.max(1, mentees) : settings.mentorTopKPerPlace(), control);
        candidates = selection.candidates();
        count("feasible_pairs", selection.feasiblePairs());
        count("candidate_selection", dense ? "all feasible pairs" : "two-sided top " + settings.menteeTopK()
                + " per mentee and " + settings.mentorTopKPerPlace() + " per mentor place");
        count("candidates", candidates.size());
    }

    /**
     * SOLVING and CERTIFYING: the strategy proposes; if it proves optimality with dual prices, every feasible pair —
     * candidate or not — is checked against them, and pairs that could improve the answer are added back and the
     * strategy runs again, until the proof holds over all feasible pairs.
     */
    void solve() {
        enter(Phase.SOLVING, 66);
        result = run(strategy, request());
        boolean provable = result.duals() != null && program.format() != ProgramFormat.GROUP
                && program.format() != ProgramFormat.PEER;
        if (!provable) {
            count("certified_optimal", false);
            return;
        }
        enter(Phase.CERTIFYING, 85);
        int added = 0;
        for (int round = 1; round <= settings.certificationRounds(); round++) {
            long[] mentorPrice = new long[enrolled.capacity.length];
            long[] menteePrice = new long[enrolled.pool.mentees().size()];
            for (int i = 0; i < mentorPrice.length; i++) {
                mentorPrice[i] = result.duals().mentorPrice(enrolled.pool.mentors().get(i).personId());
            }
            for (int j = 0; j < menteePrice.length; j++) {
                menteePrice[j] = result.duals().menteePrice(enrolled.pool.mentees().get(j).personId());
            }
            long total = result.pairs().stream().mapToLong(ProposedPair::score).sum();
            if (!DualCertificate.closesTheGap(total, mentorPrice, enrolled.capacity, menteePrice)) {
                throw new IllegalStateException("strategy '" + strategy.id()
                        + "' returned dual prices that do not prove its answer optimal");
            }
            for (int c = 0; c < candidates.size(); c++) {
                if (mentorPrice[candidates.mentor(c)] + menteePrice[candidates.mentee(c)] < candidates.score(c)) {
                    throw new IllegalStateException("strategy '" + strategy.id() + "' returned dual prices that do "
                            + "not cover one of its own candidates, so they prove nothing (is a minimum score "
                            + "configured on the strategy?)");
                }
            }
            CandidateGraph violations = DualCertificate.violations(mentorPrice, menteePrice, enrolled.capacity,
                    menteePrice.length, compatibility, candidates, 100_000, control);
            if (violations.size() == 0) {
                count("certified_optimal", true);
                count("certification_rounds", round);
                count("pairs_added_back", added);
                return;
            }
            for (int v = 0; v < violations.size(); v++) {
                candidates.add(violations.mentor(v), violations.mentee(v), violations.score(v));
            }
            added += violations.size();
            enter(Phase.SOLVING, 66);
            result = run(strategy, request());
            enter(Phase.CERTIFYING, 85);
        }
        throw new IllegalStateException("the optimum was not certified after " + settings.certificationRounds()
                + " rounds of adding back pairs; " + added + " pairs were added");
    }

    private static MatchResult run(MatchingStrategy strategy, MatchRequest request) {
        MatchResult answer;
        try {
            answer = strategy.match(request);
        } catch (io.mentorhub.api.matching.MatchingStoppedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Compatibility.PluginFailure(strategy.id(), "failed: " + e);
        }
        if (answer == null) {
            throw new Compatibility.PluginFailure(strategy.id(), "returned no result");
        }
        ResultCheck.verify(request, answer, strategy.id());
        return answer;
    }

    private MatchRequest request() {
        List<Participant> mentors = enrolled.pool.mentors();
        List<Participant> mentees = enrolled.pool.mentees();
        List<MentorSlot> slots = new ArrayList<>(mentors.size());
        for (int i = 0; i < mentors.size(); i++) {
            slots.add(new MentorSlot(mentors.get(i).personId(), enrolled.capacity[i]));
        }
        List<String> menteeIds = mentees.stream().map(Participant::personId).toList();
        boolean peer = program.format() == ProgramFormat.PEER;
        List<CandidatePair> pairs = new ArrayList<>(candidates.size() * (peer ? 2 : 1));
        Set<Long> seen = peer ? new HashSet<>() : null;
        for (int c = 0; c < candidates.size(); c++) {
            int i = candidates.mentor(c);
            int j = candidates.mentee(c);
            if (!peer) {
                pairs.add(new CandidatePair(mentors.get(i).personId(), menteeIds.get(j), candidates.score(c),
                        compatibility.factors(i, j)));
                continue;
            }
            // Peers mentor each other: a pair's score counts both directions, and both orientations are offered.
            int a = Math.min(i, j);
            int b = Math.max(i, j);
            if (!seen.add(((long) a << 32) | b)) {
                continue;
            }
            int back = compatibility.score(b, a);
            int forth = compatibility.score(a, b);
            if (back == PairScores.NOT_A_PAIR || forth == PairScores.NOT_A_PAIR) {
                continue;
            }
            List<Factor> factors = sum(compatibility.factors(a, b),
                    compatibility.factors(b, a));
            pairs.add(new CandidatePair(mentors.get(a).personId(), menteeIds.get(b), forth + back, factors));
            pairs.add(new CandidatePair(mentors.get(b).personId(), menteeIds.get(a), forth + back, factors));
        }
        return new MatchRequest(program.format(), program.groupSize(), slots, menteeIds, pairs, enrolled.rankings,
                seed, control);
    }

    private static List<Factor> sum(
            List<Factor> a, List<Factor> b) {
        List<Factor> total = new ArrayList<>(a.size());
        for (int f = 0; f < a.size(); f++) {
            total.add(new Factor(a.get(f).scorer(),
                    a.get(f).points() + b.get(f).points()));
        }
        return total;
    }

    /**
     * SAVING: the proposals as PROPOSED pairings with their explanations, the unmatched with reasons, and the
     * fairness report — in one transaction. A mentee paired by hand while the run was going keeps that pairing and
     * is reported unmatched here.
     */
    void save(Tx tx, PairingStore pairings, MatchingRunStore runs) throws SQLException {
        enter(Phase.SAVING, 95);
        Map<String, Integer> mentorIndex = new HashMap<>();
        Map<String, Integer> menteeIndex = new HashMap<>();
        for (int i = 0; i < enrolled.pool.mentors().size(); i++) {
            mentorIndex.put(enrolled.pool.mentors().get(i).personId(), i);
        }
        for (int j = 0; j < enrolled.pool.mentees().size(); j++) {
            menteeIndex.put(enrolled.pool.mentees().get(j).personId(), j);
        }
        Set<String> nowPaired = new HashSet<>(tx.query("SELECT m.mentee_id FROM pairing p JOIN pairing_mentee m ON "
                + "m.pairing_id = p.id WHERE p.program_id = ? AND p.state IN ('PROPOSED', 'PUBLISHED', 'TRIAL', 'ACTIVE')",
                row -> row.getString(1), Tx.uuid(programId)));
        if (program.format() == ProgramFormat.PEER) {
            nowPaired.addAll(tx.query("SELECT mentor_id FROM pairing WHERE program_id = ? AND state IN "
                    + "('PROPOSED', 'PUBLISHED', 'TRIAL', 'ACTIVE')", row -> row.getString(1), Tx.uuid(programId)));
        }

        List<UnmatchedPerson> unmatched = new ArrayList<>(enrolled.leftOut);
        Map<String, List<ProposedPair>> byMentor = new TreeMap<>();
        for (ProposedPair pair : result.pairs()) {
            if (nowPaired.contains(pair.menteeId()) || nowPaired.contains(pair.mentorId())
                    && program.format() == ProgramFormat.PEER) {
                unmatched.add(new UnmatchedPerson(pair.menteeId(), "was paired by hand while the run was going"));
                continue;
            }
            if (program.format() == ProgramFormat.GROUP) {
                byMentor.computeIfAbsent(pair.mentorId(), m -> new ArrayList<>()).add(pair);
            } else {
                byMentor.put(pair.mentorId() + "\u0000" + pair.menteeId(), List.of(pair));
            }
        }
        boolean[] hasCandidate = new boolean[enrolled.pool.mentees().size()];
        for (int c = 0; c < candidates.size(); c++) {
            hasCandidate[candidates.mentee(c)] = true;
        }
        Set<String> reported = new HashSet<>();
        unmatched.forEach(u -> reported.add(u.personId()));
        for (MatchResult.Unmatched u : result.unmatched()) {
            if (enrolled.affected != null && !enrolled.affected.contains(u.personId())) {
                continue;
            }
            Integer j = menteeIndex.get(u.personId());
            boolean noCandidate = j != null && !hasCandidate[j];
            if (reported.add(u.personId())) {
                unmatched.add(new UnmatchedPerson(u.personId(), noCandidate ? compatibility.whyNoCandidate(j) : u.reason()));
            }
        }

        List<String> pairingIds = new ArrayList<>();
        List<Outbox.Event> events = new ArrayList<>();
        Map<String, Integer> scoreOf = new HashMap<>();
        long totalScore = 0;
        int matchedMentees = 0;
        for (List<ProposedPair> group : byMentor.values()) {
            String mentorId = group.get(0).mentorId();
            int i = mentorIndex.get(mentorId);
            List<String> menteeIds = group.stream().map(ProposedPair::menteeId).toList();
            int score = group.stream().mapToInt(ProposedPair::score).sum();
            List<FactorScore> explanation = group.size() == 1
                    ? explanation(i, menteeIndex.get(menteeIds.get(0)))
                    : groupExplanation(i, menteeIds, menteeIndex);
            Pairing pairing = new Pairing(UUID.randomUUID().toString(), programId, mentorId, menteeIds, score,
                    explanation, PairingState.PROPOSED, null);
            pairings.insert(tx, pairing, "matching-run", "proposed by matching run " + runId);
            pairingIds.add(pairing.id());
            events.add(Outbox.Event.of("pairing.proposed", "pairing", pairing.id(), 1));
            for (ProposedPair pair : group) {
                scoreOf.put(pair.menteeId(), pair.score());
                if (program.format() == ProgramFormat.PEER) {
                    scoreOf.put(pair.mentorId(), pair.score());
                }
                totalScore += pair.score();
                matchedMentees++;
            }
        }
        runs.proposed(tx, runId, pairingIds);
        Outbox.append(tx, events);

        List<String> considered = new ArrayList<>();
        enrolled.pool.mentees().forEach(p -> {
            if (enrolled.affected == null || enrolled.affected.contains(p.personId())) {
                considered.add(p.personId());
            }
        });
        FairnessReport fairness = FairnessReport.build(considered, enrolled.reportable, scoreOf,
                FairnessReport.MINIMUM_GROUP_SIZE);
        count("proposed_pairings", pairingIds.size());
        count("matched_mentees", matchedMentees);
        count("unmatched", unmatched.size());
        count("total_score", totalScore);
        count("mean_score", matchedMentees == 0 ? 0 : Math.round(10.0 * totalScore / matchedMentees) / 10.0);
        unmatched.sort(java.util.Comparator.comparing(UnmatchedPerson::personId));
        runs.succeeded(tx, runId, counts(), unmatched, fairness);
        phase = Phase.DONE;
        progress = 100;
    }

    private List<FactorScore> explanation(int mentor, int mentee) {
        if (program.format() != ProgramFormat.PEER) {
            return compatibility.explain(mentor, mentee, "");
        }
        List<FactorScore> both = new ArrayList<>(compatibility.explain(mentor, mentee, ""));
        both.addAll(compatibility.explain(mentee, mentor, "reverse "));
        return both;
    }

    /** A group's explanation: per factor, the points summed over its mentees, and each mentee's reason. */
    private List<FactorScore> groupExplanation(int mentor, List<String> menteeIds, Map<String, Integer> menteeIndex) {
        Map<String, Integer> points = new LinkedHashMap<>();
        Map<String, StringBuilder> reasons = new LinkedHashMap<>();
        for (String mentee : menteeIds) {
            for (FactorScore factor : compatibility.explain(mentor, menteeIndex.get(mentee), "")) {
                points.merge(factor.factor(), factor.score(), Integer::sum);
                StringBuilder reason = reasons.computeIfAbsent(factor.factor(), f -> new StringBuilder());
                reason.append(reason.length() == 0 ? "" : "; ").append(mentee).append(": ").append(factor.reason());
            }
        }
        List<FactorScore> explanation = new ArrayList<>();
        points.forEach((factor, total) -> {
            String reason = reasons.get(factor).toString();
            explanation.add(new FactorScore(factor, total, reason.length() > 500 ? reason.substring(0, 497) + "..." : reason));
        });
        return explanation;
    }

    /** A run that cannot start as asked: the requester gets a clear reason, and the run is recorded as FAILED. */
    static final class RunRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunRefused(String message) {
            super(message);
        }
    }
}
