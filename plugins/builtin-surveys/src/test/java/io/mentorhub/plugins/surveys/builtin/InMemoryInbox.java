package io.mentorhub.plugins.surveys.builtin;

import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyInbox;
import io.mentorhub.api.survey.SurveyToolException;
import io.mentorhub.testkit.SurveySandbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hub's inbox as a test keeps it: submissions per survey in arrival order, the cursor being how many were read.
 * As a sandbox it plays respondents submitting the hub's form (answers as the form posts them: strings).
 */
final class InMemoryInbox implements SurveyInbox, SurveySandbox {

    private final Map<String, List<Submission>> bySurvey = new HashMap<>();
    private boolean failing;
    private int sequence;

    @Override
    public synchronized Page read(String surveyId, String cursor, int limit) {
        if (failing) {
            throw new IllegalStateException("database at jdbc:postgresql://db/hub?password=hunter2 is down");
        }
        List<Submission> all = bySurvey.getOrDefault(surveyId, List.of());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page(all.subList(from, to), Integer.toString(to), to < all.size());
    }

    void submit(String surveyId, String externalRef, Map<String, String> fields) {
        synchronized (this) {
            sequence++;
            bySurvey.computeIfAbsent(surveyId, s -> new ArrayList<>()).add(new Submission("sub-" + sequence,
                    externalRef, Instant.parse("2026-03-01T09:00:00Z").plusSeconds(sequence), fields));
        }
    }

    @Override
    public void respond(SurveyDefinition survey, Invitation invitation, Distribution distribution,
            List<Answer> answers) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Answer a : answers) {
            fields.put(a.questionId(), a.number() != null ? a.number().toString()
                    : a.yes() != null ? (a.yes() ? "yes" : "no") : a.text());
        }
        // An optional question left empty arrives as an empty field.
        survey.questions().stream().filter(q -> !fields.containsKey(q.id())).forEach(q -> fields.put(q.id(), ""));
        submit(survey.surveyId(), distribution.externalRef(), fields);
    }

    @Override
    public void respondMalformed(SurveyDefinition survey, Invitation invitation, Distribution distribution) {
        Map<String, String> fields = new LinkedHashMap<>();
        survey.questions().forEach(q -> fields.put(q.id(), "eleven"));
        submit(survey.surveyId(), distribution.externalRef(), fields);
    }

    @Override
    public Set<SurveyToolException.Kind> stageableFailures() {
        return EnumSet.of(SurveyToolException.Kind.TRANSIENT);
    }

    @Override
    public synchronized void failWith(SurveyToolException.Kind kind) {
        failing = true;
    }

    @Override
    public synchronized void stopFailing() {
        failing = false;
    }

    @Override
    public boolean stagedFailuresReachDistribute() {
        return false;
    }
}
