package io.mentorhub.api.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * What one person's mentorship in one review period contributes to their performance review: the HR review feed
 * ({@code GET /api/reports/review-feed}) lists these, and the performance push connectors send them. It holds only
 * what a review may see: reflections appear only where their author chose
 * {@link Reflection.Visibility#SHARED_FOR_REVIEW}; private and pair reflections never reach an entry.
 */
public record ReviewFeedEntry(
        String personId,
        String employeeNumber,
        String name,
        String workEmail,
        LocalDate periodStart,
        LocalDate periodEnd,
        List<Participation> participations) {

    public ReviewFeedEntry {
        personId = Check.id("person_id", personId);
        Check.required("period_start", periodStart);
        Check.required("period_end", periodEnd);
        if (periodEnd.isBefore(periodStart)) {
            throw new InvalidValueException("period_end", "must not be before period_start");
        }
        participations = List.copyOf(Check.required("participations", participations));
    }

    /** A program the person took part in during the period, and in what role. */
    public record Participation(
            String programId,
            String programName,
            Enrollment.Role role,
            List<PairingSpan> pairings,
            int sessionsHeld,
            List<GoalProgress> goals,
            List<MilestoneReached> milestonesReached,
            List<CourseCompleted> coursesCompleted,
            List<SharedReflection> sharedReflections) {

        public Participation {
            Check.required("program_id", programId);
            Check.required("role", role);
            pairings = List.copyOf(pairings);
            goals = List.copyOf(goals);
            milestonesReached = List.copyOf(milestonesReached);
            coursesCompleted = List.copyOf(coursesCompleted);
            sharedReflections = List.copyOf(sharedReflections);
        }
    }

    /** A pairing the person was in: with whom (names, as colleagues know them), from when, until when (null: open). */
    public record PairingSpan(String pairingId, String partnerRole, List<String> partners, LocalDate startedOn,
            LocalDate endedOn, PairingState state) {
        public PairingSpan {
            partners = List.copyOf(partners);
        }
    }

    public record GoalProgress(String goalId, String title, Goal.Status status, int progressPercent, LocalDate dueDate) {
    }

    public record MilestoneReached(String milestoneId, String title, LocalDate reachedOn) {
    }

    public record CourseCompleted(String courseId, LocalDate completedOn) {
    }

    /** A reflection its author shared for review, with the date they consented. */
    public record SharedReflection(String reflectionId, LocalDate writtenOn, LocalDate consentedOn, String text) {
    }
}
