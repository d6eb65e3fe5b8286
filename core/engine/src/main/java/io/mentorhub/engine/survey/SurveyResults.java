package io.mentorhub.engine.survey;

import io.mentorhub.api.survey.NpsBand;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.QuestionType;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Aggregated answers to one kind of survey in one program, for HR and the program's managers. A group (everyone, or
 * mentors and mentees apart) with fewer distinct respondents than the anonymity threshold is hidden whole, and so is
 * a question fewer than that many of the group answered: counts, means and NPS of small groups could point at a
 * person. Free-text answers are confidential and never aggregated here; no individual answer is ever returned.
 */
public final class SurveyResults {

    public record Results(String programId, SurveyKind kind, int anonymityThreshold, List<Group> groups) {
    }

    /** {@code hidden} groups carry their name and why only. */
    public record Group(String name, boolean hidden, String hiddenReason, Long respondents, Long responses,
            List<QuestionResult> questions, Nps nps) {
    }

    /**
     * One closed question: how many answered; for scales the mean and the count per value; for yes/no the counts.
     */
    public record QuestionResult(String questionId, String text, QuestionType type, boolean hidden, Long answered,
            Double mean, Map<String, Long> distribution) {
    }

    /** Net Promoter Score: % promoters (9-10) minus % detractors (0-6), from -100 to 100. */
    public record Nps(boolean hidden, Long answered, Integer score, Long promoters, Long passives, Long detractors) {
    }

    private SurveyResults() {
    }

    /** {@code by}: null for one group of everyone, "role" for mentors and mentees apart. */
    public static Results of(Tx tx, String programId, SurveyKind kind, String by, int threshold) throws SQLException {
        Map<String, Question> questions = new LinkedHashMap<>();
        for (String definition : tx.query("SELECT definition FROM survey WHERE program_id = ? AND kind = ? ORDER BY "
                + "created_at", row -> row.getString(1), Tx.uuid(programId), kind)) {
            for (Question q : EntityStore.json(definition, SurveyDefinition.class).questions()) {
                if (q.type() != QuestionType.FREE_TEXT) {
                    questions.putIfAbsent(q.id(), q);
                }
            }
        }
        record Row(String response, String respondent, String group, String question, Integer number, Boolean yes) {
        }
        List<Row> rows = tx.query("SELECT r.id, r.respondent_id, e.role, a.question_id, a.number_value, a.yes_value "
                + "FROM survey_response r JOIN survey_answer a ON a.response_id = r.id LEFT JOIN enrollment e ON "
                + "e.program_id = r.program_id AND e.person_id = r.respondent_id WHERE r.program_id = ? AND r.kind = ? "
                + "AND a.text_value IS NULL", row -> new Row(Tx.uuid(row, "id"), row.getString("respondent_id"),
                        "role".equals(by) ? roleGroup(row.getString("role")) : "all", row.getString("question_id"),
                        (Integer) row.getObject("number_value"), (Boolean) row.getObject("yes_value")),
                Tx.uuid(programId), kind);
        Map<String, List<Row>> byGroup = new TreeMap<>();
        if (!"role".equals(by)) {
            byGroup.put("all", new ArrayList<>());
        } else {
            byGroup.put("mentors", new ArrayList<>());
            byGroup.put("mentees", new ArrayList<>());
        }
        rows.forEach(r -> byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<Row>> entry : byGroup.entrySet()) {
            List<Row> group = entry.getValue();
            Set<String> respondents = new HashSet<>();
            Set<String> responses = new HashSet<>();
            group.forEach(r -> {
                respondents.add(r.respondent());
                responses.add(r.response());
            });
            if (respondents.size() < threshold) {
                groups.add(new Group(entry.getKey(), true, "fewer than " + threshold + " respondents", null, null, null,
                        null));
                continue;
            }
            List<QuestionResult> results = new ArrayList<>();
            Nps nps = null;
            for (Question q : questions.values()) {
                List<Row> answers = group.stream().filter(r -> r.question().equals(q.id())).toList();
                long answeredBy = answers.stream().map(Row::respondent).distinct().count();
                if (answeredBy < threshold) {
                    results.add(new QuestionResult(q.id(), q.text(), q.type(), true, null, null, null));
                    if (q.id().equals(SurveyDefinition.NPS_QUESTION)) {
                        nps = new Nps(true, null, null, null, null, null);
                    }
                    continue;
                }
                Map<String, Long> distribution = new LinkedHashMap<>();
                Double mean = null;
                if (q.type() == QuestionType.YES_NO) {
                    distribution.put("yes", answers.stream().filter(r -> Boolean.TRUE.equals(r.yes())).count());
                    distribution.put("no", answers.stream().filter(r -> Boolean.FALSE.equals(r.yes())).count());
                } else {
                    for (int n = q.type().min(); n <= q.type().max(); n++) {
                        int value = n;
                        distribution.put(Integer.toString(n), answers.stream()
                                .filter(r -> r.number() != null && r.number() == value).count());
                    }
                    mean = Math.round(answers.stream().mapToInt(Row::number).average().orElse(0) * 100) / 100.0;
                }
                results.add(new QuestionResult(q.id(), q.text(), q.type(), false, (long) answers.size(), mean,
                        distribution));
                if (q.id().equals(SurveyDefinition.NPS_QUESTION)) {
                    Map<NpsBand, Long> bands = new HashMap<>();
                    answers.forEach(r -> bands.merge(NpsBand.of(r.number()), 1L, Long::sum));
                    long total = answers.size();
                    long promoters = bands.getOrDefault(NpsBand.PROMOTER, 0L);
                    long detractors = bands.getOrDefault(NpsBand.DETRACTOR, 0L);
                    nps = new Nps(false, total, (int) Math.round(100.0 * (promoters - detractors) / total), promoters,
                            bands.getOrDefault(NpsBand.PASSIVE, 0L), detractors);
                }
            }
            groups.add(new Group(entry.getKey(), false, null, (long) respondents.size(), (long) responses.size(),
                    results, nps));
        }
        return new Results(programId, kind, threshold, groups);
    }

    private static String roleGroup(String enrollmentRole) {
        if (enrollmentRole == null) {
            return "not_enrolled";
        }
        return switch (enrollmentRole.toUpperCase(Locale.ROOT)) {
            case "MENTOR" -> "mentors";
            case "MENTEE" -> "mentees";
            default -> "mentors_and_mentees";
        };
    }
}
