package io.mentorhub.plugins.surveys.builtin;

import io.mentorhub.plugins.surveys.templates.SurveyTemplates;
import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyContext;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyInbox;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyResponse;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.api.survey.SurveyToolException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The built-in survey tool: five templates ({@link SurveyTemplates}) answered on the hub's own form. The hub e-mails the
 * signed link, records what the respondent submits in its {@link SurveyInbox}, and this tool reads the inbox back in
 * {@link #collect}, turning raw form fields into checked answers, so built-in and vendor responses reach the hub the
 * same way. No I/O of its own, no state.
 */
@Component(configurationPid = BuiltinSurveyTool.PID)
@Designate(ocd = BuiltinSurveyTool.Config.class)
public class BuiltinSurveyTool implements SurveyTool {

    static final String PID = "io.mentorhub.survey.builtin";

    @ObjectClassDefinition(name = "Built-in surveys")
    @interface Config {
        @AttributeDefinition(name = "Page size", description = "Responses per collect call (1-1000).", min = "1",
                max = "1000")
        int pageSize() default 100;
    }

    private final int pageSize;
    private final SurveyInbox inbox;

    /** The inbox is optional so the tool can define surveys before the hub offers one; greedy rebinds when it comes. */
    @Activate
    public BuiltinSurveyTool(Config config, @Reference(cardinality = ReferenceCardinality.OPTIONAL,
            policyOption = ReferencePolicyOption.GREEDY) SurveyInbox inbox) {
        if (config.pageSize() < 1 || config.pageSize() > 1000) {
            throw new IllegalArgumentException("pageSize must be 1-1000, was " + config.pageSize());
        }
        this.pageSize = config.pageSize();
        this.inbox = inbox;
    }

    @Override
    public String id() {
        return "builtin";
    }

    @Override
    public String displayName() {
        return "Built-in surveys";
    }

    @Override
    public Set<SurveyKind> supportedKinds() {
        return EnumSet.allOf(SurveyKind.class);
    }

    /** The survey id names the template version, kind and program, so each program's answers stay apart. */
    @Override
    public SurveyDefinition define(SurveyKind kind, SurveyContext context) {
        if (kind == null || context == null) {
            throw new IllegalArgumentException("kind and context are required");
        }
        String surveyId = "builtin-" + SurveyTemplates.VERSION + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + "-" + context.programId();
        if (surveyId.length() > 128) {
            throw new IllegalArgumentException("program id too long for a survey id: " + context.programId());
        }
        return new SurveyDefinition(surveyId, kind, SurveyTemplates.title(kind, context.programName()),
                SurveyTemplates.questions(kind), Map.of());
    }

    /** The hub delivers: every invitation is accepted, answered on the hub's form, referred to by its own id. */
    @Override
    public List<Distribution> distribute(SurveyDefinition survey, List<Invitation> invitations) {
        SurveyTool.requireValidBatch(invitations);
        return invitations.stream().map(i -> Distribution.accepted(i.invitationId(), i.invitationId(), null)).toList();
    }

    @Override
    public ResponsePage collect(SurveyDefinition survey, String cursor) throws SurveyToolException {
        if (inbox == null) {
            throw SurveyToolException.config("the hub offers no survey inbox yet, so built-in surveys cannot be"
                    + " collected");
        }
        SurveyInbox.Page page;
        try {
            page = inbox.read(survey.surveyId(), cursor, pageSize);
        } catch (RuntimeException e) {
            // The inbox is the hub's own store; its failure is worth a retry, and its message stays out of ours.
            throw SurveyToolException.transientFailure("the hub's survey inbox could not be read ("
                    + e.getClass().getSimpleName() + ")", null);
        }
        List<SurveyResponse> responses = new ArrayList<>();
        List<ResponsePage.Rejected> rejected = new ArrayList<>();
        for (SurveyInbox.Submission submission : page.submissions()) {
            try {
                responses.add(new SurveyResponse(submission.submissionId(), survey.surveyId(),
                        submission.externalRef(), submission.submittedAt(), survey.check(answers(survey, submission))));
            } catch (InvalidValueException e) {
                rejected.add(new ResponsePage.Rejected(submission.submissionId(), e.getMessage()));
            }
        }
        return new ResponsePage(responses, rejected, page.cursor(), page.more());
    }

    /**
     * Form fields to answers: a field per question id; blank means unanswered (forms post empty optional fields).
     * Errors name the question and the rule, never the submitted value.
     */
    static List<Answer> answers(SurveyDefinition survey, SurveyInbox.Submission submission) {
        List<Answer> answers = new ArrayList<>();
        for (Map.Entry<String, String> field : submission.fields().entrySet()) {
            Question question = survey.question(field.getKey()).orElseThrow(() -> new InvalidValueException(
                    "answers", "a form field is not a question of survey " + survey.surveyId()));
            String value = field.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            String name = "answers." + question.id();
            answers.add(switch (question.type()) {
                case SCALE_1_5, NPS_0_10 -> {
                    if (!value.matches("-?[0-9]{1,3}")) {
                        throw new InvalidValueException(name, "must be a whole number");
                    }
                    yield Answer.ofNumber(question.id(), Integer.parseInt(value));
                }
                case YES_NO -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "yes", "true" -> Answer.ofYesNo(question.id(), true);
                    case "no", "false" -> Answer.ofYesNo(question.id(), false);
                    default -> throw new InvalidValueException(name, "must be yes or no");
                };
                case FREE_TEXT -> Answer.ofText(question.id(), value);
            });
        }
        return answers;
    }

    @Override
    public String toString() {
        return "BuiltinSurveyTool[pageSize=" + pageSize + ", inbox=" + (inbox != null) + "]";
    }
}
