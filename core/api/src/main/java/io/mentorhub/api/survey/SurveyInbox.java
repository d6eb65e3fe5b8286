package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The answers the hub received on its own signed respond links, as submitted (form field name to value), for tools
 * whose respondents answer on the hub's form. The hub implements it; such a tool reads it page by page in
 * {@link SurveyTool#collect}, so hub-hosted and vendor-hosted responses reach the hub through the same call.
 * Submissions are kept in the order received; a read is stateless.
 */
@ProviderType
public interface SurveyInbox {

    /** Up to {@code limit} submissions to a survey after {@code cursor} (null: from the first). */
    Page read(String surveyId, String cursor, int limit);

    /**
     * One form submission: its id at the hub, the {@link Distribution#externalRef()} of the invitation it answers,
     * when, and the raw fields (values may hold confidential text: never log them).
     */
    record Submission(String submissionId, String externalRef, Instant submittedAt, Map<String, String> fields) {
        public Submission {
            Values.id("submission_id", submissionId);
            Values.id("external_ref", externalRef);
            Values.required("submitted_at", submittedAt);
            Values.required("fields", fields);
            if (fields.size() > 100) {
                throw new InvalidValueException("fields", "must have at most 100 entries");
            }
            Map<String, String> copy = new LinkedHashMap<>();
            fields.forEach((k, v) -> copy.put(Values.required("fields", k), Values.required("fields." + k, v)));
            fields = Collections.unmodifiableMap(copy);
        }

        @Override
        public String toString() {
            return "Submission[" + submissionId + ", ref=" + externalRef + ", fields=" + fields.keySet() + "]";
        }
    }

    /** {@code cursor} is never null; {@code more} false means the inbox has nothing after it yet. */
    record Page(List<Submission> submissions, String cursor, boolean more) {
        public Page {
            submissions = List.copyOf(Values.required("submissions", submissions));
            Values.text("cursor", cursor, 2000, false);
        }
    }
}
