package io.mentorhub.plugins.matching;

import io.mentorhub.api.domain.Enrollment.Availability;
import io.mentorhub.api.domain.Enrollment.LearningStyle;
import io.mentorhub.api.domain.Enrollment.Profile;
import io.mentorhub.api.domain.Enrollment.Role;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.MatchingPool.ExcludedPair;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built pools for tests: people get the next pool index as they are added. */
final class PoolBuilder {

    private final ProgramFormat format;
    private final List<Participant> mentors = new ArrayList<>();
    private final List<Participant> mentees = new ArrayList<>();
    private final Set<ExcludedPair> excluded = new HashSet<>();
    private int next;

    PoolBuilder(ProgramFormat format) {
        this.format = format;
    }

    Person mentor(String id) {
        return new Person(id, format == ProgramFormat.PEER ? Role.BOTH : Role.MENTOR);
    }

    Person mentee(String id) {
        return new Person(id, format == ProgramFormat.PEER ? Role.BOTH : Role.MENTEE);
    }

    /** In PEER programs: one person, listed as mentor and as mentee. */
    Person peer(String id) {
        return new Person(id, Role.BOTH);
    }

    PoolBuilder exclude(String mentorId, String menteeId, String reason) {
        excluded.add(new ExcludedPair(mentorId, menteeId, reason));
        return this;
    }

    MatchingPool pool() {
        return new MatchingPool("program-1", format, mentors, mentees, excluded, next);
    }

    final class Person {
        private final String id;
        private final Role role;
        private List<String> skills = List.of();
        private List<String> areas = List.of();
        private List<String> goals = List.of();
        private LearningStyle style;
        private Availability availability;
        private List<String> preferred = List.of();
        private Integer level;
        private String team;
        private String timeZone;
        private List<String> languages = List.of();
        private List<String> chain = List.of();
        private final Map<String, String> consented = new LinkedHashMap<>();

        private Person(String id, Role role) {
            this.id = id;
            this.role = role;
        }

        Person skills(String... values) {
            skills = List.of(values);
            return this;
        }

        Person areas(String... values) {
            areas = List.of(values);
            return this;
        }

        Person goals(String... values) {
            goals = List.of(values);
            return this;
        }

        Person style(LearningStyle value) {
            style = value;
            return this;
        }

        Person availability(int hoursPerMonth, String... slots) {
            availability = new Availability(hoursPerMonth, List.of(slots));
            return this;
        }

        Person prefers(String... values) {
            preferred = List.of(values);
            return this;
        }

        Person level(Integer value) {
            level = value;
            return this;
        }

        Person team(String value) {
            team = value;
            return this;
        }

        Person zone(String value) {
            timeZone = value;
            return this;
        }

        Person speaks(String... values) {
            languages = List.of(values);
            return this;
        }

        Person managers(String... nearestFirst) {
            chain = List.of(nearestFirst);
            return this;
        }

        Person consented(String name, String value) {
            consented.put(name, value);
            return this;
        }

        /** Adds the person to the pool (as mentor or mentee by role; both for BOTH) and returns them. */
        Participant add() {
            Profile profile = new Profile(skills, areas, goals, style, availability, preferred);
            Participant p = new Participant(next++, id, role, profile, role.mentors() ? 1 : 0, level, team, timeZone,
                    languages, chain, consented);
            if (role.mentors()) {
                mentors.add(p);
            }
            if (role.isMentored()) {
                mentees.add(p);
            }
            return p;
        }
    }
}
