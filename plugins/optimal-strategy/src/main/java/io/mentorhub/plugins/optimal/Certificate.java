package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import java.util.HashMap;
import java.util.Map;
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
        check(net, solution, MatchControl.NONE);
    }

    /** The same, polling the stop control as it goes. */
    static void check(Network net, Solution solution, MatchControl control) {
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
                if ((j & OptimalStrategy.POLL_MASK) == 0) {
                    control.checkpoint();
                }
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

    /**
     * Mentor and mentee prices in the SPI's convention ({@link io.mentorhub.api.matching.MatchResult.Duals}), derived
     * from a certified solution's potentials and checked exactly before they are handed out: every price is at least
     * zero, {@code mentorPrice + menteePrice >= score} for every pair the solver saw, and the total score equals
     * {@code sum(requested capacity * mentorPrice) + sum(menteePrice)}.
     *
     * <p>With {@code t} the sink's potential, a mentee's price is {@code potential - t} and a mentor's is
     * {@code t - potential}: then a pair's reduced cost is {@code mentorPrice + menteePrice - score}, non-negative for
     * unused pairs and zero for used ones (a used pair stays tight through every search). The residual edges to the sink
     * bound an unmatched mentee's and a mentor with room's price from above by zero, so raising those to zero keeps
     * every pair covered and changes no sum. Two cases need more. A mentor whose capacity was capped at its number of
     * usable pairs can be full in the network but not in the request; all its pairs are used and tight, so its price
     * moves onto its mentees (each then priced at that pair's score). A mentor with no room has no usable pair; any
     * price costs nothing there, so it gets its best candidate score and covers its pairs too.
     *
     * <p>Pairs below {@code minimumScore} are not candidates for the solver, so the prices need not cover them.
     */
    static Prices prices(MatchRequest request, Network net, Solution solution) {
        int mentees = net.mentees();
        int[] assigned = solution.assigned();
        long[] potential = solution.potential();
        long sinkPotential = potential[net.sink()];
        long[] menteePrice = new long[mentees];
        long[] mentorPrice = new long[net.mentors()];
        int[] load = new int[net.mentors()];
        for (int j = 0; j < mentees; j++) {
            if (assigned[j] != -1) {
                load[net.edgeMentor[assigned[j]]]++;
                menteePrice[j] = Math.max(0, potential[j] - sinkPotential);
            }
        }
        for (int i = 0; i < net.mentors(); i++) {
            mentorPrice[i] = load[i] == 0 ? 0 : Math.max(0, sinkPotential - potential[net.mentorNode(i)]);
        }
        for (int j = 0; j < mentees; j++) {
            int e = assigned[j];
            if (e != -1 && load[net.edgeMentor[e]] < net.requestedCapacity[net.edgeMentor[e]]) {
                menteePrice[j] += mentorPrice[net.edgeMentor[e]];
            }
        }
        for (int i = 0; i < net.mentors(); i++) {
            if (load[i] < net.requestedCapacity[i]) {
                mentorPrice[i] = 0;
            }
        }
        // Mentors without room: their pairs never entered the network.
        Map<String, Integer> mentorIndex = new HashMap<>();
        for (int i = 0; i < net.mentors(); i++) {
            if (net.requestedCapacity[i] == 0) {
                mentorIndex.put(net.mentorIds[i], i);
            }
        }
        if (!mentorIndex.isEmpty()) {
            for (CandidatePair pair : request.candidates()) {
                Integer i = mentorIndex.get(pair.mentorId());
                if (i != null) {
                    mentorPrice[i] = Math.max(mentorPrice[i], pair.score());
                }
            }
        }
        Prices prices = new Prices(mentorPrice, menteePrice);
        checkPrices(net, assigned, prices);
        return prices;
    }

    /** Dual feasibility on every pair of the network, and no gap to the assignment's total score. */
    static void checkPrices(Network net, int[] assigned, Prices prices) {
        long total = 0;
        for (int j = 0; j < net.mentees(); j++) {
            if (prices.mentee()[j] < 0) {
                throw refuted("negative price of " + net.menteeIds[j]);
            }
            for (int e = net.firstEdge[j]; e < net.firstEdge[j + 1]; e++) {
                if (prices.mentor()[net.edgeMentor[e]] + prices.mentee()[j] < net.edgeScore[e]) {
                    throw refuted("prices do not cover pair " + net.mentorIds[net.edgeMentor[e]] + "/"
                            + net.menteeIds[j]);
                }
            }
            if (assigned[j] != -1) {
                total += net.edgeScore[assigned[j]];
            }
        }
        long bound = 0;
        for (int i = 0; i < net.mentors(); i++) {
            if (prices.mentor()[i] < 0) {
                throw refuted("negative price of " + net.mentorIds[i]);
            }
            bound = Math.addExact(bound, Math.multiplyExact(net.requestedCapacity[i], prices.mentor()[i]));
        }
        for (long price : prices.mentee()) {
            bound = Math.addExact(bound, price);
        }
        if (bound != total) {
            throw refuted("prices bound the total at " + bound + ", the assignment scores " + total);
        }
    }

    /** Prices by mentor and mentee index of the {@link Network}. */
    record Prices(long[] mentor, long[] mentee) {
    }

    private static IllegalStateException refuted(String why) {
        return new IllegalStateException("optimality not certified: " + why);
    }
}
