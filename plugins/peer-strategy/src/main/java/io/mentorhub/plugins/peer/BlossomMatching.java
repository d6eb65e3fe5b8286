package io.mentorhub.plugins.peer;

import io.mentorhub.api.matching.MatchControl;
import java.util.Arrays;

/**
 * Maximum-weight matching on a general (non-bipartite) graph: Edmonds' blossom algorithm with dual variables, in
 * Galil's O(n³) form ("Efficient algorithms for finding maximum matching in graphs", ACM Computing Surveys, 1986).
 * This is a port of Joris van Rantwijk's reference implementation {@code mwmatching.py}; names and structure follow
 * it (and Galil's paper) so the two can be read side by side. Differences: integer weights only (longs), iterative
 * leaf walks, a stop control polled as it goes, and the optimality check always runs and throws instead of asserting.
 *
 * <p>Vertices are 0..n-1; non-trivial blossoms are numbered n..2n-1. Edge k has the two ends 2k (at {@code u[k]})
 * and 2k+1 (at {@code v[k]}), so {@code p ^ 1} is the other end of end p. Vertex duals are stored doubled so every
 * quantity stays an integer for integer weights.
 */
final class BlossomMatching {

    /** Poll the control after this many S-vertices scanned within one substage. */
    private static final int POLL_EVERY = 64;

    /** The largest edge weight the solver accepts. */
    static final long MAX_WEIGHT = Long.MAX_VALUE / 8;

    private final int n;
    private final int[] edgeU;
    private final int[] edgeV;
    private final long[] weight;
    private final MatchControl control;

    /** endpoint[p]: the vertex at edge end p. */
    private final int[] endpoint;
    /** The remote ends of the edges at vertex v: neighbourEnds[neighbourStart[v] .. neighbourStart[v + 1]). */
    private final int[] neighbourStart;
    private final int[] neighbourEnds;
    /** mate[v]: the remote end of v's matched edge, or -1 if v is single. */
    private final int[] mate;
    /** Of a top-level blossom: 0 free, 1 S, 2 T (5 marks a breadcrumb during scanBlossom); see Galil. */
    private final int[] label;
    /** The remote end of the edge through which a blossom (or a T-reachable vertex) got its label, or -1. */
    private final int[] labelEnd;
    /** The top-level blossom that contains vertex v. */
    private final int[] inBlossom;
    private final int[] blossomParent;
    /** The sub-blossoms of a blossom, starting at the base and going round. */
    private final int[][] blossomChildren;
    /** The base vertex of a (sub-)blossom. */
    private final int[] blossomBase;
    /** blossomEnds[b][i]: the end at blossomChildren[b][i] of the edge to blossomChildren[b][i + 1]. */
    private final int[][] blossomEnds;
    /** Least-slack edge from a free vertex to an S-vertex, or from an S-blossom to another S-blossom; -1 if none. */
    private final int[] bestEdge;
    /** Of a non-trivial top-level S-blossom: least-slack edges to neighbouring S-blossoms, or null. */
    private final int[][] blossomBestEdges;
    private final int[] unusedBlossoms;
    private int unusedCount;
    /** Vertices: twice the dual u(v). Blossoms: the dual z(b). */
    private final long[] dual;
    /** True when edge k is known to have zero slack. */
    private final boolean[] allowEdge;
    private final IntList queue = new IntList();
    private final IntList leaves = new IntList();
    private final IntList walk = new IntList();
    private final int[] bestEdgeTo;

    private BlossomMatching(int n, int[] u, int[] v, long[] weight, MatchControl control) {
        this.n = n;
        this.edgeU = u;
        this.edgeV = v;
        this.weight = weight;
        this.control = control;
        int edges = u.length;
        endpoint = new int[2 * edges];
        int[] degree = new int[n + 1];
        for (int k = 0; k < edges; k++) {
            if (u[k] == v[k] || u[k] < 0 || v[k] < 0 || u[k] >= n || v[k] >= n) {
                throw new IllegalArgumentException("bad edge " + u[k] + "-" + v[k] + " for " + n + " vertices");
            }
            endpoint[2 * k] = u[k];
            endpoint[2 * k + 1] = v[k];
            degree[u[k]]++;
            degree[v[k]]++;
        }
        neighbourStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            neighbourStart[i + 1] = neighbourStart[i] + degree[i];
        }
        neighbourEnds = new int[2 * edges];
        int[] fill = Arrays.copyOf(neighbourStart, n);
        for (int k = 0; k < edges; k++) {
            neighbourEnds[fill[u[k]]++] = 2 * k + 1;
            neighbourEnds[fill[v[k]]++] = 2 * k;
        }
        mate = new int[n];
        Arrays.fill(mate, -1);
        label = new int[2 * n];
        labelEnd = new int[2 * n];
        Arrays.fill(labelEnd, -1);
        inBlossom = new int[n];
        for (int i = 0; i < n; i++) {
            inBlossom[i] = i;
        }
        blossomParent = new int[2 * n];
        Arrays.fill(blossomParent, -1);
        blossomChildren = new int[2 * n][];
        blossomBase = new int[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            blossomBase[i] = i < n ? i : -1;
        }
        blossomEnds = new int[2 * n][];
        bestEdge = new int[2 * n];
        Arrays.fill(bestEdge, -1);
        blossomBestEdges = new int[2 * n][];
        unusedBlossoms = new int[n];
        for (int b = n; b < 2 * n; b++) {
            unusedBlossoms[unusedCount++] = b;
        }
        long maxWeight = 0;
        for (long w : weight) {
            maxWeight = Math.max(maxWeight, w);
        }
        if (maxWeight > MAX_WEIGHT) {
            // Slacks add two doubled duals, each up to the largest weight: keep them clear of overflow.
            throw new IllegalArgumentException("edge weight " + maxWeight + " exceeds " + MAX_WEIGHT);
        }
        dual = new long[2 * n];
        Arrays.fill(dual, 0, n, maxWeight);
        allowEdge = new boolean[edges];
        bestEdgeTo = new int[2 * n];
        Arrays.fill(bestEdgeTo, -1);
    }

    /**
     * A matching of maximum total weight (not necessarily of maximum cardinality): {@code result[v]} is v's partner,
     * or -1. Edges are {@code u[k]-v[k]} with weight {@code weight[k]}; at most one edge per pair, no loops. The result
     * is checked against its dual solution before it is returned.
     */
    static int[] solve(int n, int[] u, int[] v, long[] weight, MatchControl control) {
        if (u.length != v.length || u.length != weight.length) {
            throw new IllegalArgumentException("edge arrays differ in length");
        }
        BlossomMatching matching = new BlossomMatching(n, u, v, weight, control);
        if (u.length > 0) {
            matching.run();
            matching.verifyOptimum();
        }
        int[] partner = new int[n];
        for (int i = 0; i < n; i++) {
            partner[i] = matching.mate[i] >= 0 ? matching.endpoint[matching.mate[i]] : -1;
        }
        return partner;
    }

    /** Twice the slack of edge k (only meaningful between different top-level blossoms). */
    private long slack(int k) {
        return dual[edgeU[k]] + dual[edgeV[k]] - 2 * weight[k];
    }

    /** The leaf vertices of blossom b, into {@link #leaves} (cleared first), in depth-first order. */
    private IntList leavesOf(int b) {
        leaves.clear();
        if (b < n) {
            leaves.add(b);
            return leaves;
        }
        walk.clear();
        walk.add(b);
        while (walk.size() > 0) {
            int t = walk.pop();
            if (t < n) {
                leaves.add(t);
            } else {
                int[] children = blossomChildren[t];
                for (int i = children.length - 1; i >= 0; i--) {
                    walk.add(children[i]);
                }
            }
        }
        return leaves;
    }

    /** Python-style index into a cyclic list: i may be negative. */
    private static int at(int[] list, int i) {
        return list[Math.floorMod(i, list.length)];
    }

    private static int indexOf(int[] list, int value) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == value) {
                return i;
            }
        }
        throw new IllegalStateException("blossom bookkeeping lost sub-blossom " + value);
    }

    /** Gives label t to the top-level blossom containing w, reached through the edge with remote end p. */
    private void assignLabel(int w, int t, int p) {
        int b = inBlossom[w];
        label[w] = label[b] = t;
        labelEnd[w] = labelEnd[b] = p;
        bestEdge[w] = bestEdge[b] = -1;
        if (t == 1) {
            IntList l = leavesOf(b);
            for (int i = 0; i < l.size(); i++) {
                queue.add(l.get(i));
            }
        } else if (t == 2) {
            // A T-blossom's base is its only vertex matched outside it: its mate becomes S.
            int base = blossomBase[b];
            assignLabel(endpoint[mate[base]], 1, mate[base] ^ 1);
        }
    }

    /** Traces back from v and w; returns the base of a new blossom, or -1 for an augmenting path. */
    private int scanBlossom(int v, int w) {
        IntList path = new IntList();
        int base = -1;
        while (v != -1 || w != -1) {
            int b = inBlossom[v];
            if ((label[b] & 4) != 0) {
                base = blossomBase[b];
                break;
            }
            path.add(b);
            label[b] = 5;
            if (labelEnd[b] == -1) {
                v = -1; // the base of b is single: this path ends here
            } else {
                v = endpoint[labelEnd[b]];
                b = inBlossom[v];
                v = endpoint[labelEnd[b]]; // b is a T-blossom: one more step back
            }
            if (w != -1) {
                int swap = v;
                v = w;
                w = swap;
            }
        }
        for (int i = 0; i < path.size(); i++) {
            label[path.get(i)] = 1;
        }
        return base;
    }

    /** Makes a new S-blossom with the given base, closed by edge k between two S-vertices. */
    private void addBlossom(int base, int k) {
        int v = edgeU[k];
        int w = edgeV[k];
        int bb = inBlossom[base];
        int bv = inBlossom[v];
        int bw = inBlossom[w];
        int b = unusedBlossoms[--unusedCount];
        blossomBase[b] = base;
        blossomParent[b] = -1;
        blossomParent[bb] = b;
        IntList path = new IntList();
        IntList ends = new IntList();
        while (bv != bb) {
            blossomParent[bv] = b;
            path.add(bv);
            ends.add(labelEnd[bv]);
            v = endpoint[labelEnd[bv]];
            bv = inBlossom[v];
        }
        path.add(bb);
        path.reverse();
        ends.reverse();
        ends.add(2 * k);
        while (bw != bb) {
            blossomParent[bw] = b;
            path.add(bw);
            ends.add(labelEnd[bw] ^ 1);
            w = endpoint[labelEnd[bw]];
            bw = inBlossom[w];
        }
        blossomChildren[b] = path.toArray();
        blossomEnds[b] = ends.toArray();
        label[b] = 1;
        labelEnd[b] = labelEnd[bb];
        dual[b] = 0;
        IntList l = leavesOf(b);
        for (int i = 0; i < l.size(); i++) {
            int leaf = l.get(i);
            if (label[inBlossom[leaf]] == 2) {
                queue.add(leaf); // a T-vertex turns S inside the new S-blossom
            }
            inBlossom[leaf] = b;
        }
        // Least-slack edges from the new blossom to each neighbouring S-blossom.
        IntList touched = new IntList();
        for (int child : blossomChildren[b]) {
            if (blossomBestEdges[child] == null) {
                IntList childLeaves = leavesOf(child);
                for (int i = 0; i < childLeaves.size(); i++) {
                    int leaf = childLeaves.get(i);
                    for (int q = neighbourStart[leaf]; q < neighbourStart[leaf + 1]; q++) {
                        considerBestEdgeTo(b, neighbourEnds[q] / 2, touched);
                    }
                }
            } else {
                for (int edge : blossomBestEdges[child]) {
                    considerBestEdgeTo(b, edge, touched);
                }
            }
            blossomBestEdges[child] = null;
            bestEdge[child] = -1;
        }
        int[] best = new int[touched.size()];
        int count = 0;
        for (int i = 0; i < touched.size(); i++) {
            int bj = touched.get(i);
            if (bestEdgeTo[bj] != -1) {
                best[count++] = bestEdgeTo[bj];
                bestEdgeTo[bj] = -1;
            }
        }
        blossomBestEdges[b] = Arrays.copyOf(best, count);
        bestEdge[b] = -1;
        for (int edge : blossomBestEdges[b]) {
            if (bestEdge[b] == -1 || slack(edge) < slack(bestEdge[b])) {
                bestEdge[b] = edge;
            }
        }
    }

    private void considerBestEdgeTo(int b, int k, IntList touched) {
        int j = inBlossom[edgeV[k]] == b ? edgeU[k] : edgeV[k];
        int bj = inBlossom[j];
        if (bj != b && label[bj] == 1 && (bestEdgeTo[bj] == -1 || slack(k) < slack(bestEdgeTo[bj]))) {
            if (bestEdgeTo[bj] == -1) {
                touched.add(bj);
            }
            bestEdgeTo[bj] = k;
        }
    }

    /** Turns the sub-blossoms of top-level blossom b into top-level blossoms. */
    private void expandBlossom(int b, boolean endStage) {
        for (int s : blossomChildren[b]) {
            blossomParent[s] = -1;
            if (s < n) {
                inBlossom[s] = s;
            } else if (endStage && dual[s] == 0) {
                expandBlossom(s, endStage);
            } else {
                IntList l = leavesOf(s);
                for (int i = 0; i < l.size(); i++) {
                    inBlossom[l.get(i)] = s;
                }
            }
        }
        if (!endStage && label[b] == 2) {
            relabelExpandedTBlossom(b);
        }
        label[b] = labelEnd[b] = -1;
        blossomChildren[b] = blossomEnds[b] = null;
        blossomBase[b] = -1;
        blossomBestEdges[b] = null;
        bestEdge[b] = -1;
        unusedBlossoms[unusedCount++] = b;
    }

    /** Within a stage, the sub-blossoms of an expanded T-blossom get labels along the path through it. */
    private void relabelExpandedTBlossom(int b) {
        int[] children = blossomChildren[b];
        int[] ends = blossomEnds[b];
        int entryChild = inBlossom[endpoint[labelEnd[b] ^ 1]];
        int j = indexOf(children, entryChild);
        int step;
        int endTrick;
        if ((j & 1) != 0) {
            j -= children.length; // odd: go forward and wrap
            step = 1;
            endTrick = 0;
        } else {
            step = -1; // even: go backward
            endTrick = 1;
        }
        int p = labelEnd[b];
        while (j != 0) {
            label[endpoint[p ^ 1]] = 0;
            label[endpoint[at(ends, j - endTrick) ^ endTrick ^ 1]] = 0;
            assignLabel(endpoint[p ^ 1], 2, p);
            allowEdge[at(ends, j - endTrick) / 2] = true;
            j += step;
            p = at(ends, j - endTrick) ^ endTrick;
            allowEdge[p / 2] = true;
            j += step;
        }
        // The base T-sub-blossom is relabelled without stepping through to its mate.
        int bv = at(children, j);
        label[endpoint[p ^ 1]] = label[bv] = 2;
        labelEnd[endpoint[p ^ 1]] = labelEnd[bv] = p;
        bestEdge[bv] = -1;
        j += step;
        while (at(children, j) != entryChild) {
            bv = at(children, j);
            if (label[bv] == 1) {
                j += step; // got label S through one of its neighbours already
                continue;
            }
            int reached = -1;
            IntList l = leavesOf(bv);
            for (int i = 0; i < l.size(); i++) {
                if (label[l.get(i)] != 0) {
                    reached = l.get(i);
                    break;
                }
            }
            if (reached != -1) {
                // Reachable from an S-vertex outside the expanding blossom: label the sub-blossom T.
                label[reached] = 0;
                label[endpoint[mate[blossomBase[bv]]]] = 0;
                assignLabel(reached, 2, labelEnd[reached]);
            }
            j += step;
        }
    }

    /** Swaps matched and unmatched edges on the alternating path through blossom b from vertex v to its base. */
    private void augmentBlossom(int b, int v) {
        int t = v;
        while (blossomParent[t] != b) {
            t = blossomParent[t];
        }
        if (t >= n) {
            augmentBlossom(t, v);
        }
        int[] children = blossomChildren[b];
        int[] ends = blossomEnds[b];
        int i = indexOf(children, t);
        int j = i;
        int step;
        int endTrick;
        if ((i & 1) != 0) {
            j -= children.length;
            step = 1;
            endTrick = 0;
        } else {
            step = -1;
            endTrick = 1;
        }
        while (j != 0) {
            j += step;
            t = at(children, j);
            int p = at(ends, j - endTrick) ^ endTrick;
            if (t >= n) {
                augmentBlossom(t, endpoint[p]);
            }
            j += step;
            t = at(children, j);
            if (t >= n) {
                augmentBlossom(t, endpoint[p ^ 1]);
            }
            mate[endpoint[p]] = p ^ 1;
            mate[endpoint[p ^ 1]] = p;
        }
        // Rotate so the new base comes first.
        blossomChildren[b] = rotate(children, i);
        blossomEnds[b] = rotate(ends, i);
        blossomBase[b] = blossomBase[blossomChildren[b][0]];
        if (blossomBase[b] != v) {
            throw new IllegalStateException("blossom " + b + " has base " + blossomBase[b] + " after augmenting to " + v);
        }
    }

    private static int[] rotate(int[] list, int start) {
        int[] rotated = new int[list.length];
        for (int i = 0; i < list.length; i++) {
            rotated[i] = list[(start + i) % list.length];
        }
        return rotated;
    }

    /** Augments along the path through edge k, which joins two S-vertices whose trees end at single vertices. */
    private void augmentMatching(int k) {
        int[][] starts = {{edgeU[k], 2 * k + 1}, {edgeV[k], 2 * k}};
        for (int[] start : starts) {
            int s = start[0];
            int p = start[1];
            while (true) {
                int bs = inBlossom[s];
                if (bs >= n) {
                    augmentBlossom(bs, s);
                }
                mate[s] = p;
                if (labelEnd[bs] == -1) {
                    break; // reached a single vertex
                }
                int t = endpoint[labelEnd[bs]];
                int bt = inBlossom[t];
                s = endpoint[labelEnd[bt]];
                int j = endpoint[labelEnd[bt] ^ 1];
                if (bt >= n) {
                    augmentBlossom(bt, j);
                }
                mate[j] = labelEnd[bt];
                p = labelEnd[bt] ^ 1;
            }
        }
    }

    private void run() {
        for (int stage = 0; stage < n; stage++) {
            control.checkpoint();
            Arrays.fill(label, 0);
            Arrays.fill(bestEdge, -1);
            Arrays.fill(blossomBestEdges, n, 2 * n, null);
            Arrays.fill(allowEdge, false);
            queue.clear();
            for (int v = 0; v < n; v++) {
                if (mate[v] == -1 && label[inBlossom[v]] == 0) {
                    assignLabel(v, 1, -1);
                }
            }
            boolean augmented = false;
            while (true) {
                control.checkpoint();
                int scanned = 0;
                while (queue.size() > 0 && !augmented) {
                    if (++scanned % POLL_EVERY == 0) {
                        control.checkpoint();
                    }
                    int v = queue.pop();
                    for (int q = neighbourStart[v]; q < neighbourStart[v + 1]; q++) {
                        int p = neighbourEnds[q];
                        int k = p / 2;
                        int w = endpoint[p];
                        if (inBlossom[v] == inBlossom[w]) {
                            continue; // inside one blossom
                        }
                        long kSlack = 0;
                        if (!allowEdge[k]) {
                            kSlack = slack(k);
                            if (kSlack <= 0) {
                                allowEdge[k] = true;
                            }
                        }
                        if (allowEdge[k]) {
                            if (label[inBlossom[w]] == 0) {
                                assignLabel(w, 2, p ^ 1); // w free: T, its mate S
                            } else if (label[inBlossom[w]] == 1) {
                                int base = scanBlossom(v, w);
                                if (base >= 0) {
                                    addBlossom(base, k);
                                } else {
                                    augmentMatching(k);
                                    augmented = true;
                                    break;
                                }
                            } else if (label[w] == 0) {
                                // w sits unreached inside a T-blossom: remember how it is reached, for expansion.
                                label[w] = 2;
                                labelEnd[w] = p ^ 1;
                            }
                        } else if (label[inBlossom[w]] == 1) {
                            int b = inBlossom[v];
                            if (bestEdge[b] == -1 || kSlack < slack(bestEdge[b])) {
                                bestEdge[b] = k;
                            }
                        } else if (label[w] == 0) {
                            if (bestEdge[w] == -1 || kSlack < slack(bestEdge[w])) {
                                bestEdge[w] = k;
                            }
                        }
                    }
                }
                if (augmented) {
                    break;
                }
                if (!adjustDuals()) {
                    break; // delta1: no further improvement possible
                }
            }
            if (!augmented) {
                break;
            }
            // End of a stage: expand S-blossoms whose dual reached zero.
            for (int b = n; b < 2 * n; b++) {
                if (blossomParent[b] == -1 && blossomBase[b] >= 0 && label[b] == 1 && dual[b] == 0) {
                    expandBlossom(b, true);
                }
            }
        }
    }

    /**
     * No augmenting path under the current duals: moves them by the largest safe delta (all pre-multiplied by two).
     * Returns false when the optimum is reached (delta1, a vertex dual reached zero).
     */
    private boolean adjustDuals() {
        int deltaType = 1;
        long delta = Long.MAX_VALUE;
        for (int v = 0; v < n; v++) {
            delta = Math.min(delta, dual[v]);
        }
        int deltaEdge = -1;
        int deltaBlossom = -1;
        for (int v = 0; v < n; v++) {
            if (label[inBlossom[v]] == 0 && bestEdge[v] != -1) {
                long d = slack(bestEdge[v]);
                if (d < delta) {
                    delta = d;
                    deltaType = 2;
                    deltaEdge = bestEdge[v];
                }
            }
        }
        for (int b = 0; b < 2 * n; b++) {
            if (blossomParent[b] == -1 && label[b] == 1 && bestEdge[b] != -1) {
                long kSlack = slack(bestEdge[b]);
                if ((kSlack & 1) != 0) {
                    throw new IllegalStateException("odd slack between S-blossoms: " + kSlack);
                }
                long d = kSlack / 2;
                if (d < delta) {
                    delta = d;
                    deltaType = 3;
                    deltaEdge = bestEdge[b];
                }
            }
        }
        for (int b = n; b < 2 * n; b++) {
            if (blossomBase[b] >= 0 && blossomParent[b] == -1 && label[b] == 2 && dual[b] < delta) {
                delta = dual[b];
                deltaType = 4;
                deltaBlossom = b;
            }
        }
        for (int v = 0; v < n; v++) {
            int l = label[inBlossom[v]];
            if (l == 1) {
                dual[v] -= delta;
            } else if (l == 2) {
                dual[v] += delta;
            }
        }
        for (int b = n; b < 2 * n; b++) {
            if (blossomBase[b] >= 0 && blossomParent[b] == -1) {
                if (label[b] == 1) {
                    dual[b] += delta;
                } else if (label[b] == 2) {
                    dual[b] -= delta;
                }
            }
        }
        switch (deltaType) {
            case 1:
                return false;
            case 2: {
                allowEdge[deltaEdge] = true;
                int i = edgeU[deltaEdge];
                if (label[inBlossom[i]] == 0) {
                    i = edgeV[deltaEdge];
                }
                queue.add(i);
                return true;
            }
            case 3:
                allowEdge[deltaEdge] = true;
                queue.add(edgeU[deltaEdge]);
                return true;
            default:
                expandBlossom(deltaBlossom, false);
                return true;
        }
    }

    /**
     * Checks the matching against the dual solution, independently of how it was found: every dual is non-negative;
     * every edge has non-negative slack (counting the blossoms holding both its ends) and every matched edge zero
     * slack; single vertices have dual zero; every blossom with a positive dual is full. By LP duality no matching
     * weighs more.
     */
    private void verifyOptimum() {
        for (int v = 0; v < n; v++) {
            if (dual[v] < 0) {
                throw new IllegalStateException("negative vertex dual at " + v);
            }
            if (mate[v] < 0 && dual[v] != 0) {
                throw new IllegalStateException("single vertex " + v + " has a non-zero dual");
            }
        }
        for (int b = n; b < 2 * n; b++) {
            if (dual[b] < 0) {
                throw new IllegalStateException("negative blossom dual at " + b);
            }
        }
        int[] chainU = new int[n + 1];
        int[] chainV = new int[n + 1];
        for (int k = 0; k < edgeU.length; k++) {
            int i = edgeU[k];
            int j = edgeV[k];
            long s = dual[i] + dual[j] - 2 * weight[k];
            int lengthU = chain(i, chainU);
            int lengthV = chain(j, chainV);
            // Walk both chains from the top: blossoms holding both ends add their dual.
            for (int a = lengthU - 1, c = lengthV - 1; a >= 0 && c >= 0 && chainU[a] == chainV[c]; a--, c--) {
                s += 2 * dual[chainU[a]];
            }
            if (s < 0) {
                throw new IllegalStateException("edge " + k + " has negative slack " + s);
            }
            boolean matchedU = mate[i] >= 0 && mate[i] / 2 == k;
            boolean matchedV = mate[j] >= 0 && mate[j] / 2 == k;
            if (matchedU != matchedV) {
                throw new IllegalStateException("edge " + k + " matched at one end only");
            }
            if (matchedU && s != 0) {
                throw new IllegalStateException("matched edge " + k + " has slack " + s);
            }
        }
        for (int b = n; b < 2 * n; b++) {
            if (blossomBase[b] >= 0 && dual[b] > 0) {
                int[] ends = blossomEnds[b];
                if (ends.length % 2 != 1) {
                    throw new IllegalStateException("blossom " + b + " has an even number of edges");
                }
                for (int q = 1; q < ends.length; q += 2) {
                    int p = ends[q];
                    if (mate[endpoint[p]] != (p ^ 1) || mate[endpoint[p ^ 1]] != p) {
                        throw new IllegalStateException("blossom " + b + " with positive dual is not full");
                    }
                }
            }
        }
    }

    /** Vertex v and its enclosing blossoms, innermost first, into chain; returns the length. */
    private int chain(int v, int[] chain) {
        int length = 0;
        for (int b = v; b != -1; b = blossomParent[b]) {
            chain[length++] = b;
        }
        return length;
    }

    /** A growable int list, used as stack and buffer. */
    static final class IntList {
        private int[] items = new int[16];
        private int size;

        void add(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = value;
        }

        int pop() {
            return items[--size];
        }

        int get(int i) {
            return items[i];
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        void reverse() {
            for (int i = 0, j = size - 1; i < j; i++, j--) {
                int swap = items[i];
                items[i] = items[j];
                items[j] = swap;
            }
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
