package io.mentorhub.plugins.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Language tags compared by their primary language: "en-GB" and "en-US" speakers understand each other, as do
 * "fr" and "fr-CA". (A deliberate simplification: it also equates written variants such as zh-Hans and zh-Hant.)
 */
final class Languages {

    private Languages() {
    }

    /** "fr-CA" → "fr". */
    static String primary(String tag) {
        String t = tag.strip();
        int dash = t.indexOf('-');
        return (dash < 0 ? t : t.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    /** The distinct primary languages of some tags, in order. */
    static List<String> primaries(List<String> tags) {
        Set<String> primaries = new LinkedHashSet<>();
        for (String tag : tags) {
            String primary = primary(tag);
            if (!primary.isEmpty()) {
                primaries.add(primary);
            }
        }
        return List.copyOf(primaries);
    }

    /** "fr" → "French"; a code Java has no English name for stays as it is. */
    static String name(String primary) {
        String name = Locale.forLanguageTag(primary).getDisplayLanguage(Locale.ENGLISH);
        return name.isEmpty() ? primary : name;
    }

    static List<String> names(List<String> primaries) {
        List<String> names = new ArrayList<>(primaries.size());
        for (String primary : primaries) {
            names.add(name(primary));
        }
        return names;
    }
}
