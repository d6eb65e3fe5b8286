package io.mentorhub.plugins.matching;

import java.util.Arrays;

/**
 * A set of term ids as a sparse bitset: only the non-zero 64-bit words are kept, with their word numbers, in order.
 * With a run's vocabulary numbered most frequent first, common terms share a few low words, so intersecting two
 * sets is a short merge of AND + bitCount; a profile's handful of rare terms costs a word each, never a bitset as
 * wide as the vocabulary (which could be 100,000 terms in a large run).
 */
final class TermSet {

    static final TermSet EMPTY = new TermSet(new int[0], new long[0], 0);

    private final int[] keys;
    private final long[] words;
    private final int size;

    private TermSet(int[] keys, long[] words, int size) {
        this.keys = keys;
        this.words = words;
        this.size = size;
    }

    /** The set of the given ids (each >= 0, repeats allowed). */
    static TermSet of(int[] ids) {
        if (ids.length == 0) {
            return EMPTY;
        }
        int[] sorted = ids.clone();
        Arrays.sort(sorted);
        if (sorted[0] < 0) {
            throw new IllegalArgumentException("term ids are >= 0, was " + sorted[0]);
        }
        int[] keys = new int[sorted.length];
        long[] words = new long[sorted.length];
        int count = 0;
        int size = 0;
        for (int id : sorted) {
            int key = id >>> 6;
            if (count == 0 || keys[count - 1] != key) {
                keys[count++] = key;
            }
            long bit = 1L << (id & 63);
            if ((words[count - 1] & bit) == 0) {
                words[count - 1] |= bit;
                size++;
            }
        }
        return new TermSet(Arrays.copyOf(keys, count), Arrays.copyOf(words, count), size);
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(int id) {
        int at = Arrays.binarySearch(keys, id >>> 6);
        return at >= 0 && (words[at] & 1L << (id & 63)) != 0;
    }

    /** How many ids both sets hold; allocation-free. */
    int intersectionSize(TermSet other) {
        int[] otherKeys = other.keys;
        long[] otherWords = other.words;
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < keys.length && j < otherKeys.length) {
            int a = keys[i];
            int b = otherKeys[j];
            if (a == b) {
                common += Long.bitCount(words[i++] & otherWords[j++]);
            } else if (a < b) {
                i++;
            } else {
                j++;
            }
        }
        return common;
    }

    boolean intersects(TermSet other) {
        return intersectionSize(other) > 0;
    }
}
