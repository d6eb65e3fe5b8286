package io.mentorhub.benchmark.matching;

import com.google.ortools.Loader;
import com.google.ortools.graph.MinCostFlow;
import com.google.ortools.graph.MinCostFlowBase;

/**
 * The reference: OR-Tools' {@code SimpleMinCostFlow} (cost scaling, push-relabel) on the network of
 * {@link CandidateGraph}, arcs passed one by one through {@link CandidateGraph#forEachArc} — the very arcs the DIMACS
 * writer lists. The network lives in native memory, so even the dense 25-million-pair graph needs little heap.
 */
final class OrToolsFlow {

    /** Objective (total score), mentees matched, and the nanoseconds spent loading arcs and solving. */
    record Outcome(long objective, int matched, long nanos) {
    }

    private static boolean loaded;

    private OrToolsFlow() {
    }

    static synchronized void loadNatives() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    static Outcome solve(CandidateGraph graph) {
        return solve(graph.mentees(), graph.capacities(), graph::forEachPair, graph.pairs());
    }

    /** Solves the network of any pair source; counting the matches only reads back the first {@code pairs} arcs. */
    static Outcome solve(int mentees, int[] capacity, CandidateGraph.PairSource pairs, long pairCount) {
        loadNatives();
        int nodes = CandidateGraph.nodes(mentees, capacity.length);
        long arcs = pairCount + mentees + capacity.length;
        MinCostFlow flow = new MinCostFlow(nodes, (int) Math.min(arcs, Integer.MAX_VALUE));
        try {
            long start = System.nanoTime();
            forEachArc(mentees, capacity, pairs, flow::addArcWithCapacityAndUnitCost);
            for (int j = 0; j < mentees; j++) {
                flow.setNodeSupply(j, 1);
            }
            flow.setNodeSupply(nodes - 1, -mentees);
            MinCostFlowBase.Status status = flow.solve();
            long nanos = System.nanoTime() - start;
            if (status != MinCostFlowBase.Status.OPTIMAL) {
                throw new IllegalStateException("OR-Tools min-cost flow ended " + status);
            }
            int matched = 0;
            for (int arc = 0; arc < pairCount; arc++) {
                matched += flow.getFlow(arc) > 0 ? 1 : 0;
            }
            return new Outcome(-flow.getOptimalCost(), matched, nanos);
        } finally {
            flow.delete();
        }
    }

    /** The arcs exactly as OR-Tools is given them: {@link CandidateGraph}'s, with nodes numbered from 0, not 1. */
    static void forEachArc(int mentees, int[] capacity, CandidateGraph.PairSource pairs, CandidateGraph.ArcSink sink) {
        CandidateGraph.forEachArc(mentees, capacity, pairs,
                (tail, head, cap, cost) -> sink.arc(tail - 1, head - 1, cap, cost));
    }
}
