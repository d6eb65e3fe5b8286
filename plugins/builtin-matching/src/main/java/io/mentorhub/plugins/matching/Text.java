package io.mentorhub.plugins.matching;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Normalising profile texts and writing reasons. */
final class Text {

    /**
     * Words that say nothing about which goal a person has: English function words and the phrasing people wrap
     * goals in ("I want to become ..."). Kept short on purpose; see the README.
     */
    static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "of", "to", "in", "into", "on", "onto", "for", "with", "at", "by",
            "from", "as", "about", "over", "within", "is", "are", "be", "being", "been", "become", "becoming", "get",
            "getting", "i", "me", "my", "we", "our", "it", "its", "this", "that", "want", "would", "like", "will",
            "can", "could", "some", "more", "next", "year", "years", "eventually", "day", "one");

    private Text() {
    }

    /** The comparison key of a term: trimmed, inner white space collapsed, lower case. */
    static String key(String text) {
        StringBuilder key = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = key.length() > 0;
            } else {
                if (space) {
                    key.append(' ');
                    space = false;
                }
                key.append(c);
            }
        }
        return key.toString().toLowerCase(Locale.ROOT);
    }

    /** The distinct keys of some terms, in their first-listed order. */
    static List<String> keys(List<String> terms) {
        Set<String> keys = new LinkedHashSet<>();
        for (String term : terms) {
            String key = key(term);
            if (!key.isEmpty()) {
                keys.add(key);
            }
        }
        return List.copyOf(keys);
    }

    /**
     * The distinct words of free texts, in order: split at anything but letters and digits, lower case, stop words
     * and one-letter words dropped, and a plural "s" taken off words longer than three letters (not after s, u or i:
     * "business", "status", "analysis" stay whole), so "leading teams" and "lead a team" share "team".
     */
    static List<String> words(List<String> texts) {
        Set<String> words = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        for (String text : texts) {
            for (int i = 0; i <= text.length(); i++) {
                char c = i < text.length() ? text.charAt(i) : ' ';
                if (Character.isLetterOrDigit(c)) {
                    word.append(c);
                } else if (word.length() > 0) {
                    addWord(words, word.toString().toLowerCase(Locale.ROOT));
                    word.setLength(0);
                }
            }
        }
        return List.copyOf(words);
    }

    private static void addWord(Set<String> words, String word) {
        if (word.length() < 2 || STOP_WORDS.contains(word)) {
            return;
        }
        int n = word.length();
        if (n > 3 && word.charAt(n - 1) == 's' && "sui".indexOf(word.charAt(n - 2)) < 0) {
            word = word.substring(0, n - 1);
        }
        words.add(word);
    }

    /** "a", "a and b", "a, b and c", or "a, b, c and 2 more" past {@code max} items. */
    static String list(List<String> items, int max) {
        int shown = items.size() > max ? max : items.size();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                text.append(i == items.size() - 1 ? " and " : ", ");
            }
            text.append(items.get(i));
        }
        if (shown < items.size()) {
            text.append(" and ").append(items.size() - shown).append(" more");
        }
        return text.toString();
    }

    /** A count with its noun: "1 level", "3 levels". */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
