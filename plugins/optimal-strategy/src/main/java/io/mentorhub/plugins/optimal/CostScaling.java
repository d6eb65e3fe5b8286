package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchControl;
import java.util.Arrays;

/**
 * The min-cost flow of a {@link Network} by cost scaling with push and relabel (Goldberg and Tarjan; in the
 * "double push" form Goldberg and Kennedy use for assignment), with exact integer potentials derived at the end.
 *
 * <p>Costs are the negated scores times {@link #scale}, which exceeds the number of nodes. A flow is ε-optimal when
 * no residual edge has a reduced cost ({@code cost + potential(from) - potential(to)}) below -ε; a flow that is
 * 1-optimal in these units is optimal, because a cycle has fewer edges than there are nodes and so cannot gain a
 * whole point. ε starts near the highest scaled score and shrinks {@link #SHRINK}-fold per phase ("refine").
 *
 * <p>A refine takes every mentee's unit back (no residual edge then leads into a mentee, so its potential may be set
 * at will) and saturates the place edges of negative reduced cost. Then nodes with excess push it along edges of
 * negative reduced cost, or lower their potential to ε below their best residual edge when they have none:
 * <ul>
 *   <li>a free mentee bids: it sends its unit to its best choice (a mentor, or staying unmatched) and its potential
 *       falls to ε below its second-best choice, which is how far it would let that mentor's price rise;</li>
 *   <li>a mentor holding more mentees than it passes on passes one on to a free place, or turns away the holder
 *       that values it least (the highest potential less score: a max-heap of its holders), lowering its own
 *       potential (raising its price) when neither is admissible;</li>
 *   <li>the sink, when it receives more than it needs, sends units back the same way.</li>
 * </ul>
 */
final class CostScaling {

    /** ε shrinks this many times per refine. */
    private static final int SHRINK = 5;

    private static final int FREE = -1;
    private static final int UNMATCHED = -2;

    private final Network net;
    private final MatchControl control;
    private final int mentees;
    private final int mentors;
    private final int sink;
    private final int nodes;
    /** Scores are multiplied by this: more than the number of nodes plus one. */
    private final long scale;
    private final long[] value;

    private final long[] potential;
    /** Per mentee: the pair edge carrying its unit, {@link #UNMATCHED} or {@link #FREE}. */
    private final int[] held;
    /** Mentor i's holders are {@code holder[firstHolder[i] .. firstHolder[i] + holders[i] - 1]}, a max-heap by key. */
    private final int[] firstHolder;
    private final int[] holders;
    private final int[] holder;
    private final long[] holderKey;
    /** Units mentor i passes on to the sink, at most its capacity. */
    private final int[] passed;
    private int sinkExcess;
    /** Nodes the sink may send units back to, by potential (highest first: keys are negated). */
    private final NodeHeap returns;

    private final int[] queue;
    private final boolean[] queued;
    private int queueHead;
    private int queueSize;
    private int work;
    private long highest;

    private CostScaling(Network net, MatchControl control) {
        this.net = net;
        this.control = control;
        mentees = net.mentees();
        mentors = net.mentors();
        sink = net.sink();
        nodes = net.nodes();
        scale = nodes + 2L;
        value = new long[net.edges()];
        for (int e = 0; e < value.length; e++) {
            value[e] = net.edgeScore[e] * scale;
            highest = Math.max(highest, value[e]);
        }
        potential = new long[nodes];
        held = new int[mentees];
        Arrays.fill(held, FREE);
        firstHolder = new int[mentors + 1];
        for (int e = 0; e < net.edges(); e++) {
            firstHolder[net.edgeMentor[e] + 1]++;
        }
        for (int i = 0; i < mentors; i++) {
            firstHolder[i + 1] += firstHolder[i];
        }
        holders = new int[mentors];
        holder = new int[net.edges()];
        holderKey = new long[net.edges()];
        passed = new int[mentors];
        queue = new int[nodes];
        queued = new boolean[nodes];
        returns = new NodeHeap(mentors + 16);
    }

    /**
     * Whether scaled costs and the potentials cost scaling may reach stay far from overflow (potentials move by at
     * most a small multiple of {@code nodes × highest scaled score} in all).
     */
    static boolean fits(Network net) {
        long top = 0;
        for (int e = 0; e < net.edges(); e++) {
            top = Math.max(top, net.edgeScore[e]);
        }
        double bound = (double) top * (net.nodes() + 2.0) * (net.nodes() + 2.0) * 64;
        return bound < Long.MAX_VALUE / 4.0;
    }

    /** The optimal assignment (edge per mentee, or -1) with exact potentials under which matched pairs are tight. */
    static Solution solve(Network net, MatchControl control) {
        CostScaling flow = new CostScaling(net, control);
        long epsilon = Math.max(1, flow.highest);
        do {
            epsilon = Math.max(1, epsilon / SHRINK);
            flow.refine(epsilon);
        } while (epsilon > 1);
        return flow.exactSolution();
    }

    private void refine(long epsilon) {
        // Every mentee takes its unit back and starts at its best choice: no edge of negative reduced cost.
        Arrays.fill(held, FREE);
        Arrays.fill(holders, 0);
        returns.clear();
        for (int j = 0; j < mentees; j++) {
            if ((j & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            long best = potential[sink];
            for (int e = net.firstEdge[j]; e < net.firstEdge[j + 1]; e++) {
                best = Math.max(best, potential[mentees + net.edgeMentor[e]] + value[e]);
            }
            potential[j] = best;
        }
        // Place edges of negative reduced cost are saturated, in either direction.
        int toSink = 0;
        for (int i = 0; i < mentors; i++) {
            long reduced = potential[mentees + i] - potential[sink];
            if (reduced < 0) {
                passed[i] = net.capacity[i];
            } else if (reduced > 0) {
                passed[i] = 0;
            }
            toSink += passed[i];
            if (passed[i] > 0) {
                returns.push(-potential[mentees + i], mentees + i);
            }
        }
        sinkExcess = toSink - mentees;

        queueHead = 0;
        queueSize = 0;
        for (int j = 0; j < mentees; j++) {
            enqueue(j);
        }
        if (sinkExcess > 0) {
            enqueue(sink);
        }
        while (queueSize > 0) {
            if ((++work & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            int v = queue[queueHead];
            queueHead = queueHead + 1 == nodes ? 0 : queueHead + 1;
            queueSize--;
            queued[v] = false;
            if (v < mentees) {
                bid(v, epsilon);
            } else if (v < sink) {
                dischargeMentor(v - mentees, epsilon);
            } else {
                dischargeSink(epsilon);
            }
        }
    }

    private void enqueue(int v) {
        if (!queued[v]) {
            queued[v] = true;
            int at = queueHead + queueSize;
            queue[at >= nodes ? at - nodes : at] = v;
            queueSize++;
        }
    }

    /** A free mentee sends its unit to its best choice; its potential falls to ε below its second-best. */
    private void bid(int mentee, long epsilon) {
        long best = potential[sink]; // staying unmatched
        long second = Long.MIN_VALUE;
        int bestEdge = UNMATCHED;
        for (int e = net.firstEdge[mentee]; e < net.firstEdge[mentee + 1]; e++) {
            long choice = potential[mentees + net.edgeMentor[e]] + value[e];
            if (choice > best) {
                second = best;
                best = choice;
                bestEdge = e;
            } else if (choice > second) {
                second = choice;
            }
        }
        // The best edge has reduced cost -ε or less after this; every other edge at least -ε.
        long own = Math.min(potential[mentee], best - epsilon);
        if (second != Long.MIN_VALUE) {
            own = Math.min(own, second - epsilon);
        }
        potential[mentee] = own;
        if (bestEdge == UNMATCHED) {
            held[mentee] = UNMATCHED;
            returns.push(-own, mentee);
            if (++sinkExcess > 0) {
                enqueue(sink);
            }
            return;
        }
        int mentor = net.edgeMentor[bestEdge];
        held[mentee] = bestEdge;
        hold(mentor, mentee, own - value[bestEdge]);
        if (holders[mentor] > passed[mentor]) {
            enqueue(mentees + mentor);
        }
    }

    /**
     * A mentor with more holders than units passed on: passes units to free places while that is admissible, else
     * turns away its holder of highest key (potential less score) when admissible, else raises its price.
     */
    private void dischargeMentor(int mentor, long epsilon) {
        int node = mentees + mentor;
        while (holders[mentor] > passed[mentor]) {
            if ((++work & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            long own = potential[node];
            if (passed[mentor] < net.capacity[mentor] && own < potential[sink]) {
                int amount = Math.min(holders[mentor] - passed[mentor], net.capacity[mentor] - passed[mentor]);
                if (passed[mentor] == 0) {
                    returns.push(-own, node);
                }
                passed[mentor] += amount;
                sinkExcess += amount;
                if (sinkExcess > 0) {
                    enqueue(sink);
                }
                continue;
            }
            long weakest = holderKey[firstHolder[mentor]];
            if (own < weakest) {
                int mentee = release(mentor);
                held[mentee] = FREE;
                enqueue(mentee);
                continue;
            }
            long best = passed[mentor] < net.capacity[mentor] ? Math.max(potential[sink], weakest) : weakest;
            potential[node] = best - epsilon;
        }
    }

    /**
     * The sink received more than every mentee's unit: it sends units back along its residual edges (to mentors
     * passing units on, to unmatched mentees), highest potential first, lowering its own potential when none is
     * admissible. Those nodes wait in a max-heap by potential; potentials only fall within a refine, so an entry is
     * at worst too high, and is then put back with the current value.
     */
    private void dischargeSink(long epsilon) {
        while (sinkExcess > 0) {
            if ((++work & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            long key = -returns.topKey();
            int v = returns.pop();
            if (!returnsTo(v)) {
                continue;
            }
            if (key != potential[v]) {
                returns.push(-potential[v], v);
                continue;
            }
            if (potential[v] <= potential[sink]) {
                potential[sink] = potential[v] - epsilon;
            }
            if (v < mentees) {
                held[v] = FREE;
                sinkExcess--;
                enqueue(v);
            } else {
                int mentor = v - mentees;
                int amount = Math.min(sinkExcess, passed[mentor]);
                passed[mentor] -= amount;
                sinkExcess -= amount;
                enqueue(v);
                if (passed[mentor] > 0) {
                    returns.push(-potential[v], v);
                }
            }
        }
    }

    /** Whether the sink has a residual edge back to the node. */
    private boolean returnsTo(int v) {
        return v < mentees ? held[v] == UNMATCHED : passed[v - mentees] > 0;
    }

    /** Adds a holder to the mentor's max-heap by key. */
    private void hold(int mentor, int mentee, long key) {
        int base = firstHolder[mentor];
        int k = holders[mentor]++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (holderKey[base + parent] >= key) {
                break;
            }
            holder[base + k] = holder[base + parent];
            holderKey[base + k] = holderKey[base + parent];
            k = parent;
        }
        holder[base + k] = mentee;
        holderKey[base + k] = key;
    }

    /** Removes and returns the holder of highest key. */
    private int release(int mentor) {
        int base = firstHolder[mentor];
        int top = holder[base];
        int size = --holders[mentor];
        int last = holder[base + size];
        long key = holderKey[base + size];
        int k = 0;
        while (true) {
            int child = 2 * k + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && holderKey[base + child + 1] > holderKey[base + child]) {
                child++;
            }
            if (holderKey[base + child] <= key) {
                break;
            }
            holder[base + k] = holder[base + child];
            holderKey[base + k] = holderKey[base + child];
            k = child;
        }
        holder[base + k] = last;
        holderKey[base + k] = key;
        return top;
    }

    /**
     * The assignment, and integer potentials proving it optimal on the unscaled network with every pair usable in
     * both directions (a mentee sends at most one unit anyway), so that matched pairs come out tight.
     *
     * <p>First each mentee's potential rises to the most its one used edge allows (ε above tight): that keeps every
     * edge ε-optimal and makes the used edge's forward direction ε-optimal too. Exact potentials are then
     * shortest-path distances {@code d} from a root joined to every node at cost 0. Scaled, {@code scale·d(v)} is the
     * shortest reduced-cost distance {@code D(v)} shifted by {@code p(v) - P}, with {@code P} the root's potential.
     * Dijkstra with negative reduced costs clamped to 0 finds {@code D⁺(v)} with {@code D(v) ≤ D⁺(v) < D(v) + nodes},
     * as a shortest path has fewer edges than nodes and each clamp adds at most 1. Since {@code scale} exceeds the
     * number of nodes, {@code d(v) = floor((D⁺(v) - P + p(v)) / scale)} exactly.
     */
    private Solution exactSolution() {
        int[] assigned = new int[mentees];
        int[] load = new int[mentors];
        long[] p = potential.clone();
        for (int j = 0; j < mentees; j++) {
            int e = held[j];
            if (e >= 0) {
                assigned[j] = e;
                load[net.edgeMentor[e]]++;
                p[j] = p[mentees + net.edgeMentor[e]] + value[e] + 1;
            } else {
                assigned[j] = -1;
                p[j] = p[sink] + 1;
            }
        }
        int[] firstHeld = new int[mentors + 1];
        for (int i = 0; i < mentors; i++) {
            firstHeld[i + 1] = firstHeld[i] + load[i];
        }
        int[] heldBy = new int[firstHeld[mentors]];
        int[] fill = Arrays.copyOf(firstHeld, mentors);
        for (int j = 0; j < mentees; j++) {
            if (assigned[j] != -1) {
                heldBy[fill[net.edgeMentor[assigned[j]]]++] = j;
            }
        }

        long root = Long.MIN_VALUE;
        for (long q : p) {
            root = Math.max(root, q);
        }
        long[] distance = new long[nodes];
        boolean[] done = new boolean[nodes];
        NodeHeap heap = new NodeHeap(nodes);
        for (int v = 0; v < nodes; v++) {
            distance[v] = root - p[v];
            heap.push(distance[v], v);
        }
        while (!heap.isEmpty()) {
            if ((++work & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            long d = heap.topKey();
            int v = heap.pop();
            if (done[v] || d > distance[v]) {
                continue;
            }
            done[v] = true;
            if (v < mentees) {
                for (int e = net.firstEdge[v]; e < net.firstEdge[v + 1]; e++) {
                    relax(heap, distance, p, d, v, mentees + net.edgeMentor[e], -value[e]);
                }
                relax(heap, distance, p, d, v, sink, 0);
            } else if (v < sink) {
                int mentor = v - mentees;
                for (int k = firstHeld[mentor]; k < firstHeld[mentor + 1]; k++) {
                    relax(heap, distance, p, d, v, heldBy[k], value[assigned[heldBy[k]]]);
                }
                if (load[mentor] < net.capacity[mentor]) {
                    relax(heap, distance, p, d, v, sink, 0);
                }
            } else {
                for (int i = 0; i < mentors; i++) {
                    if (load[i] > 0) {
                        relax(heap, distance, p, d, v, mentees + i, 0);
                    }
                }
                for (int j = 0; j < mentees; j++) {
                    if (assigned[j] == -1) {
                        relax(heap, distance, p, d, v, j, 0);
                    }
                }
            }
        }
        long[] exact = new long[nodes];
        for (int v = 0; v < nodes; v++) {
            exact[v] = Math.floorDiv(distance[v] - root + p[v], scale);
        }
        return new Solution(assigned, exact);
    }

    private static void relax(NodeHeap heap, long[] distance, long[] p, long d, int from, int to, long edgeCost) {
        long next = d + Math.max(0, edgeCost + p[from] - p[to]);
        if (next < distance[to]) {
            distance[to] = next;
            heap.push(next, to);
        }
    }
}
