package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A survey as a tool defined it: its id at the tool, its kind, title and questions in order. The hub stores the
 * definition and hands it back to {@link SurveyTool#distribute} and {@link SurveyTool#collect}, so a tool needs to keep
 * nothing: {@code toolData} holds what the tool needs to read answers back (e.g. the vendor's question and choice
 * ids); the hub never reads it.
 *
 * <p>Two question ids are reserved so the hub can act on answers whatever the tool: {@value #FIT_QUESTION} (YES_NO,
 * required, only in a FIRST_SESSION_FIT survey, which must have it) — "no" during the trial opens the re-match path
 * for the pairing — and {@value #NPS_QUESTION} (NPS_0_10; an NPS survey must have it).
 */
public record SurveyDefinition(String surveyId, SurveyKind kind, String title, List<Question> questions,
        Map<String, String> toolData) {

    /** "Is this a good fit?" in a first-session fit survey. */
    public static final String FIT_QUESTION = "good_fit";
    /** "How likely are you to recommend …?" on the 0-10 scale. */
    public static final String NPS_QUESTION = "nps";

    public SurveyDefinition {
        Values.id("survey_id", surveyId);
        Values.required("kind", kind);
        title = Values.text("title", title, 200, false);
        Values.required("questions", questions);
        if (questions.isEmpty() || questions.size() > 50) {
            throw new InvalidValueException("questions", "needs 1 to 50 questions");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = Values.required("questions[" + i + "]", questions.get(i));
            if (!ids.add(q.id())) {
                throw new InvalidValueException("questions", "names " + q.id() + " twice");
            }
        }
        questions = List.copyOf(questions);
        checkReserved(kind, questions);
        toolData = copyToolData(toolData);
    }

    private static void checkReserved(SurveyKind kind, List<Question> questions) {
        Question fit = questions.stream().filter(q -> q.id().equals(FIT_QUESTION)).findFirst().orElse(null);
        if (kind == SurveyKind.FIRST_SESSION_FIT) {
            if (fit == null || fit.type() != QuestionType.YES_NO || !fit.required()) {
                throw new InvalidValueException("questions", "a FIRST_SESSION_FIT survey asks " + FIT_QUESTION
                        + " as a required YES_NO question");
            }
        } else if (fit != null) {
            throw new InvalidValueException("questions", FIT_QUESTION + " is reserved for FIRST_SESSION_FIT surveys");
        }
        Question nps = questions.stream().filter(q -> q.id().equals(NPS_QUESTION)).findFirst().orElse(null);
        if (nps != null && nps.type() != QuestionType.NPS_0_10) {
            throw new InvalidValueException("questions", NPS_QUESTION + " must be an NPS_0_10 question");
        }
        if (kind == SurveyKind.NPS && nps == null) {
            throw new InvalidValueException("questions", "an NPS survey asks " + NPS_QUESTION);
        }
    }

    private static Map<String, String> copyToolData(Map<String, String> data) {
        if (data == null || data.isEmpty()) {
            return Map.of();
        }
        if (data.size() > 1000) {
            throw new InvalidValueException("tool_data", "must have at most 1000 entries");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 100) {
                throw new InvalidValueException("tool_data", "keys are 1-100 characters");
            }
            if (v == null || v.length() > 500) {
                throw new InvalidValueException("tool_data." + k, "values are 0-500 characters");
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /**
     * Checks a respondent's answers against this survey: every answer names a question of it, at most once, with a
     * value of the question's type and range, and every required question is answered. Returns the answers in
     * question order; throws {@link InvalidValueException} naming the first question that breaks a rule (never the
     * answer's text).
     */
    public List<Answer> check(List<Answer> answers) {
        Values.required("answers", answers);
        Map<String, Answer> byQuestion = new HashMap<>();
        for (Answer a : answers) {
            Values.required("answers[]", a);
            Question q = question(a.questionId()).orElseThrow(() -> new InvalidValueException(
                    "answers." + a.questionId(), "is not a question of survey " + surveyId));
            if (byQuestion.put(a.questionId(), a) != null) {
                throw new InvalidValueException("answers." + a.questionId(), "is answered twice");
            }
            checkValue(q, a);
        }
        for (Question q : questions) {
            if (q.required() && !byQuestion.containsKey(q.id())) {
                throw new InvalidValueException("answers." + q.id(), "is required");
            }
        }
        return questions.stream().map(q -> byQuestion.get(q.id())).filter(a -> a != null).toList();
    }

    private static void checkValue(Question q, Answer a) {
        String field = "answers." + q.id();
        switch (q.type()) {
            case SCALE_1_5, NPS_0_10 -> {
                if (a.number() == null) {
                    throw new InvalidValueException(field, "needs a number");
                }
                if (a.number() < q.type().min() || a.number() > q.type().max()) {
                    throw new InvalidValueException(field,
                            "must be between " + q.type().min() + " and " + q.type().max());
                }
            }
            case YES_NO -> {
                if (a.yes() == null) {
                    throw new InvalidValueException(field, "needs yes or no");
                }
            }
            case FREE_TEXT -> {
                if (a.text() == null) {
                    throw new InvalidValueException(field, "needs a text");
                }
            }
        }
    }
}
