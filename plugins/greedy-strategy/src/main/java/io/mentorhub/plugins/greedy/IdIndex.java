package io.mentorhub.plugins.greedy;

import java.util.Arrays;
import java.util.List;

/**
 * Ids numbered in sorted order, looked up through an open-addressing table: a probe reads the id's cached hash and
 * two parallel arrays, where a {@code HashMap<String, Integer>} would follow a node and unbox. The table is built on
 * the first lookup: callers that can tell an id's index otherwise (the next id in order, by reference) may need none.
 */
final class IdIndex {

    private final String[] sortedIds;
    private final boolean givenSorted;
    private String[] slotId;
    private int[] slotIndex;
    private int mask;
    private int shift;

    IdIndex(List<String> ids) {
        String[] copy = ids.toArray(String[]::new);
        givenSorted = isSorted(copy);
        if (!givenSorted) {
            Arrays.sort(copy);
        }
        sortedIds = copy;
    }

    private void buildTable() {
        int slots = Integer.highestOneBit(Math.max(2, sortedIds.length) * 2 - 1) << 1;
        slotId = new String[slots];
        slotIndex = new int[slots];
        mask = slots - 1;
        shift = 32 - Integer.numberOfTrailingZeros(slots);
        for (int k = 0; k < sortedIds.length; k++) {
            int slot = slot(sortedIds[k].hashCode());
            while (slotId[slot] != null) {
                slot = slot + 1 & mask;
            }
            slotId[slot] = sortedIds[k];
            slotIndex[slot] = k;
        }
    }

    int size() {
        return sortedIds.length;
    }

    /** Whether the ids came sorted: then an id's index is its position in the list given. */
    boolean givenSorted() {
        return givenSorted;
    }

    String id(int index) {
        return sortedIds[index];
    }

    /** The id's position in sorted order. */
    int indexOf(String id) {
        if (slotId == null) {
            buildTable();
        }
        int slot = slot(id.hashCode());
        while (true) {
            String here = slotId[slot];
            if (here == null) {
                throw new IllegalArgumentException("unknown id: " + id);
            }
            if (here == id || here.equals(id)) {
                return slotIndex[slot];
            }
            slot = slot + 1 & mask;
        }
    }

    /** Fibonacci hashing: the high bits of the product depend on every bit of the hash. */
    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private static boolean isSorted(String[] ids) {
        for (int k = 1; k < ids.length; k++) {
            if (ids[k - 1].compareTo(ids[k]) > 0) {
                return false;
            }
        }
        return true;
    }
}
