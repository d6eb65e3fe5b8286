package io.mentorhub.connectors.reviewfeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.domain.ReviewFeedEntry;
import io.mentorhub.api.domain.ReviewFeedEntry.CourseCompleted;
import io.mentorhub.api.domain.ReviewFeedEntry.GoalProgress;
import io.mentorhub.api.domain.ReviewFeedEntry.MilestoneReached;
import io.mentorhub.api.domain.ReviewFeedEntry.PairingSpan;
import io.mentorhub.api.domain.ReviewFeedEntry.Participation;
import io.mentorhub.api.domain.ReviewFeedEntry.SharedReflection;
import java.time.LocalDate;

/**
 * A review feed entry as JSON, field for field as {@code GET /api/reports/review-feed} shows it (snake_case names, ISO
 * dates, enum names, nulls kept), inside the envelope every request carries:
 * {@code {"type": "mentorhub.review_feed_entry", "key": …, "entry": {…}}}. Written by hand so the shape a receiver
 * depends on cannot change with a library's defaults.
 */
final class FeedJson {

    static final String TYPE = "mentorhub.review_feed_entry";
    static final ObjectMapper JSON = new ObjectMapper();

    private FeedJson() {
    }

    static ObjectNode envelope(String key, ReviewFeedEntry entry) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", TYPE);
        envelope.put("key", key);
        envelope.set("entry", entry(entry));
        return envelope;
    }

    static ObjectNode entry(ReviewFeedEntry entry) {
        ObjectNode json = JSON.createObjectNode();
        json.put("person_id", entry.personId());
        json.put("employee_number", entry.employeeNumber());
        json.put("name", entry.name());
        json.put("work_email", entry.workEmail());
        date(json, "period_start", entry.periodStart());
        date(json, "period_end", entry.periodEnd());
        ArrayNode participations = json.putArray("participations");
        for (Participation p : entry.participations()) {
            ObjectNode participation = participations.addObject();
            participation.put("program_id", p.programId());
            participation.put("program_name", p.programName());
            participation.put("role", p.role() == null ? null : p.role().name());
            ArrayNode pairings = participation.putArray("pairings");
            for (PairingSpan span : p.pairings()) {
                ObjectNode pairing = pairings.addObject();
                pairing.put("pairing_id", span.pairingId());
                pairing.put("partner_role", span.partnerRole());
                ArrayNode partners = pairing.putArray("partners");
                span.partners().forEach(partners::add);
                date(pairing, "started_on", span.startedOn());
                date(pairing, "ended_on", span.endedOn());
                pairing.put("state", span.state() == null ? null : span.state().name());
            }
            participation.put("sessions_held", p.sessionsHeld());
            ArrayNode goals = participation.putArray("goals");
            for (GoalProgress g : p.goals()) {
                ObjectNode goal = goals.addObject();
                goal.put("goal_id", g.goalId());
                goal.put("title", g.title());
                goal.put("status", g.status() == null ? null : g.status().name());
                goal.put("progress_percent", g.progressPercent());
                date(goal, "due_date", g.dueDate());
            }
            ArrayNode milestones = participation.putArray("milestones_reached");
            for (MilestoneReached m : p.milestonesReached()) {
                ObjectNode milestone = milestones.addObject();
                milestone.put("milestone_id", m.milestoneId());
                milestone.put("title", m.title());
                date(milestone, "reached_on", m.reachedOn());
            }
            ArrayNode courses = participation.putArray("courses_completed");
            for (CourseCompleted c : p.coursesCompleted()) {
                ObjectNode course = courses.addObject();
                course.put("course_id", c.courseId());
                date(course, "completed_on", c.completedOn());
            }
            ArrayNode reflections = participation.putArray("shared_reflections");
            for (SharedReflection r : p.sharedReflections()) {
                ObjectNode reflection = reflections.addObject();
                reflection.put("reflection_id", r.reflectionId());
                date(reflection, "written_on", r.writtenOn());
                date(reflection, "consented_on", r.consentedOn());
                reflection.put("text", r.text());
            }
        }
        return json;
    }

    private static void date(ObjectNode json, String field, LocalDate date) {
        if (date == null) {
            json.putNull(field);
        } else {
            json.put(field, date.toString());
        }
    }
}
