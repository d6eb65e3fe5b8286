package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everyone's languages for one run as dense bitsets over the run's primary languages ({@link Languages}): a run
 * rarely sees more than 64, so a person's set is usually one long and a test is one AND. Shared by the language
 * scorer and the required-language rule.
 */
final class LanguageSets {

    private final Vocabulary vocabulary;
    private final int words;
    private final long[] spoken;
    private final long[] preferred;
    private final int[] firstPreferred;

    private LanguageSets(Vocabulary vocabulary, int words, long[] spoken, long[] preferred, int[] firstPreferred) {
        this.vocabulary = vocabulary;
        this.words = words;
        this.spoken = spoken;
        this.preferred = preferred;
        this.firstPreferred = firstPreferred;
    }

    static LanguageSets of(Roster roster) {
        List<List<String>> spokenLists = new ArrayList<>();
        for (Participant p : roster.people()) {
            spokenLists.add(Languages.primaries(p.allLanguages()));
        }
        Vocabulary vocabulary = Vocabulary.of(spokenLists);
        int words = Math.max(1, (vocabulary.size() + 63) / 64);
        long[] spoken = new long[roster.size() * words];
        long[] preferred = new long[roster.size() * words];
        int[] firstPreferred = new int[roster.size()];
        for (int i = 0; i < spokenLists.size(); i++) {
            Participant p = roster.people().get(i);
            for (String language : spokenLists.get(i)) {
                set(spoken, p.index() * words, vocabulary.id(language));
            }
            // Preferred languages are among allLanguages(), so each has an id.
            List<String> wanted = Languages.primaries(p.profile().preferredLanguages());
            for (String language : wanted) {
                set(preferred, p.index() * words, vocabulary.id(language));
            }
            firstPreferred[p.index()] = wanted.isEmpty() ? -1 : vocabulary.id(wanted.get(0));
        }
        return new LanguageSets(vocabulary, words, spoken, preferred, firstPreferred);
    }

    private static void set(long[] sets, int offset, int id) {
        sets[offset + (id >>> 6)] |= 1L << (id & 63);
    }

    boolean speaksAny(int person) {
        return any(spoken, person, spoken, person);
    }

    boolean prefersAny(int person) {
        return firstPreferred[person] >= 0;
    }

    /** Whether the two share a spoken language. */
    boolean share(int a, int b) {
        return any(spoken, a, spoken, b);
    }

    /** Whether {@code speaker} speaks a language {@code learner} prefers. */
    boolean speaksPreferred(int speaker, int learner) {
        return any(spoken, speaker, preferred, learner);
    }

    /** Whether {@code speaker} speaks the language {@code learner} listed first; false if they listed none. */
    boolean speaksFirstPreferred(int speaker, int learner) {
        int id = firstPreferred[learner];
        return id >= 0 && (spoken[speaker * words + (id >>> 6)] & 1L << (id & 63)) != 0;
    }

    /** Whether {@code speaker} speaks the given primary language. */
    boolean speaks(int speaker, String primary) {
        int id = vocabulary.id(primary);
        return id >= 0 && (spoken[speaker * words + (id >>> 6)] & 1L << (id & 63)) != 0;
    }

    private boolean any(long[] a, int i, long[] b, int j) {
        for (int w = 0; w < words; w++) {
            if ((a[i * words + w] & b[j * words + w]) != 0) {
                return true;
            }
        }
        return false;
    }
}
