package io.mentorhub.engine.metrics;

import io.mentorhub.api.survey.NpsBand;
import io.mentorhub.engine.metrics.SurveyRows.Answered;
import io.mentorhub.engine.metrics.SurveyRows.Invited;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The survey figures from survey rows, for the people in scope:
 *
 * <ul>
 * <li>response rate = invitations sent in the period that were answered ÷ invitations sent in the period; people:
 * the distinct invitees;
 * <li>NPS = % promoters − % detractors (−100..100, one decimal) over each respondent's latest nps answer submitted
 * in the period (0-6 detractor, 7-8 passive, 9-10 promoter); people: those respondents;
 * <li>satisfaction = mean of the satisfaction answers (1-5, four decimals) submitted in the period, and the same per
 * month or quarter for the trend; people: the distinct respondents.
 * </ul>
 */
final class SurveyTally {

    private SurveyTally() {
    }

    static SurveyFigures.Results tally(SurveyRows rows, SurveyFigures.Scope scope) {
        Period period = scope.period();
        int minimum = scope.minimumGroupSize();
        Set<String> people = scope.people();

        long sent = 0;
        long answered = 0;
        Set<String> invitees = new HashSet<>();
        for (Invited invited : rows.invitations()) {
            if (period.contains(invited.sentOn()) && (people == null || people.contains(invited.personId()))) {
                sent++;
                invitees.add(invited.personId());
                if (invited.answered()) {
                    answered++;
                }
            }
        }
        Figure responseRate = Figure.rate(answered, sent, invitees.size(), minimum,
                "no survey invitation was sent in the period");

        List<Answered> inScope = new ArrayList<>();
        for (Answered response : rows.responses()) {
            if (period.contains(day(response)) && (people == null || people.contains(response.personId()))) {
                inScope.add(response);
            }
        }
        Map<String, Answered> latestNps = new HashMap<>();
        for (Answered response : inScope) {
            if (response.nps() != null) {
                latestNps.merge(response.personId(), response,
                        (a, b) -> b.submittedAt().isAfter(a.submittedAt()) ? b : a);
            }
        }
        long promoters = 0;
        long detractors = 0;
        for (Answered response : latestNps.values()) {
            NpsBand band = NpsBand.of(response.nps());
            promoters += band == NpsBand.PROMOTER ? 1 : 0;
            detractors += band == NpsBand.DETRACTOR ? 1 : 0;
        }
        Figure nps = Figure.ratio(promoters - detractors, latestNps.size(), latestNps.size(), minimum,
                "no nps answer was submitted in the period", 100, 1);

        Figure satisfaction = satisfaction(inScope, period, minimum);
        List<Figure> trend = new ArrayList<>();
        for (Period.Bucket bucket : scope.buckets()) {
            trend.add(satisfaction(inScope, bucket.period(), minimum));
        }
        return new SurveyFigures.Results(responseRate, nps, satisfaction, List.copyOf(trend));
    }

    private static Figure satisfaction(List<Answered> responses, Period period, int minimum) {
        long sum = 0;
        long count = 0;
        Set<String> respondents = new HashSet<>();
        for (Answered response : responses) {
            if (response.satisfaction() != null && period.contains(day(response))) {
                sum += response.satisfaction();
                count++;
                respondents.add(response.personId());
            }
        }
        return Figure.ratio(sum, count, respondents.size(), minimum,
                "no satisfaction answer was submitted in the period", 1, 4);
    }

    private static LocalDate day(Answered response) {
        return ProgramData.day(response.submittedAt());
    }
}
