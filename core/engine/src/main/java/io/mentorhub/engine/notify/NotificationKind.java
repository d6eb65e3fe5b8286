package io.mentorhub.engine.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The e-mails the hub sends. A person may opt out of each, or of all ({@link #ALL}). */
public enum NotificationKind {
    /** To each member when their pairing is published. */
    PAIRING_PUBLISHED("Pairing published"),
    /** To each member of a live pairing before a session. */
    SESSION_REMINDER("Session reminder"),
    /** To each respondent of a survey the hub delivers, with the signed respond link. */
    SURVEY_INVITATION("Survey invitation"),
    /** To a goal's owner before its due date. */
    GOAL_DUE("Goal due"),
    /** To each member of a pairing in its trial, before the trial ends. */
    TRIAL_ENDING("Trial ending"),
    /** To a program's managers when a participant answers, during the trial, that the pairing is not a good fit. */
    FIT_CONCERN("Fit concern in a trial"),
    /** Not a kind of e-mail: an opt-out of every kind. */
    ALL("All e-mail from the hub");

    private final String label;

    NotificationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static NotificationKind fromWire(String value) {
        for (NotificationKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("kind must be one of pairing_published, session_reminder, "
                + "survey_invitation, goal_due, trial_ending, fit_concern, all");
    }
}
