package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;

/**
 * An opt-in diversity preference: a mentee's consented attribute {@code preferred_mentor.<name>} = value asks for
 * mentors whose consented attribute {@code <name>} has that value (compared trimmed and case-insensitively). Only
 * {@link Participant#consentedAttributes()} are read — attributes each person shared for matching — and nothing is
 * ever inferred, so a mentor who did not share {@code <name>} does not meet the preference. A mentee with several
 * preferences asks for all of them. In PEER programs each is the other's mentee, so preferences hold both ways.
 * Values are sensitive: they appear in no reason and no error.
 */
@Component
public class DiversityPreferenceConstraint implements MatchingConstraint {

    @Override
    public String id() {
        return "diversity-preference";
    }

    @Override
    public String displayName() {
        return "Diversity preference (opt-in)";
    }

    @Override
    public Rule prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        // Numbers for every attribute name asked about, and for every (name, value) asked for.
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> wanted = new HashMap<>();
        int[][] preferenceNames = new int[roster.size()][];
        int[][] preferenceValues = new int[roster.size()][];
        for (Participant p : roster.people()) {
            TreeMap<Integer, Integer> preferences = new TreeMap<>();
            p.consentedAttributes().forEach((key, value) -> {
                if (!key.startsWith(Participant.PREFERENCE_PREFIX)) {
                    return;
                }
                String name = Text.key(key.substring(Participant.PREFERENCE_PREFIX.length()));
                if (name.isEmpty()) {
                    throw new IllegalArgumentException(p + " has a diversity preference without an attribute name: "
                            + key);
                }
                int nameId = names.computeIfAbsent(name, n -> names.size());
                int valueId = wanted.computeIfAbsent(name + '\n' + Text.key(value), v -> wanted.size());
                preferences.put(nameId, valueId);
            });
            preferenceNames[p.index()] = preferences.keySet().stream().mapToInt(Integer::intValue).toArray();
            preferenceValues[p.index()] = preferences.values().stream().mapToInt(Integer::intValue).toArray();
        }
        // What each person shared for each name asked about: the (name, value) number, or -1 (not shared, or a
        // value nobody asked for). Flat: person × name.
        int width = names.size();
        int[] shared = new int[roster.size() * width];
        Arrays.fill(shared, -1);
        for (Participant p : roster.people()) {
            p.consentedAttributes().forEach((key, value) -> {
                Integer nameId = names.get(Text.key(key));
                if (nameId != null) {
                    shared[p.index() * width + nameId] = wanted.getOrDefault(Text.key(key) + '\n' + Text.key(value), -1);
                }
            });
        }
        return new Rule() {
            @Override
            public boolean allows(Participant mentor, Participant mentee) {
                int m = roster.indexOf(mentor);
                int e = roster.indexOf(mentee);
                return meets(m, e) && (!roster.peer() || meets(e, m));
            }

            private boolean meets(int mentor, int mentee) {
                int[] asked = preferenceNames[mentee];
                int[] values = preferenceValues[mentee];
                for (int k = 0; k < asked.length; k++) {
                    if (shared[mentor * width + asked[k]] != values[k]) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public String reason(Participant mentor, Participant mentee) {
                int m = roster.indexOf(mentor);
                int e = roster.indexOf(mentee);
                if (!meets(m, e)) {
                    return "does not meet a diversity preference the mentee opted into";
                }
                if (roster.peer() && !meets(e, m)) {
                    return "does not meet a diversity preference the mentor opted into";
                }
                return "meets every diversity preference opted into";
            }
        };
    }
}
