package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchControl;
import java.util.Arrays;

/**
 * The maximum-score assignment of a {@link Network} and the exact potentials that prove it. {@link CostScaling}
 * finds it; this class then sweeps for more mentees at equal score (flipping paths of zero reduced cost), and solves
 * by successive shortest paths alone where scores are too large to scale.
 *
 * <p>Successive shortest paths adds one mentee at a time (the sparse form of the Hungarian method). Each new mentee
 * runs Dijkstra on reduced costs to the cheapest way of placing its unit — a mentor's free place, or a matched mentee
 * (or itself) stepping out to stay unmatched — and that path is flipped. Potentials start at zero, which is valid
 * because costs only appear once a mentee is added, and a new mentee's potential is set so its own edges have
 * non-negative reduced cost. A search stops at the cheapest place and shifts only the potentials of the nodes it
 * settled. Only mentors pass through the heap: a matched mentee can be reached only from their mentor, so their
 * distance is final at once. Potentials stay within plus or minus the highest score, so {@code long} arithmetic
 * cannot overflow. It is exact and needs no scaling, but on tight capacities the last mentees' searches displace
 * long chains (10,000 searches settling 3.7 million nodes on the benchmark's instance b), which cost scaling avoids.
 */
final class AssignmentSolver {

    private final Network net;
    private final MatchControl control;
    private int work;
    private final int mentees;
    private final int sink;
    private final long[] potential;
    private final int[] assigned;

    // Mentor i holds its mentees in slotMentee[firstSlot[i] .. firstSlot[i] + load[i] - 1].
    private final int[] firstSlot;
    private final int[] load;
    private final int[] slotMentee;
    private final int[] slotOf;

    // Search state, valid for the nodes whose stamp is current: no clearing between searches.
    private final long[] dist;
    private final int[] pred;
    private final int[] reached;
    private final int[] settled;
    private final int[] settledNodes;
    private final int[] cursor;
    private final NodeHeap heap = new NodeHeap(64);
    private int stamp;
    private int settledCount;
    private long best;
    private int via;

    private AssignmentSolver(Network net, MatchControl control) {
        this.net = net;
        this.control = control;
        this.mentees = net.mentees();
        this.sink = net.sink();
        int nodes = net.nodes();
        potential = new long[nodes];
        assigned = new int[mentees];
        Arrays.fill(assigned, -1);
        firstSlot = new int[net.mentors() + 1];
        for (int i = 0; i < net.mentors(); i++) {
            firstSlot[i + 1] = firstSlot[i] + net.capacity[i];
        }
        load = new int[net.mentors()];
        slotMentee = new int[firstSlot[net.mentors()]];
        slotOf = new int[mentees];
        Arrays.fill(slotOf, -1);
        dist = new long[nodes];
        pred = new int[nodes];
        reached = new int[nodes];
        settled = new int[nodes];
        settledNodes = new int[nodes];
        cursor = new int[nodes];
    }

    /**
     * The maximum-score assignment that, among those, matches the most mentees; with its dual. Cost scaling finds
     * the optimum and exact potentials; the sweep for more mentees at equal score runs here, on those potentials.
     * Successive shortest paths alone, which needs no scaling, takes over where scaled scores could overflow.
     */
    static Solution solve(Network net, MatchControl control) {
        if (!CostScaling.fits(net)) {
            return bySuccessiveShortestPaths(net, control);
        }
        AssignmentSolver solver = new AssignmentSolver(net, control);
        solver.load(CostScaling.solve(net, control));
        solver.matchMoreAtEqualScore();
        return new Solution(solver.assigned, solver.potential);
    }

    /** Takes over an optimal assignment and its exact potentials. */
    private void load(Solution optimum) {
        System.arraycopy(optimum.assigned(), 0, assigned, 0, mentees);
        System.arraycopy(optimum.potential(), 0, potential, 0, potential.length);
        for (int j = 0; j < mentees; j++) {
            if (assigned[j] != -1) {
                int mentor = net.edgeMentor[assigned[j]];
                int slot = firstSlot[mentor] + load[mentor]++;
                slotMentee[slot] = j;
                slotOf[j] = slot;
            }
        }
    }

    /** The same by successive shortest paths alone: for scores so far apart that cost scaling could overflow. */
    static Solution bySuccessiveShortestPaths(Network net, MatchControl control) {
        AssignmentSolver solver = new AssignmentSolver(net, control);
        for (int mentee : strongestFirst(net)) {
            control.checkpoint();
            solver.add(mentee);
        }
        solver.matchMoreAtEqualScore();
        return new Solution(solver.assigned, solver.potential);
    }

    /**
     * Mentees with at least one pair, best available score first (ties by id). Any order reaches an optimum, but
     * strong mentees mostly keep their first choice, so later searches have fewer mentees to displace.
     */
    private static int[] strongestFirst(Network net) {
        long[] keys = new long[net.mentees()];
        int count = 0;
        for (int j = 0; j < net.mentees(); j++) {
            int bestScore = -1;
            for (int e = net.firstEdge[j]; e < net.firstEdge[j + 1]; e++) {
                bestScore = Math.max(bestScore, net.edgeScore[e]);
            }
            if (bestScore >= 0) {
                keys[count++] = (long) (Integer.MAX_VALUE - bestScore) << 32 | j;
            }
        }
        Arrays.sort(keys, 0, count);
        int[] order = new int[count];
        for (int k = 0; k < count; k++) {
            order[k] = (int) keys[k];
        }
        return order;
    }

    /** Routes a new mentee's unit along a shortest augmenting path; afterwards the flow is again min-cost. */
    private void add(int root) {
        long rootPotential = potential[sink];
        for (int e = net.firstEdge[root]; e < net.firstEdge[root + 1]; e++) {
            rootPotential = Math.max(rootPotential, potential[mentees + net.edgeMentor[e]] + net.edgeScore[e]);
        }
        potential[root] = rootPotential;

        stamp++;
        heap.clear();
        settledCount = 0;
        best = potential[root] - potential[sink]; // the root itself staying unmatched
        via = root;
        settle(root, 0);
        while (!heap.isEmpty()) {
            long d = heap.topKey();
            if (d >= best) {
                break; // nothing still queued can lead to a cheaper place
            }
            if ((++work & OptimalStrategy.POLL_MASK) == 0) {
                control.checkpoint();
            }
            int v = heap.pop();
            if (settled[v] == stamp || d > dist[v]) {
                continue;
            }
            settled[v] = stamp;
            settledNodes[settledCount++] = v;
            // A held mentee's only way in is from their mentor, so their distance is final at once.
            int mentor = v - mentees;
            for (int s = firstSlot[mentor]; s < firstSlot[mentor] + load[mentor]; s++) {
                int mentee = slotMentee[s];
                long next = d + net.edgeScore[assigned[mentee]] + potential[v] - potential[mentee];
                if (next < best) {
                    pred[mentee] = v;
                    settle(mentee, next);
                }
            }
        }
        // Settled nodes move by their distance, capped at the path's length; the rest would move by that length,
        // which is left implicit by shifting everything by -best (a uniform shift does not change reduced costs).
        for (int k = 0; k < settledCount; k++) {
            int v = settledNodes[k];
            potential[v] += Math.min(dist[v], best) - best;
        }
        if (via != root) {
            augment(root, via);
        }
    }

    /** Settles a mentee at its final distance: stepping out is one way to end the path; its pairs lead on. */
    private void settle(int mentee, long d) {
        settled[mentee] = stamp;
        dist[mentee] = d;
        settledNodes[settledCount++] = mentee;
        if (assigned[mentee] != -1 && d + potential[mentee] - potential[sink] < best) {
            best = d + potential[mentee] - potential[sink];
            via = mentee;
        }
        for (int e = net.firstEdge[mentee]; e < net.firstEdge[mentee + 1]; e++) {
            if (e == assigned[mentee]) {
                continue;
            }
            int node = mentees + net.edgeMentor[e];
            long next = d - net.edgeScore[e] + potential[mentee] - potential[node];
            if (next < best && (reached[node] != stamp || next < dist[node])) {
                reached[node] = stamp;
                dist[node] = next;
                pred[node] = e;
                heap.push(next, node);
                // A free place ends the path here; preferred over stepping out at equal cost (one more match).
                int mentor = net.edgeMentor[e];
                long viaPlace = next + potential[node] - potential[sink];
                if (load[mentor] < net.capacity[mentor] && (viaPlace < best || viaPlace == best && via < mentees)) {
                    best = viaPlace;
                    via = node;
                }
            }
        }
    }

    /**
     * Flips the path found for {@code root} that ends at {@code end}: a mentor node (take a free place) or a
     * matched mentee (who steps out to stay unmatched). Each mentor on the way swaps one mentee for the next.
     */
    private void augment(int root, int end) {
        int mentor;
        int slot;
        if (end < mentees) {
            mentor = pred[end] - mentees;
            slot = slotOf[end];
            assigned[end] = -1;
            slotOf[end] = -1;
        } else {
            mentor = end - mentees;
            slot = firstSlot[mentor] + load[mentor]++;
        }
        while (true) {
            int e = pred[mentees + mentor];
            int mentee = net.edgeMentee[e];
            int freedSlot = slotOf[mentee];
            int previousMentor = mentee == root ? -1 : pred[mentee] - mentees;
            slotMentee[slot] = mentee;
            slotOf[mentee] = slot;
            assigned[mentee] = e;
            if (mentee == root) {
                return;
            }
            mentor = previousMentor;
            slot = freedSlot;
        }
    }

    /**
     * Score ties can leave a mentee unmatched although a path of zero reduced cost leads from it to a free place;
     * flipping such a path keeps the score and the dual, and matches one more. Sweeps until none is left.
     */
    private void matchMoreAtEqualScore() {
        boolean flipped;
        do {
            flipped = false;
            stamp++;
            for (int mentee = 0; mentee < mentees; mentee++) {
                control.checkpoint();
                if (assigned[mentee] == -1 && potential[mentee] == potential[sink] && reached[mentee] != stamp) {
                    int place = tightPathToFreePlace(mentee);
                    if (place >= 0) {
                        augment(mentee, place);
                        flipped = true;
                    }
                }
            }
        } while (flipped);
    }

    /** Depth-first over zero-reduced-cost residual edges; returns the mentor node with a free place, or -1. */
    private int tightPathToFreePlace(int root) {
        int[] stack = settledNodes;
        int top = 0;
        stack[top++] = root;
        reached[root] = stamp;
        cursor[root] = net.firstEdge[root];
        while (top > 0) {
            int v = stack[top - 1];
            if (v < mentees) {
                int e = cursor[v];
                int end = net.firstEdge[v + 1];
                while (e < end && (e == assigned[v] || reached[mentees + net.edgeMentor[e]] == stamp
                        || -net.edgeScore[e] + potential[v] - potential[mentees + net.edgeMentor[e]] != 0)) {
                    e++;
                }
                if (e == end) {
                    top--;
                    continue;
                }
                cursor[v] = e + 1;
                int mentor = net.edgeMentor[e];
                int node = mentees + mentor;
                reached[node] = stamp;
                pred[node] = e;
                if (load[mentor] < net.capacity[mentor] && potential[node] == potential[sink]) {
                    return node;
                }
                cursor[node] = firstSlot[mentor];
                stack[top++] = node;
            } else {
                int mentor = v - mentees;
                int s = cursor[v];
                int end = firstSlot[mentor] + load[mentor];
                while (s < end && (reached[slotMentee[s]] == stamp
                        || net.edgeScore[assigned[slotMentee[s]]] + potential[v] - potential[slotMentee[s]] != 0)) {
                    s++;
                }
                if (s == end) {
                    top--;
                    continue;
                }
                cursor[v] = s + 1;
                int mentee = slotMentee[s];
                reached[mentee] = stamp;
                pred[mentee] = v;
                cursor[mentee] = net.firstEdge[mentee];
                stack[top++] = mentee;
            }
        }
        return -1;
    }
}
