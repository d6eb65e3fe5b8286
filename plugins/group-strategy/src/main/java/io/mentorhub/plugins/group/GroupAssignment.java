package io.mentorhub.plugins.group;

import io.mentorhub.api.matching.MatchControl;
import java.util.Arrays;

/**
 * Assigns mentees to a fixed set of group leaders, exactly: a min-cost flow solved by successive shortest paths.
 * Every mentee sends one unit, to a leader it is a candidate of or to the sink (staying without a group). A leader m
 * passes units on to the sink through {@code quota} required places and {@code extra[m]} optional ones.
 *
 * <p>The cost is lexicographic, kept as two longs (tier, score) so no scaling can overflow: filling a required place
 * is worth more than placing a mentee, which is worth more than any score. The answer therefore fills as many
 * required places as possible, then places as many mentees as possible, then has the highest total score — the
 * exact optimum for these leaders and quotas.
 *
 * <p>Mentees are added one at a time in id order; each runs Dijkstra on reduced costs (node potentials, so the
 * negative costs are harmless) and stops at the sink, like the sparse Hungarian method. Ties are settled by node
 * number (the sink first), so the result depends only on the ids. {@link #reassign} re-solves a few mentees with the
 * others held in place: the local search's cheap check of a move.
 */
final class GroupAssignment {

    /** Poll the control after this many nodes settled within one search. */
    private static final int POLL_EVERY = 1024;

    private final GroupProgram program;
    private final MatchControl control;
    private final int mentees;
    private final int mentors;
    private final int sink;
    /** Tier cost of filling a required place: above the most mentees that can be placed. */
    private final long requiredTier;

    // Per-solve state, reused between solves.
    private final int[] assigned;
    private final int[] assignedEdge;
    /** Group sizes, counting mentees kept in place by {@link #reassign}. */
    private final int[] load;
    /** The routed members of each group: the only ones a search may move. */
    private final int[][] members;
    private final int[] memberCount;
    private final long[] potentialTier;
    private final long[] potentialScore;
    private final long[] distTier;
    private final long[] distScore;
    private final int[] previous;
    /** The edge a mentee used to reach a mentor on the current search path. */
    private final int[] previousEdge;
    private final int[] reachedStamp;
    private final int[] settledStamp;
    private final int[] settled;
    private int stamp;
    private final Heap heap;

    GroupAssignment(GroupProgram program, MatchControl control) {
        this.program = program;
        this.control = control;
        mentees = program.mentees();
        mentors = program.mentors();
        sink = mentees + mentors;
        requiredTier = mentees + 1L;
        int nodes = sink + 1;
        assigned = new int[mentees];
        assignedEdge = new int[mentees];
        load = new int[mentors];
        memberCount = new int[mentors];
        members = new int[mentors][];
        for (int m = 0; m < mentors; m++) {
            members[m] = new int[Math.max(0, program.groupCapacity[m])];
        }
        potentialTier = new long[nodes];
        potentialScore = new long[nodes];
        distTier = new long[nodes];
        distScore = new long[nodes];
        previous = new int[nodes];
        previousEdge = new int[nodes];
        reachedStamp = new int[nodes];
        settledStamp = new int[nodes];
        settled = new int[nodes];
        heap = new Heap(nodes, sink);
    }

    /** One solution: each mentee's leader (or -1) and edge, each leader's group size and the total score. */
    record Solution(int[] leader, int[] edge, int[] groupSize, long score, int placed) {
    }

    /**
     * Solves for the given leaders. {@code leads[m]} opens m's group with {@code quota} required places and
     * {@code extra[m]} optional ones (quota + extra[m] must fit m's group capacity).
     */
    Solution solve(boolean[] leads, int quota, int[] extra) {
        return route(leads, quota, extra, null, null);
    }

    /**
     * Re-solves only the {@code free} mentees for new leaders; everyone else keeps their place in {@code base} (or
     * stays without a group) and takes up room in it. Exact for the free mentees given the others, so it is a quick
     * check of a change of leaders that touches few mentees. Mentees whose leader no longer leads are freed too.
     */
    Solution reassign(Solution base, boolean[] leads, int quota, int[] extra, boolean[] free) {
        return route(leads, quota, extra, base, free);
    }

    private Solution route(boolean[] leads, int quota, int[] extra, Solution base, boolean[] free) {
        Arrays.fill(assigned, -1);
        Arrays.fill(assignedEdge, -1);
        Arrays.fill(load, 0);
        Arrays.fill(memberCount, 0);
        boolean[] routed = new boolean[mentees];
        for (int e = 0; e < mentees; e++) {
            int leader = base == null ? -1 : base.leader()[e];
            if (base == null || free[e] || leader >= 0 && !leads[leader]) {
                routed[e] = true;
            } else if (leader >= 0) {
                // Kept in place: fills room but is out of the network, so nothing can move it.
                assigned[e] = leader;
                assignedEdge[e] = base.edge()[e];
                load[leader]++;
            }
        }
        // Potentials that make every initial arc's reduced cost non-negative (see arcs in search()).
        potentialTier[sink] = 0;
        potentialScore[sink] = 0;
        for (int m = 0; m < mentors; m++) {
            potentialTier[mentees + m] = requiredTier;
            potentialScore[mentees + m] = 0;
        }
        for (int e = 0; e < mentees; e++) {
            long best = 0;
            for (int k = program.edgeStart[e]; k < program.edgeStart[e + 1]; k++) {
                if (leads[program.edgeMentor[k]]) {
                    best = Math.max(best, program.edgeScore[k]);
                }
            }
            potentialTier[e] = requiredTier + 1;
            potentialScore[e] = best;
        }
        for (int e = 0; e < mentees; e++) {
            if (routed[e]) {
                control.checkpoint();
                search(e, leads, quota, extra);
            }
        }
        long score = 0;
        int placed = 0;
        for (int e = 0; e < mentees; e++) {
            if (assigned[e] >= 0) {
                score += program.edgeScore[assignedEdge[e]];
                placed++;
            }
        }
        return new Solution(assigned.clone(), assignedEdge.clone(), load.clone(), score, placed);
    }

    /**
     * Routes mentee {@code start}'s unit along a shortest path to the sink. Arcs and their (tier, score) costs:
     * mentee to candidate leader (-1, -score); leader back to a member (+1, +score), the member leaving; mentee to sink
     * (0, 0), the mentee staying (or becoming) without a group; leader to sink through a required place
     * (-requiredTier, 0) or an optional one (0, 0).
     */
    private void search(int start, boolean[] leads, int quota, int[] extra) {
        stamp++;
        int settledCount = 0;
        reach(start, -1, -1, 0, 0);
        while (!heap.isEmpty()) {
            int u = heap.pop();
            if (settledStamp[u] == stamp) {
                continue;
            }
            settledStamp[u] = stamp;
            settled[settledCount++] = u;
            if (u == sink) {
                break;
            }
            if (settledCount % POLL_EVERY == 0) {
                control.checkpoint();
            }
            long dT = distTier[u];
            long dS = distScore[u];
            if (u < mentees) {
                for (int k = program.edgeStart[u]; k < program.edgeStart[u + 1]; k++) {
                    int m = program.edgeMentor[k];
                    if (leads[m] && assigned[u] != m) {
                        relax(u, mentees + m, k, dT, dS, -1, -program.edgeScore[k]);
                    }
                }
                if (u == start || assigned[u] >= 0) {
                    relax(u, sink, -1, dT, dS, 0, 0);
                }
            } else {
                int m = u - mentees;
                for (int i = 0; i < memberCount[m]; i++) {
                    int member = members[m][i];
                    relax(u, member, -1, dT, dS, 1, program.edgeScore[assignedEdge[member]]);
                }
                if (load[m] < quota) {
                    relax(u, sink, -1, dT, dS, -requiredTier, 0);
                } else if (load[m] < quota + extra[m]) {
                    relax(u, sink, -1, dT, dS, 0, 0);
                }
            }
        }
        heap.clear();
        if (settledStamp[sink] != stamp) {
            throw new IllegalStateException("mentee " + start + " found no way to the sink");
        }
        // Potentials: settled nodes move by (distance - distance to sink), the rest stay; reduced costs stay >= 0.
        long sinkTier = distTier[sink];
        long sinkScore = distScore[sink];
        for (int i = 0; i < settledCount; i++) {
            int v = settled[i];
            potentialTier[v] += distTier[v] - sinkTier;
            potentialScore[v] += distScore[v] - sinkScore;
        }
        augment(start);
    }

    private void reach(int node, int from, int edge, long tier, long score) {
        reachedStamp[node] = stamp;
        distTier[node] = tier;
        distScore[node] = score;
        previous[node] = from;
        previousEdge[node] = edge;
        heap.push(node, tier, score);
    }

    private void relax(int u, int v, int edge, long dT, long dS, long costTier, long costScore) {
        long reducedTier = costTier + potentialTier[u] - potentialTier[v];
        long reducedScore = costScore + potentialScore[u] - potentialScore[v];
        if (reducedTier < 0 || reducedTier == 0 && reducedScore < 0) {
            throw new IllegalStateException("negative reduced cost on arc " + u + "->" + v);
        }
        long tier = dT + reducedTier;
        long score = dS + reducedScore;
        if (reachedStamp[v] != stamp || tier < distTier[v] || tier == distTier[v] && score < distScore[v]) {
            reach(v, u, edge, tier, score);
        }
    }

    /**
     * Applies the path found to the sink, walking back from its end: each mentee on it joins the next leader on it
     * and leaves the one before. Leaving first keeps every group within its places.
     */
    private void augment(int start) {
        int v = previous[sink];
        if (v == start) {
            return; // the start mentee stays without a group
        }
        if (v < mentees) {
            // The path ends with this mentee giving up its place to stay without a group.
            removeMember(assigned[v], v);
            assigned[v] = -1;
            assignedEdge[v] = -1;
            v = previous[v];
        }
        while (v != -1) {
            int m = v - mentees;
            int e = previous[v];
            if (assigned[e] >= 0) {
                removeMember(assigned[e], e);
            }
            assigned[e] = m;
            assignedEdge[e] = previousEdge[v];
            members[m][memberCount[m]++] = e;
            load[m]++;
            v = previous[e];
        }
    }

    private void removeMember(int m, int e) {
        int[] list = members[m];
        for (int i = 0; i < memberCount[m]; i++) {
            if (list[i] == e) {
                list[i] = list[--memberCount[m]];
                load[m]--;
                return;
            }
        }
        throw new IllegalStateException("mentee " + e + " is not in group " + m);
    }

    /**
     * A binary heap of nodes keyed by (tier, score, node), with stale entries skipped by the caller. The sink comes
     * first among equal distances, so a search stops as soon as it has a shortest path instead of first settling
     * every node at that distance.
     */
    private static final class Heap {
        private final int sink;
        private int[] node;
        private long[] tier;
        private long[] score;
        private int size;

        Heap(int capacity, int sink) {
            this.sink = sink;
            node = new int[Math.max(16, capacity)];
            tier = new long[node.length];
            score = new long[node.length];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
        }

        void push(int n, long t, long s) {
            if (size == node.length) {
                node = Arrays.copyOf(node, size * 2);
                tier = Arrays.copyOf(tier, size * 2);
                score = Arrays.copyOf(score, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!less(t, s, n, parent)) {
                    break;
                }
                set(i, node[parent], tier[parent], score[parent]);
                i = parent;
            }
            set(i, n, t, s);
        }

        int pop() {
            int top = node[0];
            size--;
            if (size > 0) {
                int n = node[size];
                long t = tier[size];
                long s = score[size];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && less(tier[child + 1], score[child + 1], node[child + 1], child)) {
                        child++;
                    }
                    if (!less(tier[child], score[child], node[child], t, s, n)) {
                        break;
                    }
                    set(i, node[child], tier[child], score[child]);
                    i = child;
                }
                set(i, n, t, s);
            }
            return top;
        }

        private boolean less(long t, long s, int n, int at) {
            return less(t, s, n, tier[at], score[at], node[at]);
        }

        private boolean less(long t1, long s1, int n1, long t2, long s2, int n2) {
            return t1 < t2 || t1 == t2 && (s1 < s2 || s1 == s2 && rank(n1) < rank(n2));
        }

        private int rank(int n) {
            return n == sink ? -1 : n;
        }

        private void set(int i, int n, long t, long s) {
            node[i] = n;
            tier[i] = t;
            score[i] = s;
        }
    }
}
