package io.mentorhub.api.domain;

import io.mentorhub.api.survey.SurveyKind;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A mentorship program: its charter, format, 12-18 month lifecycle in three phases, how pairs are matched and
 * surveyed, and who manages it. {@code id} is assigned by the hub (null before the program is stored).
 */
public record Program(
        String id,
        String name,
        Charter charter,
        ProgramFormat format,
        int durationMonths,
        Phases phases,
        MeetingCadence meetingCadence,
        int trialPeriodDays,
        GroupSize groupSize,
        MatchingConfiguration matching,
        List<SurveyPlan> surveySchedule,
        List<String> managerIds,
        ProgramStatus status) {

    public Program {
        id = Check.uuid("id", id);
        name = Check.text("name", name, 200);
        Check.required("charter", charter);
        Check.required("format", format);
        Check.range("duration_months", durationMonths, 1, 36);
        Check.required("phases", phases);
        if (phases.completion().end().isAfter(phases.launch().start().plusMonths(durationMonths))) {
            throw new InvalidValueException("phases.completion.end",
                    "must fall within duration_months of phases.launch.start");
        }
        Check.required("meeting_cadence", meetingCadence);
        Check.range("trial_period_days", trialPeriodDays, 0, 180);
        groupSize = groupSize == null ? GroupSize.defaultFor(format) : groupSize;
        if (format == ProgramFormat.GROUP && groupSize.min() < 2) {
            throw new InvalidValueException("group_size.min", "must be at least 2 for GROUP programs");
        }
        if (format != ProgramFormat.GROUP && groupSize.max() != 1) {
            throw new InvalidValueException("group_size", "must be 1..1 unless the format is GROUP");
        }
        matching = matching == null ? MatchingConfiguration.DEFAULT : matching;
        surveySchedule = Check.list("survey_schedule", surveySchedule, 20);
        managerIds = Check.ids("manager_ids", managerIds, 20);
        Check.required("status", status);
    }

    public Program withId(String newId) {
        return new Program(newId, name, charter, format, durationMonths, phases, meetingCadence, trialPeriodDays,
                groupSize, matching, surveySchedule, managerIds, status);
    }

    /** Why the program exists and what it asks of participants. */
    public record Charter(List<String> objectives, List<String> goals, String timeCommitment) {
        public Charter {
            objectives = Check.texts("charter.objectives", objectives, 20, 500);
            if (objectives.isEmpty()) {
                throw new InvalidValueException("charter.objectives", "needs at least one objective");
            }
            goals = Check.texts("charter.goals", goals, 20, 500);
            timeCommitment = Check.text("charter.time_commitment", timeCommitment, 200);
        }
    }

    /** Launch (kick-off, goal setting), development (sessions, check-ins), completion (capstone, recognition). */
    public record Phases(Phase launch, Phase development, Phase completion) {
        public Phases {
            Check.required("phases.launch", launch);
            Check.required("phases.development", development);
            Check.required("phases.completion", completion);
            if (development.start().isBefore(launch.end())) {
                throw new InvalidValueException("phases.development.start", "must not be before phases.launch.end");
            }
            if (completion.start().isBefore(development.end())) {
                throw new InvalidValueException("phases.completion.start",
                        "must not be before phases.development.end");
            }
        }
    }

    public record Phase(LocalDate start, LocalDate end) {
        public Phase {
            Check.required("start", start);
            Check.required("end", end);
            if (end.isBefore(start)) {
                throw new InvalidValueException("end", "must not be before start");
            }
        }
    }

    /** How many mentees a pairing holds: 1..1 except in GROUP programs. */
    public record GroupSize(int min, int max) {
        public GroupSize {
            Check.range("group_size.min", min, 1, 20);
            Check.range("group_size.max", max, 1, 20);
            if (max < min) {
                throw new InvalidValueException("group_size.max", "must not be below group_size.min");
            }
        }

        static GroupSize defaultFor(ProgramFormat format) {
            return format == ProgramFormat.GROUP ? new GroupSize(4, 6) : new GroupSize(1, 1);
        }
    }

    /** Which strategy matches this program, how scorers are weighted, which hard constraints apply. */
    public record MatchingConfiguration(String strategy, Map<String, Integer> weights, List<String> constraints) {
        static final MatchingConfiguration DEFAULT = new MatchingConfiguration("optimal", Map.of(),
                List.of("not-in-manager-chain", "not-previously-dissolved"));

        public MatchingConfiguration {
            strategy = Check.text("matching.strategy", strategy, 64);
            if (!Check.KEY.matcher(strategy).matches()) {
                throw new InvalidValueException("matching.strategy", "must be a plugin id such as optimal");
            }
            weights = weights == null ? Map.of() : Map.copyOf(weights);
            weights.forEach((scorer, weight) -> {
                if (!Check.KEY.matcher(scorer).matches()) {
                    throw new InvalidValueException("matching.weights", "keys must be scorer ids, was: " + scorer);
                }
                if (weight == null || weight < 0 || weight > 100) {
                    throw new InvalidValueException("matching.weights." + scorer, "must be between 0 and 100");
                }
            });
            constraints = Check.texts("matching.constraints", constraints, 20, 64);
        }
    }

    /** When a survey goes out: relative to a program or pairing event, optionally repeated. */
    public record SurveyPlan(SurveyKind kind, SurveyTrigger trigger, int offsetDays, Integer repeatEveryDays) {
        public SurveyPlan {
            Check.required("survey_schedule.kind", kind);
            Check.required("survey_schedule.trigger", trigger);
            Check.range("survey_schedule.offset_days", offsetDays, 0, 730);
            if (repeatEveryDays != null) {
                Check.range("survey_schedule.repeat_every_days", repeatEveryDays, 7, 365);
            }
        }
    }

    public enum SurveyTrigger {
        SESSION_HELD, PAIRING_STARTED, DEVELOPMENT_STARTED, PROGRAM_COMPLETED
    }
}
