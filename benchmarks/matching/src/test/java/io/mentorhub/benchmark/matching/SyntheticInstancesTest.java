package io.mentorhub.benchmark.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.benchmark.matching.SyntheticInstances.Candidates;
import io.mentorhub.benchmark.matching.SyntheticInstances.Spec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticInstancesTest {

    /** The three kinds of instance, small enough for a unit test; 1,200 mentors make two groups. */
    static final List<Spec> SMALL_SPECS = List.of(
            new Spec("dense", 60, 40, 2, Candidates.DENSE, 0, 0),
            new Spec("top", 300, 120, 3, Candidates.TOP_BY_AFFINITY, 12, 12),
            new Spec("group", 2_000, 1_200, 2, Candidates.TOP_BY_AFFINITY_IN_GROUP, 5, 9),
            new Spec("both sides", 1_500, 1_100, 2, Candidates.BOTH_SIDES_IN_GROUP, 4, 4, 3));

    @Test
    void theSameSeedGivesTheSameGraphAndAnotherSeedAnother() {
        for (Spec spec : SMALL_SPECS) {
            CandidateGraph graph = SyntheticInstances.generate(spec, 42);
            assertEquals(graph, SyntheticInstances.generate(spec, 42), spec.name());
            assertNotEquals(graph, SyntheticInstances.generate(spec, 43), spec.name());
        }
    }

    @Test
    void theBenchmarkInstancesAreDeterministicToo() {
        for (Spec spec : List.of(SyntheticInstances.A, SyntheticInstances.B)) {
            assertEquals(SyntheticInstances.generate(spec, 7), SyntheticInstances.generate(spec, 7), spec.name());
        }
    }

    @Test
    void instancesHaveTheirShape() {
        for (Spec spec : SMALL_SPECS) {
            CandidateGraph graph = SyntheticInstances.generate(spec, 3);
            assertEquals(spec.mentees(), graph.mentees());
            assertEquals(spec.mentors(), graph.mentors());
            for (int i = 0; i < graph.mentors(); i++) {
                assertEquals(spec.capacity(), graph.capacity(i));
            }
            int[] perMentee = new int[graph.mentees()];
            int previousMentee = -1;
            int previousMentor = -1;
            for (int k = 0; k < graph.pairs(); k++) {
                int mentee = graph.pairMentee(k);
                int mentor = graph.pairMentor(k);
                assertTrue(mentee > previousMentee || mentee == previousMentee && mentor > previousMentor,
                        spec.name() + ": pairs by mentee, then by distinct mentor");
                assertTrue(graph.pairScore(k) >= 0 && graph.pairScore(k) <= 100, spec.name() + ": score 0..100");
                perMentee[mentee]++;
                previousMentee = mentee;
                previousMentor = mentor;
            }
            for (int count : perMentee) {
                if (spec.candidates() == Candidates.DENSE) {
                    assertEquals(spec.mentors(), count, spec.name());
                } else if (spec.twoSided()) {
                    assertTrue(count >= spec.minPerMentee(), spec.name() + ": " + count);
                } else {
                    assertTrue(count >= spec.minPerMentee() && count <= spec.maxPerMentee(),
                            spec.name() + ": " + count);
                }
            }
        }
    }

    @Test
    void candidatesAreTheMenteesBestByAffinityAndScoredByTheModel() {
        for (Spec spec : SMALL_SPECS.subList(1, 3)) {
            LatentModel model = new LatentModel(spec.mentees(), spec.mentors(), 11);
            CandidateGraph graph = SyntheticInstances.generate(spec, model, 11);
            assertTrue(spec.candidates() != Candidates.TOP_BY_AFFINITY_IN_GROUP || model.groups() > 1, "groups");
            boolean[] chosen = new boolean[spec.mentors()];
            for (int k = 0, mentee = 0; mentee < spec.mentees(); mentee++) {
                Arrays.fill(chosen, false);
                double weakestChosen = Double.POSITIVE_INFINITY;
                for (; k < graph.pairs() && graph.pairMentee(k) == mentee; k++) {
                    int mentor = graph.pairMentor(k);
                    chosen[mentor] = true;
                    weakestChosen = Math.min(weakestChosen, model.affinity(mentee, mentor));
                    assertEquals(model.score(mentee, mentor), graph.pairScore(k));
                    if (spec.candidates() == Candidates.TOP_BY_AFFINITY_IN_GROUP) {
                        assertEquals(model.menteeGroup(mentee), model.mentorGroup(mentor), "within the group");
                    }
                }
                for (int mentor = 0; mentor < spec.mentors(); mentor++) {
                    boolean inPool = spec.candidates() == Candidates.TOP_BY_AFFINITY
                            || model.menteeGroup(mentee) == model.mentorGroup(mentor);
                    if (inPool && !chosen[mentor]) {
                        assertTrue(model.affinity(mentee, mentor) <= weakestChosen, spec.name() + " mentee " + mentee);
                    }
                }
            }
        }
    }

    @Test
    void twoSidedCandidatesAreScoredByTheModelWithinGroupsAndFillEveryMentor() {
        Spec spec = SMALL_SPECS.get(3);
        LatentModel model = new LatentModel(spec.mentees(), spec.mentors(), 13);
        CandidateGraph graph = SyntheticInstances.generate(spec, model, 13);
        assertTrue(model.groups() > 1, "groups");
        int[] perMentor = new int[spec.mentors()];
        for (int k = 0; k < graph.pairs(); k++) {
            int mentee = graph.pairMentee(k);
            int mentor = graph.pairMentor(k);
            assertEquals(model.menteeGroup(mentee), model.mentorGroup(mentor), "within the group");
            assertEquals(model.score(mentee, mentor), graph.pairScore(k));
            perMentor[mentor]++;
        }
        int[] groupMentees = new int[model.groups()];
        for (int j = 0; j < spec.mentees(); j++) {
            groupMentees[model.menteeGroup(j)]++;
        }
        for (int i = 0; i < spec.mentors(); i++) {
            int want = Math.min(spec.mentorPerPlace() * spec.capacity(), groupMentees[model.mentorGroup(i)]);
            assertTrue(perMentor[i] >= want, "mentor " + i + " has " + perMentor[i] + " candidates, wants " + want);
        }
    }

    @Test
    void theDenseReferenceStreamsTheSameScoresAsAStoredDenseGraph() {
        Spec dense = SMALL_SPECS.get(0);
        LatentModel model = new LatentModel(dense.mentees(), dense.mentors(), 8);
        CandidateGraph stored = SyntheticInstances.generate(dense, model, 8);
        List<int[]> streamed = new ArrayList<>();
        SyntheticInstances.allPairs(dense.mentees(), dense.mentors(), model)
                .forEachPair((mentee, mentor, score) -> streamed.add(new int[] {mentee, mentor, score}));
        assertEquals(stored.pairs(), streamed.size());
        for (int k = 0; k < stored.pairs(); k++) {
            assertEquals(stored.pairMentee(k), streamed.get(k)[0]);
            assertEquals(stored.pairMentor(k), streamed.get(k)[1]);
            assertEquals(stored.pairScore(k), streamed.get(k)[2]);
        }
    }
}
