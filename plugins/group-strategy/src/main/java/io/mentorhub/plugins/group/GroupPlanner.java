package io.mentorhub.plugins.group;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.plugins.group.GroupAssignment.Solution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides who leads a group and how large groups are; {@link GroupAssignment} then fills them exactly.
 *
 * <p><b>Plans.</b> A plan is a base size s and a spread d: every group gets at least s mentees and at most s + d (and
 * never more than its mentor's capacity), so sizes differ by at most d. For each plan, every mentor who can lead a
 * group of s starts as a leader; the assignment fills required places first, and leaders left short are closed (at
 * once as many as the filled places show must go, emptiest and weakest first) until every group reaches s. Plans
 * are tried for d = 0, 1, … up to the configured largest size difference and every s; a wider d is only tried while
 * fewer mentees are placed than could be placed at all (every possible leader open, no minimum size). The best plan
 * places the most mentees, then has the smallest actual spread, then the highest total score, then the fewest groups.
 *
 * <p><b>Local search.</b> Plans are then improved, best first, by changing leaders: a new leader where mentees are
 * still without a group, a newcomer replacing a leader, a new leader with a strong best possible group, closing the
 * weakest group, and swaps ranked by how much the newcomer's best possible group exceeds the leader's current one.
 * Each move is checked by re-solving only the mentees it touches (everyone else keeps their place), kept if the
 * result is better in the order above, and the search stops when no move helps or the move budget is spent. A plan
 * whose leaders changed is solved once more, exactly, for its final leaders.
 *
 * <p><b>Exact:</b> the assignment for the chosen leaders and size range — the most mentees placed, then the
 * highest total score (checked against exhaustive search in the tests). <b>Heuristic:</b> which mentors lead and
 * which plan is chosen; with minimum group sizes that choice is a hard combinatorial problem in general.
 */
final class GroupPlanner {

    /** How many leaders each would-be leader is considered to replace. */
    private static final int SWAP_PARTNERS = 4;

    private final GroupProgram program;
    private final GroupAssignment assignment;
    private final MatchControl control;
    private final int improvementMoves;
    private final int maxSpread;
    private int remainingMoves;

    GroupPlanner(GroupProgram program, MatchControl control, int improvementMoves, int maxSizeDifference) {
        this.program = program;
        this.control = control;
        this.assignment = new GroupAssignment(program, control);
        this.improvementMoves = improvementMoves;
        this.maxSpread = Math.min(maxSizeDifference, program.maxSize - program.minSize);
    }

    /**
     * A plan's result: base size, spread allowed, how many mentees groups of these sizes could hold at most, the
     * leaders, their optional places, the exact assignment, and the number and actual spread of its groups.
     */
    record Plan(int size, int spread, int room, boolean[] leads, int[] extra, Solution solution, int groups,
            int actualSpread) {

        int placed() {
            return solution.placed();
        }

        long score() {
            return solution.score();
        }
    }

    /** Better: more mentees placed, then sizes closer together, then a higher total score, then fewer groups. */
    static final Comparator<Plan> BETTER_FIRST = Comparator.comparingInt(Plan::placed).reversed()
            .thenComparingInt(Plan::actualSpread)
            .thenComparing(Comparator.comparingLong(Plan::score).reversed())
            .thenComparingInt(Plan::groups);

    /** The best plan found, or null when nobody can lead a group. */
    Plan plan() {
        int mentors = program.mentors();
        boolean any = false;
        for (int m = 0; m < mentors; m++) {
            any |= program.canLead[m];
        }
        if (!any) {
            return null;
        }
        int bound = placeableBound();
        List<Plan> plans = new ArrayList<>();
        Plan best = null;
        for (int spread = 0; spread <= maxSpread; spread++) {
            for (int size = program.minSize; size + spread <= program.maxSize; size++) {
                control.checkpoint();
                Plan plan = evaluate(size, spread);
                if (plan != null) {
                    plans.add(plan);
                    if (best == null || BETTER_FIRST.compare(plan, best) < 0) {
                        best = plan;
                    }
                }
            }
            if (best != null && best.placed() == bound) {
                break; // a wider spread cannot place more, and would only make sizes less even
            }
        }
        // Improve the most promising plans first, from one budget of moves for all of them.
        plans.sort(BETTER_FIRST);
        remainingMoves = improvementMoves;
        for (Plan plan : plans) {
            if (remainingMoves == 0) {
                break;
            }
            if (plan != best && plan.room() < best.placed()) {
                continue; // its sizes leave too little room to place as many as the best
            }
            Plan improved = improve(plan);
            if (BETTER_FIRST.compare(improved, best) < 0) {
                best = improved;
            }
        }
        return best;
    }

    /** The most mentees any plan could place: every possible leader open with its whole capacity, no minimum. */
    private int placeableBound() {
        int mentors = program.mentors();
        boolean[] leads = new boolean[mentors];
        int[] extra = new int[mentors];
        for (int m = 0; m < mentors; m++) {
            leads[m] = program.canLead[m];
            extra[m] = leads[m] ? program.groupCapacity[m] : 0;
        }
        return assignment.solve(leads, 0, extra).placed();
    }

    /** Leaders for groups of size..size+spread: start with everyone able, close the short ones. */
    private Plan evaluate(int size, int spread) {
        int mentors = program.mentors();
        boolean[] leads = new boolean[mentors];
        int[] extra = new int[mentors];
        int open = 0;
        long room = 0;
        for (int m = 0; m < mentors; m++) {
            if (program.canLead[m] && program.groupCapacity[m] >= size && program.reach[m] >= size) {
                leads[m] = true;
                extra[m] = Math.min(spread, program.groupCapacity[m] - size);
                open++;
                room += size + extra[m];
            }
        }
        if (open == 0) {
            return null;
        }
        int menteeRoom = (int) Math.min(room, program.mentees());
        while (true) {
            Solution solution = assignment.solve(leads, size, extra);
            List<Integer> shortLeaders = new ArrayList<>();
            long filled = 0;
            for (int m = 0; m < mentors; m++) {
                if (leads[m]) {
                    filled += Math.min(solution.groupSize()[m], size);
                    if (solution.groupSize()[m] < size) {
                        shortLeaders.add(m);
                    }
                }
            }
            if (shortLeaders.isEmpty()) {
                return plan(size, spread, menteeRoom, leads, extra, solution);
            }
            // At most filled / size groups can ever reach the size: close at least the rest, emptiest first.
            int close = (int) Math.max(1, open - filled / size);
            shortLeaders.sort(Comparator.<Integer>comparingInt(m -> solution.groupSize()[m])
                    .thenComparingLong(m -> program.bestGroupScore(m, size))
                    .thenComparing(Comparator.reverseOrder()));
            for (int i = 0; i < close && i < shortLeaders.size(); i++) {
                leads[shortLeaders.get(i)] = false;
                open--;
            }
            if (open == 0) {
                return null;
            }
        }
    }

    private Plan plan(int size, int spread, int room, boolean[] leads, int[] extra, Solution solution) {
        int groups = 0;
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int m = 0; m < leads.length; m++) {
            if (leads[m]) {
                groups++;
                smallest = Math.min(smallest, solution.groupSize()[m]);
                largest = Math.max(largest, solution.groupSize()[m]);
            }
        }
        return new Plan(size, spread, room, leads.clone(), extra, solution, groups, groups == 0 ? 0 : largest - smallest);
    }

    /**
     * Hill-climbs over changes of leaders. Each move is checked by re-solving only the mentees it touches (the
     * leaving leader's group and the new leader's candidates; everyone else keeps their place), which is cheap and
     * never overstates a move; kept moves end with one exact solve for the final leaders.
     */
    private Plan improve(Plan start) {
        int size = start.size();
        int[] extra = start.extra();
        Plan current = start;
        boolean improved = true;
        while (improved && remainingMoves > 0) {
            improved = false;
            for (long[] move : moves(current)) {
                if (remainingMoves == 0) {
                    break;
                }
                remainingMoves--;
                control.checkpoint();
                boolean[] leads = current.leads().clone();
                boolean[] free = new boolean[program.mentees()];
                if (move[3] >= 0) {
                    leads[(int) move[3]] = false; // its members are freed by reassign
                }
                if (move[4] >= 0) {
                    leads[(int) move[4]] = true;
                    freeAround((int) move[4], current.solution().leader(), leads, free);
                }
                Solution solution = assignment.reassign(current.solution(), leads, size, extra, free);
                if (reachesSize(leads, solution, size)) {
                    Plan next = plan(size, current.spread(), current.room(), leads, extra, solution);
                    if (BETTER_FIRST.compare(next, current) < 0) {
                        current = next;
                        improved = true;
                        break;
                    }
                }
            }
        }
        if (current == start) {
            return start;
        }
        // At least as good as the checked moves: it fills every required place too, and places and scores no less.
        return plan(size, current.spread(), current.room(), current.leads(), extra,
                assignment.solve(current.leads(), size, extra));
    }

    /**
     * Frees what a new leader b touches: b's candidates, the groups they are in now (so those groups can refill
     * from their own candidates) and the candidates of those groups' leaders who are without a group.
     */
    private void freeAround(int b, int[] leader, boolean[] leads, boolean[] free) {
        boolean[] touched = new boolean[program.mentors()];
        touched[b] = true;
        for (int i = program.menteeStart[b]; i < program.menteeStart[b + 1]; i++) {
            int e = program.menteeOf[i];
            free[e] = true;
            if (leader[e] >= 0) {
                touched[leader[e]] = true;
            }
        }
        for (int m = 0; m < touched.length; m++) {
            if (touched[m] && m != b && leads[m]) {
                for (int i = program.menteeStart[m]; i < program.menteeStart[m + 1]; i++) {
                    int e = program.menteeOf[i];
                    if (leader[e] == m || leader[e] < 0) {
                        free[e] = true;
                    }
                }
            }
        }
    }

    private static boolean reachesSize(boolean[] leads, Solution solution, int size) {
        for (int m = 0; m < leads.length; m++) {
            if (leads[m] && solution.groupSize()[m] < size) {
                return false;
            }
        }
        return true;
    }

    /**
     * Candidate moves, most promising first: a new leader for mentees left without a group (most such mentees
     * first), then the same newcomer replacing a leader; a new leader with the best possible group; closing the
     * weakest group; then swaps where the newcomer's best possible group most exceeds the leader's current one.
     * Each newcomer is paired with its {@value #SWAP_PARTNERS} best-margin leaders only. Ties by mentor index.
     */
    private List<long[]> moves(Plan plan) {
        int mentors = program.mentors();
        int size = plan.size();
        boolean[] leads = plan.leads();
        int[] groupSize = plan.solution().groupSize();
        long[] groupScore = new long[mentors];
        int[] leader = plan.solution().leader();
        int[] edge = plan.solution().edge();
        int[] waiting = new int[mentors];
        for (int e = 0; e < leader.length; e++) {
            if (leader[e] >= 0) {
                groupScore[leader[e]] += program.edgeScore[edge[e]];
            } else {
                for (int k = program.edgeStart[e]; k < program.edgeStart[e + 1]; k++) {
                    waiting[program.edgeMentor[k]]++;
                }
            }
        }
        // {kind, priority, priority, leader leaving or -1, mentor starting to lead or -1}
        List<long[]> ranked = new ArrayList<>();
        int leaders = 0;
        for (int a = 0; a < mentors; a++) {
            leaders += leads[a] ? 1 : 0;
        }
        for (int a = 0; a < mentors && leaders > 1; a++) {
            if (leads[a]) {
                ranked.add(new long[] {3, groupScore[a], 0, a, -1});
            }
        }
        long[] margins = new long[SWAP_PARTNERS];
        int[] partners = new int[SWAP_PARTNERS];
        for (int b = 0; b < mentors; b++) {
            if (leads[b] || !program.canLead[b] || program.groupCapacity[b] < size || program.reach[b] < size) {
                continue;
            }
            ranked.add(waiting[b] > 0
                    ? new long[] {0, -waiting[b], 0, -1, b}
                    : new long[] {2, -program.bestGroupScore(b, size), 0, -1, b});
            int count = 0;
            for (int a = 0; a < mentors; a++) {
                if (!leads[a]) {
                    continue;
                }
                long margin = program.bestGroupScore(b, Math.min(groupSize[a], size + plan.extra()[b]))
                        - groupScore[a];
                // Keep the best few partners, largest margin first (insertion into a tiny sorted array).
                int at = count < SWAP_PARTNERS ? count++ : SWAP_PARTNERS;
                while (at > 0 && margins[at - 1] < margin) {
                    if (at < SWAP_PARTNERS) {
                        margins[at] = margins[at - 1];
                        partners[at] = partners[at - 1];
                    }
                    at--;
                }
                if (at < SWAP_PARTNERS) {
                    margins[at] = margin;
                    partners[at] = a;
                }
            }
            for (int i = 0; i < count; i++) {
                ranked.add(waiting[b] > 0
                        ? new long[] {1, -waiting[b], -margins[i], partners[i], b}
                        : new long[] {4, -margins[i], 0, partners[i], b});
            }
        }
        ranked.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1])
                .thenComparingLong(r -> r[2]).thenComparingLong(r -> r[3]).thenComparingLong(r -> r[4]));
        return ranked;
    }
}
