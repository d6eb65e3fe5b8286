package io.mentorhub.engine.review;

import io.mentorhub.api.domain.ReviewFeedEntry;
import io.mentorhub.api.domain.ReviewFeedEntry.Participation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The review feed as CSV for spreadsheets and review tools: one row per person and program. Every cell is quoted,
 * and a cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) is prefixed
 * with an apostrophe, so text a participant wrote can never execute in HR's spreadsheet (CSV injection, OWASP).
 */
public final class ReviewFeedCsv {

    static final List<String> HEADER = List.of("person_id", "employee_number", "name", "work_email", "period_start",
            "period_end", "program_id", "program", "role", "pairings", "sessions_held", "goals", "milestones_reached",
            "courses_completed", "shared_reflections");

    private ReviewFeedCsv() {
    }

    public static String header() {
        return row(HEADER);
    }

    public static String rows(List<ReviewFeedEntry> entries) {
        StringBuilder out = new StringBuilder();
        for (ReviewFeedEntry entry : entries) {
            for (Participation p : entry.participations()) {
                out.append(row(List.of(entry.personId(), text(entry.employeeNumber()), text(entry.name()),
                        text(entry.workEmail()), entry.periodStart().toString(), entry.periodEnd().toString(),
                        p.programId(), text(p.programName()), p.role().name(),
                        p.pairings().stream().map(s -> s.partnerRole().toLowerCase() + " " + String.join(" & ",
                                s.partners()) + " from " + s.startedOn() + (s.endedOn() == null ? "" : " to "
                                        + s.endedOn()) + " (" + s.state() + ")").collect(Collectors.joining("; ")),
                        String.valueOf(p.sessionsHeld()),
                        p.goals().stream().map(g -> g.title() + " [" + g.status() + " " + g.progressPercent() + "%]")
                                .collect(Collectors.joining("; ")),
                        p.milestonesReached().stream().map(m -> m.title() + " (" + m.reachedOn() + ")")
                                .collect(Collectors.joining("; ")),
                        p.coursesCompleted().stream().map(c -> c.courseId() + " (" + c.completedOn() + ")")
                                .collect(Collectors.joining("; ")),
                        p.sharedReflections().stream().map(r -> r.writtenOn() + ": " + r.text())
                                .collect(Collectors.joining(" | ")))));
            }
        }
        return out.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    static String row(List<String> cells) {
        return cells.stream().map(ReviewFeedCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    /** RFC 4180 quoting, after neutralising what a spreadsheet would evaluate. */
    static String cell(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
