package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Forbids pairing two people of the same team (team names compared trimmed and case-insensitively); a person
 * without a team can be paired with anyone. Optional: a program applies it by listing its id, for programs meant
 * to build ties across teams.
 */
@Component
public class SameTeamConstraint implements MatchingConstraint {

    @Override
    public String id() {
        return "not-same-team";
    }

    @Override
    public String displayName() {
        return "Not in the same team";
    }

    @Override
    public Rule prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        Map<String, Integer> teamIds = new HashMap<>();
        int[] teams = new int[roster.size()];
        for (Participant p : roster.people()) {
            String team = p.team() == null ? "" : Text.key(p.team());
            teams[p.index()] = team.isEmpty() ? -1 : teamIds.computeIfAbsent(team, t -> teamIds.size());
        }
        return new Rule() {
            @Override
            public boolean allows(Participant mentor, Participant mentee) {
                int team = teams[roster.indexOf(mentor)];
                return team != teams[roster.indexOf(mentee)] || team < 0;
            }

            @Override
            public String reason(Participant mentor, Participant mentee) {
                return allows(mentor, mentee) ? "the mentor and mentee are in different teams"
                        : "the mentor and mentee are in the same team";
            }
        };
    }
}
