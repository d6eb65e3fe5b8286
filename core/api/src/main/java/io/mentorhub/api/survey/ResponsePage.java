package io.mentorhub.api.survey;

import java.util.List;

/**
 * One page of {@link SurveyTool#collect}. {@code cursor} is never null: while {@code more} is true, pass it to get the
 * next page; once {@code more} is false the hub keeps it and passes it later to collect only what arrived or changed
 * since. {@code rejected} lists records the tool could not read (permanent for that record: the hub sets them aside
 * and goes on); a rejection never quotes an answer.
 */
public record ResponsePage(List<SurveyResponse> responses, List<Rejected> rejected, String cursor, boolean more) {

    public ResponsePage {
        responses = List.copyOf(Values.required("responses", responses));
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
        Values.text("cursor", cursor, 2000, false);
    }

    /** A record the tool could not turn into a response: its id at the tool and why. */
    public record Rejected(String externalId, String reason) {
        public Rejected {
            Values.id("external_id", externalId);
            reason = Values.text("reason", reason, 500, false);
        }
    }
}
