package io.mentorhub.api.domain;

import java.time.Instant;

/**
 * What a participant wrote after a session. Confidential by default: PRIVATE is readable by its author only, PAIR by
 * the people in the pairing, SHARED_FOR_REVIEW also by HR for performance reviews — and only with the moment the
 * author consented to that on record.
 */
public record Reflection(String id, String pairingId, String sessionId, String authorId, String text,
        Visibility visibility, Instant consentedAt) {

    public enum Visibility {
        PRIVATE, PAIR, SHARED_FOR_REVIEW
    }

    public Reflection {
        id = Check.uuid("id", id);
        pairingId = Check.requiredUuid("pairing_id", pairingId);
        sessionId = Check.uuid("session_id", sessionId);
        authorId = Check.id("author_id", authorId);
        text = Check.longText("text", text, 20_000);
        visibility = visibility == null ? Visibility.PRIVATE : visibility;
        if (visibility == Visibility.SHARED_FOR_REVIEW && consentedAt == null) {
            throw new InvalidValueException("consented_at", "is required to share a reflection for review");
        }
        if (visibility != Visibility.SHARED_FOR_REVIEW && consentedAt != null) {
            throw new InvalidValueException("consented_at", "is only recorded for SHARED_FOR_REVIEW");
        }
    }

    public Reflection withId(String newId) {
        return new Reflection(newId, pairingId, sessionId, authorId, text, visibility, consentedAt);
    }

    /** Never print the text: reflections are confidential and must not reach a log. */
    @Override
    public String toString() {
        return "Reflection[id=" + id + ", pairingId=" + pairingId + ", authorId=" + authorId + ", visibility="
                + visibility + "]";
    }
}
