package io.mentorhub.connectors.reviewfeed;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.ReviewFeedEntry;
import io.mentorhub.api.domain.ReviewFeedEntry.CourseCompleted;
import io.mentorhub.api.domain.ReviewFeedEntry.GoalProgress;
import io.mentorhub.api.domain.ReviewFeedEntry.MilestoneReached;
import io.mentorhub.api.domain.ReviewFeedEntry.PairingSpan;
import io.mentorhub.api.domain.ReviewFeedEntry.Participation;
import io.mentorhub.api.domain.ReviewFeedEntry.SharedReflection;
import java.time.LocalDate;
import java.util.List;

/** Review feed entries as the hub's review feed produces them, for the tests. */
final class SampleFeed {

    static final LocalDate START = LocalDate.of(2026, 7, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);

    private SampleFeed() {
    }

    static ReviewFeedEntry entry(String personId, String email) {
        Participation mentee = new Participation("6b1f0d2e-0000-4000-8000-000000000001", "Leadership 2026",
                Enrollment.Role.MENTEE,
                List.of(new PairingSpan("7c2e1f3a-0000-4000-8000-000000000002", "MENTOR", List.of("Grace Hopper"),
                        LocalDate.of(2026, 7, 15), null, PairingState.ACTIVE)),
                6,
                List.of(new GoalProgress("8d3f2a4b-0000-4000-8000-000000000003", "Lead a cross-team project",
                        Goal.Status.IN_PROGRESS, 40, LocalDate.of(2027, 3, 31))),
                List.of(new MilestoneReached("9e4a3b5c-0000-4000-8000-000000000004", "Kick-off held",
                        LocalDate.of(2026, 9, 2))),
                List.of(new CourseCompleted("101", LocalDate.of(2026, 10, 5))),
                List.of(new SharedReflection("af5b4c6d-0000-4000-8000-000000000005", LocalDate.of(2026, 11, 1),
                        LocalDate.of(2026, 11, 2), "I learned to delegate the release planning.")));
        return new ReviewFeedEntry(personId, "E-" + personId, "Person " + personId, email, START, END, List.of(mentee));
    }
}
