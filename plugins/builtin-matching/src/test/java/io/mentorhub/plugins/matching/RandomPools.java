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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random pools with every field sometimes empty or unknown. Consented attribute values are distinctive
 * markers ({@link #SENSITIVE_MARKER}) so a test can prove no reason ever shows one.
 */
final class RandomPools {

    static final String SENSITIVE_MARKER = "zqsecret";

    private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo",
            "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Auckland", "America/Los_Angeles", "UTC", "Mars/Olympus_Mons");
    private static final List<String> LANGUAGES = List.of("en", "en-GB", "fr", "fr-CA", "de", "es", "ja", "pt-BR",
            "zh-Hans", "hi");
    private static final List<String> SLOTS;
    private static final List<String> WORDS = List.of("lead", "team", "manager", "engineering", "data", "science",
            "product", "design", "sales", "become", "a", "the", "strategy", "architect", "principal", "people",
            "growth", "finance", "director", "coach");
    private static final List<String> ATTRIBUTES = List.of("gender", "ethnicity", "parent");

    static {
        List<String> slots = new ArrayList<>();
        for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
            for (String part : List.of("AM", "PM", "EVE")) {
                slots.add(day + "_" + part);
            }
        }
        SLOTS = List.copyOf(slots);
    }

    private RandomPools() {
    }

    /** A pool of the given format; in PEER programs everyone is in both lists (mentors + mentees people). */
    static MatchingPool pool(long seed, ProgramFormat format, int mentors, int mentees) {
        Random random = new Random(seed);
        int people = mentors + mentees;
        List<Participant> mentorList = new ArrayList<>();
        List<Participant> menteeList = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            boolean mentor = i < mentors;
            Role role = format == ProgramFormat.PEER ? Role.BOTH : mentor ? Role.MENTOR : Role.MENTEE;
            Participant p = person(random, i, role, people);
            if (role.mentors()) {
                mentorList.add(p);
            }
            if (role.isMentored()) {
                menteeList.add(p);
            }
        }
        Set<ExcludedPair> excluded = new HashSet<>();
        for (int k = 0; k < people / 4; k++) {
            excluded.add(new ExcludedPair(id(random.nextInt(people)), id(random.nextInt(people)),
                    random.nextBoolean() ? null : "dissolved after " + (k + 1) + " months"));
        }
        return new MatchingPool("program-" + seed, format, mentorList, menteeList, excluded, people);
    }

    static String id(int index) {
        return "p" + index;
    }

    private static Participant person(Random random, int index, Role role, int people) {
        Profile profile = new Profile(terms(random, 12), terms(random, 8), goals(random), pick(random,
                LearningStyle.values()), availability(random), some(random, LANGUAGES, 3));
        List<String> chain = new ArrayList<>();
        for (int up = random.nextInt(5); up > 0; up--) {
            chain.add(random.nextInt(4) == 0 ? "outside-" + random.nextInt(100) : id(random.nextInt(people)));
        }
        chain.remove(id(index));
        Map<String, String> consented = new HashMap<>();
        for (String attribute : ATTRIBUTES) {
            if (random.nextInt(3) == 0) {
                consented.put(attribute, marker(random));
            }
            if (random.nextInt(8) == 0) {
                consented.put(Participant.PREFERENCE_PREFIX + attribute, marker(random));
            }
        }
        return new Participant(index, id(index), role, profile, role.mentors() ? 1 + random.nextInt(3) : 0,
                random.nextInt(5) == 0 ? null : random.nextInt(12) - 1,
                random.nextInt(5) == 0 ? null : "team-" + random.nextInt(40),
                random.nextInt(6) == 0 ? null : ZONES.get(random.nextInt(ZONES.size())),
                some(random, LANGUAGES, 3), chain, consented);
    }

    private static String marker(Random random) {
        // Upper case sometimes: matching is case-insensitive, reasons must hide every spelling.
        String value = SENSITIVE_MARKER + random.nextInt(3);
        return random.nextBoolean() ? value : value.toUpperCase(Locale.ROOT);
    }

    private static List<String> terms(Random random, int max) {
        List<String> terms = new ArrayList<>();
        for (int n = random.nextInt(max + 1); n > 0; n--) {
            String term = "skill " + random.nextInt(60);
            terms.add(random.nextBoolean() ? term : term.toUpperCase(Locale.ROOT));
        }
        return terms;
    }

    private static List<String> goals(Random random) {
        List<String> goals = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            StringBuilder goal = new StringBuilder();
            for (int w = 1 + random.nextInt(8); w > 0; w--) {
                goal.append(WORDS.get(random.nextInt(WORDS.size()))).append(random.nextInt(4) == 0 ? "s " : " ");
            }
            goals.add(goal.toString());
        }
        return goals;
    }

    private static Availability availability(Random random) {
        if (random.nextInt(5) == 0) {
            return null;
        }
        return new Availability(random.nextInt(12), some(random, SLOTS, 6));
    }

    private static <T> T pick(Random random, T[] values) {
        int i = random.nextInt(values.length + 1);
        return i == values.length ? null : values[i];
    }

    private static List<String> some(Random random, List<String> values, int max) {
        List<String> chosen = new ArrayList<>();
        for (int n = random.nextInt(max + 1); n > 0; n--) {
            String value = values.get(random.nextInt(values.size()));
            if (!chosen.contains(value)) {
                chosen.add(value);
            }
        }
        return chosen;
    }
}
