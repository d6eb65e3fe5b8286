package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;
import java.net.URI;

/**
 * What became of one invitation. Accepted: {@code externalRef} is the tool's id for it (responses carry the same
 * ref), and {@code answerAt} is the page where the respondent answers when that is not the hub's own form (the hub's
 * signed link then leads there). Refused: {@code refusal} says why (e.g. the address opted out); permanent for that
 * invitation.
 */
public record Distribution(String invitationId, String externalRef, URI answerAt, String refusal) {

    public Distribution {
        Values.id("invitation_id", invitationId);
        refusal = Values.optionalText("refusal", refusal, 500);
        if (refusal == null) {
            Values.id("external_ref", externalRef);
            if (answerAt != null) {
                Values.webAddress("answer_at", answerAt);
            }
        } else if (externalRef != null || answerAt != null) {
            throw new InvalidValueException("refusal", "a refused invitation has no external_ref or answer_at");
        }
    }

    public static Distribution accepted(String invitationId, String externalRef, URI answerAt) {
        return new Distribution(invitationId, externalRef, answerAt, null);
    }

    public static Distribution refused(String invitationId, String reason) {
        return new Distribution(invitationId, null, null, reason);
    }

    public boolean isAccepted() {
        return refusal == null;
    }

    /** {@code answerAt} may identify the respondent: never logged. */
    @Override
    public String toString() {
        return "Distribution[" + invitationId + (refusal == null ? ", ref=" + externalRef : ", refused: " + refusal)
                + "]";
    }
}
