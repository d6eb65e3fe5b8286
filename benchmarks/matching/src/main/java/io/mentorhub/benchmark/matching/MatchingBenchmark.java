package io.mentorhub.benchmark.matching;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.engine.matching.DualCertificate;
import io.mentorhub.engine.matching.PairScores;
import io.mentorhub.plugins.greedy.GreedyForBenchmark;
import io.mentorhub.plugins.optimal.OptimalForBenchmark;
import io.mentorhub.plugins.stable.StableForBenchmark;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test): the optimal, greedy and stable strategies against OR-Tools' min-cost flow on the same
 * candidate graph, for the synthetic instances a, b, c ({@link SyntheticInstances}) and for DIMACS files.
 *
 * <p>Every solver, OR-Tools included, first solves the same instance untimed until it has done at least
 * {@code warmups} solves and spent at least {@code warmupSeconds} on them (so the JIT has compiled what it runs, in
 * steady state), then {@code repeats} timed ones, each after a full garbage collection (outside the timed region, so
 * that no solve pays for the previous one's garbage); the time is the best of those. OR-Tools' time covers
 * passing the arcs through JNI and solving; a strategy's covers its whole {@code match} on a prepared
 * {@link MatchRequest} (for optimal that includes building its network and checking its certificate). Every answer is
 * audited before it is counted ({@link Audit}).
 *
 * <pre>
 * MatchingBenchmark [a] [b] [c] [--dimacs FILE]... [--write-dimacs DIR] [--seed N] [--warmups N]
 *     [--warmup-seconds S] [--repeats N]
 * </pre>
 * With no instance and no file it runs a, b and c.
 */
public final class MatchingBenchmark {

    /** Where all pairs are at most this many, the dense optimum is computed too (b: 25 million; c: 2.5 billion). */
    static final long DENSE_REFERENCE_LIMIT = 30_000_000L;
    static final long DEFAULT_SEED = 20_261_123L;
    /** How many uncovered pairs one certification round adds back at most (the worst first). */
    static final int VIOLATIONS_PER_ROUND = 20_000;

    private record Row(String instance, String solver, long objective, int matched, long nanos, long referenceNanos) {
    }

    private final long seed;
    private final int warmups;
    private final double warmupSeconds;
    private final int repeats;
    private final Path writeDir;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final Map<String, MatchingStrategy> strategies = new LinkedHashMap<>();
    private boolean failed;
    private long liveBytes;

    private MatchingBenchmark(long seed, int warmups, double warmupSeconds, int repeats, Path writeDir) {
        this.seed = seed;
        this.warmups = warmups;
        this.warmupSeconds = warmupSeconds;
        this.repeats = repeats;
        this.writeDir = writeDir;
        strategies.put("optimal", OptimalForBenchmark.create());
        strategies.put("greedy", GreedyForBenchmark.create());
        strategies.put("stable", StableForBenchmark.create());
    }

    public static void main(String[] args) throws IOException {
        List<SyntheticInstances.Spec> specs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        long seed = DEFAULT_SEED;
        int warmups = 2;
        double warmupSeconds = 1;
        int repeats = 5;
        Path writeDir = null;
        for (int k = 0; k < args.length; k++) {
            switch (args[k]) {
                case "a" -> specs.add(SyntheticInstances.A);
                case "b" -> specs.add(SyntheticInstances.B);
                case "c" -> specs.add(SyntheticInstances.C);
                case "--dimacs" -> files.add(Path.of(value(args, ++k)));
                case "--write-dimacs" -> writeDir = Path.of(value(args, ++k));
                case "--seed" -> seed = Long.parseLong(value(args, ++k));
                case "--warmups" -> warmups = Math.max(0, Integer.parseInt(value(args, ++k)));
                case "--warmup-seconds" -> warmupSeconds = Math.max(0, Double.parseDouble(value(args, ++k)));
                case "--repeats" -> repeats = Math.max(1, Integer.parseInt(value(args, ++k)));
                default -> {
                    System.err.println("unknown argument " + args[k]
                            + "\nusage: MatchingBenchmark [a] [b] [c] [--dimacs FILE]... [--write-dimacs DIR]"
                            + " [--seed N] [--warmups N] [--warmup-seconds S] [--repeats N]");
                    System.exit(2);
                }
            }
        }
        if (specs.isEmpty() && files.isEmpty()) {
            specs = List.of(SyntheticInstances.A, SyntheticInstances.B, SyntheticInstances.C);
        }
        if (writeDir != null) {
            Files.createDirectories(writeDir);
        }

        OrToolsFlow.loadNatives();
        MatchingBenchmark bench = new MatchingBenchmark(seed, warmups, warmupSeconds, repeats, writeDir);
        System.out.printf("seed %d, untimed warm-up (at least %d solves and %.1f s per solver), then best of %d, %d cores,"
                + " max heap %d MB, Java %s%n%n", seed, warmups, warmupSeconds, repeats,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        for (SyntheticInstances.Spec spec : specs) {
            bench.run(spec);
        }
        for (Path file : files) {
            bench.run(file);
        }
        bench.report();
        if (bench.failed) {
            System.exit(1);
        }
    }

    private static String value(String[] args, int k) {
        if (k >= args.length) {
            throw new IllegalArgumentException(args[k - 1] + " needs a value");
        }
        return args[k];
    }

    private void run(SyntheticInstances.Spec spec) throws IOException {
        resetPeaks();
        System.out.println("== " + spec.name() + ": " + spec.describe());
        long start = System.nanoTime();
        LatentModel model = new LatentModel(spec.mentees(), spec.mentors(), seed);
        CandidateGraph graph = SyntheticInstances.generate(spec, model, seed);
        long generated = System.nanoTime() - start;
        System.out.printf("   generated %s in %.2f s%s%n", graph, seconds(generated),
                spec.twoSided() ? " (model, every feasible pair scored once, two-sided selection)" : "");
        if (writeDir != null) {
            Path file = writeDir.resolve(spec.name() + ".min");
            Dimacs.write(graph, spec.describe() + ", seed " + seed, file);
            System.out.println("   wrote " + file);
        }
        OrToolsFlow.Outcome reference = solve(spec.name(), graph, generated);

        long allPairs = (long) spec.mentees() * spec.mentors();
        OrToolsFlow.Outcome dense = null;
        if (spec.candidates() != SyntheticInstances.Candidates.DENSE && allPairs <= DENSE_REFERENCE_LIMIT) {
            dense = denseReference(spec, model, graph, reference);
        } else if (spec.candidates() != SyntheticInstances.Candidates.DENSE) {
            findings.add(String.format("%s: dense optimum not computed: %,d pairs exceed the %,d this run streams",
                    spec.name(), allPairs, DENSE_REFERENCE_LIMIT));
        }
        if (spec.twoSided()) {
            certify(spec, model, graph, dense);
        }
        reportMemory(spec.name());
    }

    private void run(Path file) throws IOException {
        resetPeaks();
        String name = file.getFileName().toString();
        System.out.println("== " + name);
        long start = System.nanoTime();
        CandidateGraph graph = Dimacs.read(file);
        long read = System.nanoTime() - start;
        System.out.printf("   read %s in %.2f s%n", graph, seconds(read));
        solve(name, graph, read);
        reportMemory(name);
    }

    /** Runs every solver on one graph, audits each answer, records rows and findings; returns OR-Tools' outcome. */
    private OrToolsFlow.Outcome solve(String instance, CandidateGraph graph, long preparedNanos) {
        long start = System.nanoTime();
        MatchRequest request = graph.toRequest(seed);
        long requestNanos = System.nanoTime() - start;
        Audit audit = new Audit(graph);

        // Untimed warm-up first, the same for every solver: at least `warmups` solves and `warmupSeconds` spent.
        Map<String, Long> cold = new LinkedHashMap<>();
        Map<String, Integer> warmed = new LinkedHashMap<>();
        long warmupStart = System.nanoTime();
        int warm = 0;
        while (warm < warmups || System.nanoTime() - warmupStart < warmupSeconds * 1e9) {
            OrToolsFlow.Outcome outcome = OrToolsFlow.solve(graph);
            cold.putIfAbsent("OR-Tools", outcome.nanos());
            warm++;
        }
        warmed.put("OR-Tools", warm);
        OrToolsFlow.Outcome reference = null;
        for (int r = 0; r < repeats; r++) {
            System.gc(); // each timed solve starts on a collected heap, not in the previous one's garbage
            OrToolsFlow.Outcome outcome = OrToolsFlow.solve(graph);
            cold.putIfAbsent("OR-Tools", outcome.nanos());
            if (reference == null || outcome.nanos() < reference.nanos()) {
                reference = outcome;
            }
        }
        rows.add(new Row(instance, "OR-Tools", reference.objective(), reference.matched(), reference.nanos(),
                reference.nanos()));
        System.out.printf("   OR-Tools   %,14d  %,9d matched  %8.3f s%n", reference.objective(), reference.matched(),
                seconds(reference.nanos()));

        Map<String, Audit.Figures> figures = new LinkedHashMap<>();
        Map<String, Long> times = new LinkedHashMap<>();
        for (Map.Entry<String, MatchingStrategy> entry : strategies.entrySet()) {
            String name = entry.getKey();
            MatchingStrategy strategy = entry.getValue();
            warmupStart = System.nanoTime();
            warm = 0;
            while (warm < warmups || System.nanoTime() - warmupStart < warmupSeconds * 1e9) {
                timedMatch(instance, name, strategy, request, cold, preparedNanos, requestNanos);
                warm++;
            }
            warmed.put(name, warm);
            long best = Long.MAX_VALUE;
            MatchResult result = null;
            for (int r = 0; r < repeats; r++) {
                System.gc();
                long t = System.nanoTime();
                result = timedMatch(instance, name, strategy, request, cold, preparedNanos, requestNanos);
                best = Math.min(best, System.nanoTime() - t);
            }
            Audit.Figures f = audit.check(name, result);
            figures.put(name, f);
            times.put(name, best);
            rows.add(new Row(instance, name, f.objective(), f.matched(), best, reference.nanos()));
            System.out.printf("   %-8s   %,14d  %,9d matched  %8.3f s%n", name, f.objective(), f.matched(),
                    seconds(best));
        }

        StringBuilder firsts = new StringBuilder();
        cold.forEach((solver, nanos) -> firsts.append(firsts.length() == 0 ? "" : ", ").append(solver).append(' ')
                .append(time(nanos)).append(" (").append(warmed.getOrDefault(solver, 0)).append(" warm-ups)"));
        findings.add(instance + ": first (cold) solve, before warm-up: " + firsts);

        // What the instance itself occupies: graph, request and audit index, with the solvers' garbage collected.
        System.gc();
        liveBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Reference.reachabilityFence(request);
        Reference.reachabilityFence(audit);

        long optimal = figures.get("optimal").objective();
        if (optimal == reference.objective()) {
            findings.add(String.format("%s: optimal objective = OR-Tools objective (%,d): OK; optimal takes %.2f× "
                    + "OR-Tools' time", instance, optimal, ratio(times.get("optimal"), reference.nanos())));
        } else {
            alarm(String.format("%s: !!! MISMATCH !!! optimal objective %,d ≠ OR-Tools objective %,d", instance,
                    optimal, reference.objective()));
        }
        long blocking = figures.get("stable").blockingPairs();
        if (blocking == 0) {
            findings.add(instance + ": stable has 0 blocking pairs");
        } else {
            alarm(String.format("%s: !!! stable has %,d blocking pairs, expected 0 !!!", instance, blocking));
        }
        long greedy = figures.get("greedy").objective();
        findings.add(String.format("%s: greedy is %.1f× as fast as OR-Tools, at %.2f %% of the optimum", instance,
                ratio(reference.nanos(), times.get("greedy")), percent(greedy, reference.objective())));
        return reference;
    }

    /** One solve; the first of each solver is noted as its cold run (optimal's also as the end-to-end time). */
    private MatchResult timedMatch(String instance, String name, MatchingStrategy strategy, MatchRequest request,
            Map<String, Long> cold, long preparedNanos, long requestNanos) {
        long t = System.nanoTime();
        MatchResult result = strategy.match(request);
        long nanos = System.nanoTime() - t;
        if (cold.putIfAbsent(name, nanos) == null && name.equals("optimal")) {
            findings.add(String.format("%s: end to end %.2f s (graph ready %.2f s + request %.2f s + optimal, first"
                    + " (cold) run, %.2f s)", instance, seconds(preparedNanos + requestNanos + nanos),
                    seconds(preparedNanos), seconds(requestNanos), seconds(nanos)));
        }
        return result;
    }

    /** The optimum over every pair, by OR-Tools with the pairs streamed from the model (native memory only). */
    private OrToolsFlow.Outcome denseReference(SyntheticInstances.Spec spec, LatentModel model, CandidateGraph graph,
            OrToolsFlow.Outcome candidates) {
        String instance = spec.name() + " dense";
        long allPairs = (long) spec.mentees() * spec.mentors();
        int[] capacity = new int[spec.mentors()];
        Arrays.fill(capacity, spec.capacity());
        OrToolsFlow.Outcome dense = OrToolsFlow.solve(spec.mentees(), capacity,
                SyntheticInstances.allPairs(spec.mentees(), spec.mentors(), model), allPairs);
        rows.add(new Row(instance, "OR-Tools", dense.objective(), dense.matched(), dense.nanos(), dense.nanos()));
        System.out.printf("   dense      %,14d  %,9d matched  %8.3f s  (OR-Tools, all %,d pairs streamed)%n",
                dense.objective(), dense.matched(), seconds(dense.nanos()), allPairs);
        findings.add(String.format("%s: candidates (%,d pairs) reach %.3f %% of the dense optimum %,d (all %,d pairs)",
                spec.name(), graph.pairs(), percent(candidates.objective(), dense.objective()), dense.objective(),
                allPairs));
        return dense;
    }

    /**
     * The select / solve / certify loop the hub runs: the optimal strategy's prices are checked against every feasible
     * pair ({@link DualCertificate#violations}); uncovered pairs are added to the candidates and the strategy runs
     * again, until none is left and the prices close the gap. The total is then optimal over all feasible pairs,
     * which the dense optimum (where computed) must confirm. One run, timed as a whole.
     */
    private void certify(SyntheticInstances.Spec spec, LatentModel model, CandidateGraph graph,
            OrToolsFlow.Outcome dense) {
        String instance = spec.name() + " certified";
        MatchingStrategy optimal = strategies.get("optimal");
        PairScores scores = SyntheticInstances.pairScores(spec, model);
        int[] capacity = graph.capacities();
        io.mentorhub.engine.matching.CandidateGraph candidates = new io.mentorhub.engine.matching.CandidateGraph(
                graph.pairs());
        for (int k = 0; k < graph.pairs(); k++) {
            candidates.add(graph.pairMentor(k), graph.pairMentee(k), graph.pairScore(k));
        }
        long start = System.nanoTime();
        long scanNanos = 0;
        int rounds = 0;
        int added = 0;
        CandidateGraph current = graph;
        MatchResult result;
        long[] mentorPrice = new long[graph.mentors()];
        long[] menteePrice = new long[graph.mentees()];
        while (true) {
            result = optimal.match(current.toRequest(seed));
            rounds++;
            for (int i = 0; i < mentorPrice.length; i++) {
                mentorPrice[i] = result.duals().mentorPrice(CandidateGraph.mentorId(i));
            }
            for (int j = 0; j < menteePrice.length; j++) {
                menteePrice[j] = result.duals().menteePrice(CandidateGraph.menteeId(j));
            }
            long scan = System.nanoTime();
            io.mentorhub.engine.matching.CandidateGraph missing = DualCertificate.violations(mentorPrice, menteePrice,
                    capacity, graph.mentees(), scores, candidates, VIOLATIONS_PER_ROUND, MatchControl.NONE);
            scanNanos += System.nanoTime() - scan;
            if (missing.size() == 0) {
                break;
            }
            added += missing.size();
            candidates.addAll(missing);
            current = SyntheticInstances.of(graph.mentees(), capacity, candidates);
        }
        long nanos = System.nanoTime() - start;
        Audit.Figures f = new Audit(current).check("optimal", result);
        boolean closed = DualCertificate.closesTheGap(f.objective(), mentorPrice, capacity, menteePrice);
        long denseNanos = dense == null ? nanos : dense.nanos();
        rows.add(new Row(instance, "optimal + certificate", f.objective(), f.matched(), nanos, denseNanos));
        System.out.printf("   certified  %,14d  %,9d matched  %8.3f s  (%d solves, %,d pairs added, scans %.2f s)%n",
                f.objective(), f.matched(), seconds(nanos), rounds, added, seconds(scanNanos));
        String proof = String.format("%s: certified over all feasible pairs: %,d after %d solve(s) adding %,d pairs "
                + "(%.2f s, of which %.2f s scanning every feasible pair for uncovered ones); prices %s the gap",
                spec.name(), f.objective(), rounds, added, seconds(nanos), seconds(scanNanos),
                closed ? "close" : "do NOT close");
        if (!closed) {
            alarm(spec.name() + ": !!! " + proof);
        } else if (dense != null && dense.objective() != f.objective()) {
            alarm(String.format("%s: !!! MISMATCH !!! certified %,d ≠ dense optimum %,d", spec.name(), f.objective(),
                    dense.objective()));
        } else {
            findings.add(proof + (dense == null ? "" : String.format(", = the dense optimum %,d: OK",
                    dense.objective())));
        }
    }

    /** A result that must not be: said at once and again in the summary, and the run exits 1. */
    private void alarm(String finding) {
        failed = true;
        findings.add(finding);
        System.out.println("   " + finding);
    }

    private void report() {
        System.out.println();
        System.out.println("| instance | solver | objective | matched | time | time vs OR-Tools |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Row row : rows) {
            System.out.printf("| %s | %s | %,d | %,d | %s | %.3f× |%n", row.instance(), row.solver(), row.objective(),
                    row.matched(), time(row.nanos()), ratio(row.nanos(), row.referenceNanos()));
        }
        System.out.println();
        findings.forEach(f -> System.out.println("- " + f));
    }

    private void reportMemory(String instance) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        String line = String.format("%s: heap peak %,d MB (sum of pool peaks, garbage included; max %,d MB), %,d MB"
                + " live holding graph and request; process resident peak %s (heap committed earlier stays resident)",
                instance, peak >> 20, Runtime.getRuntime().maxMemory() >> 20, liveBytes >> 20, residentPeak());
        findings.add(line);
        System.out.println("   " + line);
        System.out.println();
    }

    /** Heap pools' peaks back to the current use, and Linux's resident-set peak too (where allowed). */
    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the resident peak is then the process's
        }
    }

    /** VmHWM from /proc/self/status: native memory (OR-Tools' graph) included. */
    private static String residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format("%,d MB", kb >> 10);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    private static String time(long nanos) {
        return nanos < 1_000_000_000L
                ? String.format("%d ms", nanos / 1_000_000)
                : String.format("%.2f s", seconds(nanos));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double ratio(long nanos, long referenceNanos) {
        return nanos / (double) referenceNanos;
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 100 : 100.0 * part / whole;
    }
}
