package io.mentorhub.api.survey;

import java.net.URI;
import java.time.LocalDate;

/**
 * One person asked to answer one survey. {@code invitationId} is the hub's id and the idempotency key of the
 * invitation. {@code respondUrl} is the hub's signed link for this respondent (opaque to tools; it grants answering
 * as this person, so it is never logged). {@code respondentEmail} is given only to tools that deliver invitations
 * themselves ({@link SurveyTool#hubDelivers()} false). {@code pairingId} is null for program-wide surveys.
 */
public record Invitation(String invitationId, String respondentId, String respondentEmail, String programId,
        String pairingId, URI respondUrl, LocalDate dueOn) {

    public Invitation {
        Values.id("invitation_id", invitationId);
        Values.id("respondent_id", respondentId);
        respondentEmail = Values.email("respondent_email", respondentEmail);
        Values.id("program_id", programId);
        Values.optionalId("pairing_id", pairingId);
        Values.webAddress("respond_url", respondUrl);
        Values.required("due_on", dueOn);
    }

    /** Neither the signed link nor the e-mail address reach a log. */
    @Override
    public String toString() {
        return "Invitation[" + invitationId + ", respondent=" + respondentId + ", pairing=" + pairingId + ", due="
                + dueOn + "]";
    }
}
