package io.mentorhub.api.survey;

import io.mentorhub.api.HubPlugin;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A survey tool, built in or external: it defines surveys, distributes invitations and collects responses.
 *
 * <p>Tools are stateless and never retry: the hub owns schedules ({@link SurveySchedule}), stores definitions,
 * invitations, distributions and cursors, signs respond links, sends e-mail and reminders for tools that let it
 * ({@link #hubDelivers()}), retries on {@link SurveyToolException.Kind#TRANSIENT} and sets aside what is permanent.
 * Every method either returns or throws {@link SurveyToolException}; no other exception type of a tool's libraries
 * crosses this interface. A tool never logs a secret, a signed link, an e-mail address or an answer.
 */
@ConsumerType
public interface SurveyTool extends HubPlugin {

    /** The kinds {@link #define} accepts; at least one. */
    Set<SurveyKind> supportedKinds();

    /**
     * True if the hub e-mails each invitation's signed respond link itself (and sends the reminders); false if the
     * tool delivers invitations through its vendor, which then needs each respondent's e-mail address.
     */
    default boolean hubDelivers() {
        return true;
    }

    /**
     * Defines (or creates at the vendor) a survey of the given kind for a program. The hub stores the definition
     * and passes it back to {@link #distribute} and {@link #collect}.
     *
     * @throws IllegalArgumentException for a kind not in {@link #supportedKinds()}
     */
    SurveyDefinition define(SurveyKind kind, SurveyContext context) throws SurveyToolException;

    /**
     * Distributes invitations to one survey: at most {@value #MAX_INVITATIONS} per call, each id once. Returns one
     * {@link Distribution} per invitation, in the same order: accepted with the tool's ref, or refused with the reason
     * (permanent for that invitation). A failure of the whole call throws; the hub retries a TRANSIENT one with the
     * same invitations.
     */
    List<Distribution> distribute(SurveyDefinition survey, List<Invitation> invitations) throws SurveyToolException;

    /**
     * One page of completed responses to a survey, from {@code cursor} (null: from the beginning). Every returned
     * response passed {@link SurveyDefinition#check}; records that did not are in {@link ResponsePage#rejected()}.
     */
    ResponsePage collect(SurveyDefinition survey, String cursor) throws SurveyToolException;

    /** The most invitations one {@link #distribute} call takes. */
    int MAX_INVITATIONS = 500;

    /**
     * Checks a {@link #distribute} batch: not null, no null element, at most {@value #MAX_INVITATIONS}, each
     * invitation id once. Returns it unchanged or throws {@link IllegalArgumentException}.
     */
    static List<Invitation> requireValidBatch(List<Invitation> invitations) {
        if (invitations == null) {
            throw new IllegalArgumentException("invitations are required");
        }
        if (invitations.size() > MAX_INVITATIONS) {
            throw new IllegalArgumentException("at most " + MAX_INVITATIONS + " invitations per call, got "
                    + invitations.size());
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Invitation invitation : invitations) {
            if (invitation == null) {
                throw new IllegalArgumentException("an invitation is null");
            }
            if (!ids.add(invitation.invitationId())) {
                throw new IllegalArgumentException("invitation " + invitation.invitationId() + " is listed twice");
            }
        }
        return invitations;
    }
}
