package io.mentorhub.engine.metrics;

import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.metrics.ProgramData.Enrolled;
import io.mentorhub.engine.metrics.ProgramData.LivePairing;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program's metrics for a period and cohort: participation, active pairings, session frequency, goal completion,
 * survey figures, and retention and promotion of participants against non-participants. Each concern is its own
 * class; this one reads the program once and puts the report together. Any figure over fewer people than
 * {@code minimumGroupSize} (never below {@value #MINIMUM_GROUP_SIZE}) is suppressed.
 */
@Component(service = ProgramMetrics.class, configurationPid = ProgramMetrics.PID, immediate = true)
@Designate(ocd = ProgramMetrics.Config.class)
public class ProgramMetrics {

    static final String PID = "io.mentorhub.metrics";
    /** The anonymity threshold, as for the fairness report and survey aggregates; configurable upward only. */
    public static final int MINIMUM_GROUP_SIZE = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ProgramMetrics.class);

    @ObjectClassDefinition(name = "Program metrics")
    public @interface Config {
        @AttributeDefinition(description = "Grades from lowest to highest, comma separated (e.g. G1,G2,G3,M1,M2); "
                + "empty: a promotion is a higher number at the end of the grade (L3 to L4)")
        String gradeLadder() default "";

        @AttributeDefinition(description = "Figures over fewer people than this are not shown (5 or more)", min = "5")
        int minimumGroupSize() default MINIMUM_GROUP_SIZE;
    }

    /** How promotions are ranked and the privacy threshold. */
    public record Settings(GradeLadder gradeLadder, int minimumGroupSize) {
        public static final Settings DEFAULT = new Settings(new GradeLadder(List.of()), MINIMUM_GROUP_SIZE);

        public Settings {
            if (minimumGroupSize < MINIMUM_GROUP_SIZE) {
                throw new IllegalArgumentException("minimumGroupSize is at least " + MINIMUM_GROUP_SIZE);
            }
        }
    }

    private final Settings settings;
    private volatile SurveyFigures surveys;
    private volatile SurveyRows.Source surveySource;

    @Activate
    public ProgramMetrics(Config config) {
        this(settings(config), SurveyFigures.NONE);
    }

    public ProgramMetrics(Settings settings, SurveyFigures surveys) {
        this.settings = settings;
        this.surveys = surveys;
    }

    static Settings settings(Config config) {
        int minimum = config.minimumGroupSize();
        if (minimum < MINIMUM_GROUP_SIZE) {
            LOG.warn("{}: minimumGroupSize {} is below {}; using {}", PID, minimum, MINIMUM_GROUP_SIZE,
                    MINIMUM_GROUP_SIZE);
            minimum = MINIMUM_GROUP_SIZE;
        }
        return new Settings(GradeLadder.parse(config.gradeLadder()), minimum);
    }

    /** The survey tables' reader, once one is installed: survey figures then come from it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSurveyRows(SurveyRows.Source source) {
        surveySource = source;
        surveys = SurveyFigures.from(source);
    }

    void unbindSurveyRows(SurveyRows.Source source) {
        if (surveySource == source) {
            surveySource = null;
            surveys = SurveyFigures.NONE;
        }
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The report on {@code program} for the query's period (defaults resolved against {@code today}) and cohort.
     * Throws {@link MetricsQuery.Invalid} for a period or cohort the program does not have.
     */
    public MetricsReport report(Tx tx, Program program, MetricsQuery query, LocalDate today) throws SQLException {
        Period period = query.period(program, today);
        int minimum = settings.minimumGroupSize();
        ProgramData data = ProgramData.load(tx, program.id());
        Map<YearMonth, Long> cohorts = data.enrollments().stream()
                .collect(Collectors.groupingBy(Enrolled::cohort, TreeMap::new, Collectors.counting()));
        if (query.cohort() != null && !cohorts.containsKey(query.cohort())) {
            throw new MetricsQuery.Invalid("unknown-cohort", "nobody enrolled in program " + program.id() + " in "
                    + query.cohort() + "; its cohorts are the months people enrolled: "
                    + (cohorts.isEmpty() ? "none yet" : cohorts.keySet().stream().map(YearMonth::toString)
                            .collect(Collectors.joining(", "))));
        }
        List<Enrolled> enrolled = data.cohort(query.cohort());
        Set<String> people = query.cohort() == null ? null
                : enrolled.stream().map(Enrolled::personId).collect(Collectors.toUnmodifiableSet());
        List<LivePairing> pairings = data.pairingsOf(people);
        Map<String, LivePairing> byId = data.pairings().stream()
                .collect(Collectors.toMap(LivePairing::id, Function.identity()));
        List<SessionFrequency.Held> held = SessionFrequency.held(tx, program.id(), byId, period);
        List<GoalCompletion.Due> goals = GoalCompletion.due(tx, program.id(), period);
        List<Period.Bucket> buckets = period.split(query.breakdown());
        SurveyFigures.Results survey = surveys.compute(tx,
                new SurveyFigures.Scope(program.id(), period, buckets, people, minimum));
        WorkforceOutcomes.Outcomes outcomes = WorkforceOutcomes.compute(tx, participants(enrolled, pairings, period),
                data.enrollments().stream().map(Enrolled::personId).collect(Collectors.toSet()), period,
                settings.gradeLadder(), minimum);

        List<MetricsReport.PeriodFigures> periods = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Period.Bucket bucket = buckets.get(i);
            Period part = bucket.period();
            periods.add(new MetricsReport.PeriodFigures(bucket.label(), part.from(), part.to(),
                    Participation.rate(enrolled, pairings, part, minimum),
                    Participation.activePairings(pairings, part, minimum),
                    SessionFrequency.perPairingMonth(pairings, held, part, minimum),
                    GoalCompletion.rate(goals, people, part, minimum),
                    survey.satisfactionByBucket().get(i)));
        }
        Figure goalCompletion = GoalCompletion.rate(goals, people, period, minimum);
        List<MetricsReport.Cohort> cohortList = new ArrayList<>();
        cohorts.forEach((month, count) -> cohortList.add(new MetricsReport.Cohort(month.toString(),
                count >= minimum ? count.intValue() : null)));
        return new MetricsReport(program.id(), program.name(), period.from(), period.to(),
                query.cohort() == null ? null : query.cohort().toString(), query.breakdown(), minimum,
                Participation.rate(enrolled, pairings, period, minimum),
                Participation.activePairings(pairings, period, minimum),
                SessionFrequency.perPairingMonth(pairings, held, period, minimum),
                goalCompletion,
                goalCompletion.shown() ? GoalCompletion.abandoned(goals, people, period) : null,
                survey.responseRate(), survey.nps(), survey.satisfaction(),
                outcomes.retention(), outcomes.promotion(), outcomes.promotionRule(),
                outcomes.unrankedGradeChanges(), List.copyOf(periods), List.copyOf(cohortList), FORMULAS);
    }

    /** The enrolled people (of the cohort) in one of the program's pairings live during the period. */
    private static Set<String> participants(List<Enrolled> enrolled, List<LivePairing> pairings, Period period) {
        Set<String> members = new java.util.HashSet<>();
        pairings.stream().filter(p -> p.liveDuring(period)).forEach(p -> members.addAll(p.members()));
        return enrolled.stream().map(Enrolled::personId).filter(members::contains).collect(Collectors.toSet());
    }

    /** A program by id, or by name (names are unique, compared without case), for the shell. */
    public static java.util.Optional<Program> findProgram(Tx tx, String idOrName) throws SQLException {
        ProgramStore programs = new ProgramStore();
        if (EntityStore.isUuid(idOrName)) {
            var byId = programs.find(tx, idOrName);
            if (byId.isPresent()) {
                return byId.map(Stored::value);
            }
        }
        java.util.Optional<String> id = tx.one("SELECT id FROM program WHERE LOWER(name) = LOWER(?)",
                row -> Tx.uuid(row, "id"), idOrName);
        return id.isEmpty() ? java.util.Optional.empty() : programs.find(tx, id.get()).map(Stored::value);
    }

    /** Each figure's formula, returned with every report (the README's "Program metrics" section says the same). */
    static final Map<String, String> FORMULAS = formulas();

    private static Map<String, String> formulas() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("participation_rate", "enrolled people in a pairing live during the period / enrolled people "
                + "(enrolled by the period's end, not withdrawn before it began)");
        f.put("active_pairings", "pairings live on at least one day of the period (live: from publication to "
                + "completion or dissolution, both days included)");
        f.put("sessions_per_pairing_month", "sessions held in the period (mentor and at least one mentee ATTENDED) "
                + "/ pairing-months live in the period (each month's live days / the month's days)");
        f.put("goal_completion", "goals due in the period now COMPLETED / goals due in the period not ABANDONED "
                + "(abandoned goals counted apart)");
        f.put("survey_response_rate", "invitations sent in the period that were answered / invitations sent in "
                + "the period");
        f.put("nps", "% promoters (9-10) - % detractors (0-6) over each respondent's latest nps answer in the period");
        f.put("satisfaction", "mean of the satisfaction answers (1-5) submitted in the period (per month or quarter "
                + "in periods: the trend)");
        f.put("retention", "people employed when the period starts (status A or L) with no change to status T "
                + "effective in the period / those people; participants (enrolled and in a pairing live during the "
                + "period) against non-participants (not enrolled, in no live pairing of any program)");
        f.put("promotion", "people employed when the period starts with an upward grade change effective in the "
                + "period / those people; same groups as retention; upward: see promotion_rule");
        f.put("privacy", "a figure over fewer than minimum_group_size people is not shown (value, parts and count)");
        return java.util.Collections.unmodifiableMap(f);
    }
}
