package io.mentorhub.plugins.optimal;

import java.util.Arrays;

/**
 * Proves a {@link Solution} optimal without trusting the solver that produced it, in time linear in the network.
 *
 * <ol>
 *   <li>Feasible: each mentee uses one of its own pairs or none, and no mentor is over capacity.</li>
 *   <li>Maximum score: no residual edge has a negative reduced cost under the given potentials. Then every cycle in
 *       the residual graph costs at least zero, and any other assignment differs from this one by such cycles, so
 *       none scores more (complementary slackness).</li>
 *   <li>Most mentees among those: no path of zero reduced cost leads from an unmatched mentee to a mentor with a
 *       free place — the only kind of zero-cost cycle that would match one more.</li>
 * </ol>
 */
final class Certificate {

    private Certificate() {
    }

    /** Returns quietly if the solution is proven optimal; otherwise throws {@link IllegalStateException} saying why. */
    static void check(Network net, Solution solution) {
        int mentees = net.mentees();
        int sink = net.sink();
        int[] assigned = solution.assigned();
        long[] potential = solution.potential();
        if (assigned.length != mentees || potential.length != net.nodes()) {
            throw refuted("solution does not fit the network");
        }

        int[] load = new int[net.mentors()];
        for (int j = 0; j < mentees; j++) {
            int e = assigned[j];
            if (e != -1 && (e < net.firstEdge[j] || e >= net.firstEdge[j + 1])) {
                throw refuted(net.menteeIds[j] + " is matched along a pair that is not theirs");
            }
            if (e != -1) {
                load[net.edgeMentor[e]]++;
            }
        }
        for (int i = 0; i < net.mentors(); i++) {
            if (load[i] > net.capacity[i]) {
                throw refuted(net.mentorIds[i] + " is over capacity");
            }
        }

        try {
            for (int j = 0; j < mentees; j++) {
                for (int e = net.firstEdge[j]; e < net.firstEdge[j + 1]; e++) {
                    int mentor = net.mentorNode(net.edgeMentor[e]);
                    long reduced = e == assigned[j]
                            ? Math.addExact(net.edgeScore[e], Math.subtractExact(potential[mentor], potential[j]))
                            : Math.addExact(-net.edgeScore[e], Math.subtractExact(potential[j], potential[mentor]));
                    if (reduced < 0) {
                        throw refuted("pair " + net.mentorIds[net.edgeMentor[e]] + "/" + net.menteeIds[j]
                                + " has reduced cost " + reduced);
                    }
                }
                long stayReduced = assigned[j] == -1
                        ? Math.subtractExact(potential[sink], potential[j])
                        : Math.subtractExact(potential[j], potential[sink]);
                if (stayReduced < 0) {
                    throw refuted("leaving " + net.menteeIds[j] + " as is has reduced cost " + stayReduced);
                }
            }
            for (int i = 0; i < net.mentors(); i++) {
                long placeReduced = Math.subtractExact(potential[net.mentorNode(i)], potential[sink]);
                if (load[i] < net.capacity[i] && placeReduced < 0 || load[i] > 0 && placeReduced > 0) {
                    throw refuted("the places of " + net.mentorIds[i] + " have a negative reduced cost");
                }
            }
        } catch (ArithmeticException overflow) {
            throw refuted("potentials overflow");
        }

        int unmatched = tightPathToFreePlace(net, assigned, potential, load);
        if (unmatched >= 0) {
            throw refuted(net.menteeIds[unmatched] + " could be matched as well without losing score");
        }
    }

    /** Breadth-first over zero-reduced-cost residual edges from all unmatched mentees at once. */
    private static int tightPathToFreePlace(Network net, int[] assigned, long[] potential, int[] load) {
        int mentees = net.mentees();
        int sink = net.sink();
        // Mentees of each mentor, to walk used pairs backwards.
        int[] firstHeld = new int[net.mentors() + 1];
        for (int i = 0; i < net.mentors(); i++) {
            firstHeld[i + 1] = firstHeld[i] + load[i];
        }
        int[] held = new int[firstHeld[net.mentors()]];
        int[] fill = firstHeld.clone();
        for (int j = 0; j < mentees; j++) {
            if (assigned[j] != -1) {
                held[fill[net.edgeMentor[assigned[j]]]++] = j;
            }
        }

        int[] origin = new int[net.nodes()];
        Arrays.fill(origin, -1);
        int[] queue = new int[net.nodes()];
        int tail = 0;
        for (int j = 0; j < mentees; j++) {
            if (assigned[j] == -1 && potential[j] == potential[sink]) {
                origin[j] = j;
                queue[tail++] = j;
            }
        }
        for (int head = 0; head < tail; head++) {
            int v = queue[head];
            if (v < mentees) {
                for (int e = net.firstEdge[v]; e < net.firstEdge[v + 1]; e++) {
                    int node = net.mentorNode(net.edgeMentor[e]);
                    if (e != assigned[v] && origin[node] == -1
                            && potential[v] - potential[node] == net.edgeScore[e]) {
                        int mentor = net.edgeMentor[e];
                        if (load[mentor] < net.capacity[mentor] && potential[node] == potential[sink]) {
                            return origin[v];
                        }
                        origin[node] = origin[v];
                        queue[tail++] = node;
                    }
                }
            } else {
                int mentor = v - mentees;
                for (int k = firstHeld[mentor]; k < firstHeld[mentor + 1]; k++) {
                    int j = held[k];
                    if (origin[j] == -1 && potential[j] - potential[v] == net.edgeScore[assigned[j]]) {
                        origin[j] = origin[v];
                        queue[tail++] = j;
                    }
                }
            }
        }
        return -1;
    }

    private static IllegalStateException refuted(String why) {
        return new IllegalStateException("optimality not certified: " + why);
    }
}
