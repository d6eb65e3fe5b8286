package io.mentorhub.plugins.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms of one run, numbered most frequent first (ties alphabetically, so the numbering never depends on the
 * order people are listed in). Frequent terms thus get low ids and share {@link TermSet} words.
 */
final class Vocabulary {

    private final Map<String, Integer> ids;

    private Vocabulary(Map<String, Integer> ids) {
        this.ids = ids;
    }

    /** Counts every occurrence of every term in the given lists (terms already normalised). */
    static Vocabulary of(Collection<? extends Collection<String>> termLists) {
        Map<String, int[]> counts = new HashMap<>();
        for (Collection<String> terms : termLists) {
            for (String term : terms) {
                counts.computeIfAbsent(term, t -> new int[1])[0]++;
            }
        }
        List<Map.Entry<String, int[]>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey));
        Map<String, Integer> ids = new HashMap<>(ranked.size() * 2);
        for (int i = 0; i < ranked.size(); i++) {
            ids.put(ranked.get(i).getKey(), i);
        }
        return new Vocabulary(ids);
    }

    /** How many distinct terms: ids are 0..size-1. */
    int size() {
        return ids.size();
    }

    /** The id of a term, or -1 if the run never used it. */
    int id(String term) {
        Integer id = ids.get(term);
        return id == null ? -1 : id;
    }

    /** The set of the given terms; terms outside the vocabulary are left out. */
    TermSet setOf(Collection<String> terms) {
        int[] found = new int[terms.size()];
        int count = 0;
        for (String term : terms) {
            int id = id(term);
            if (id >= 0) {
                found[count++] = id;
            }
        }
        return TermSet.of(count == found.length ? found : java.util.Arrays.copyOf(found, count));
    }
}
