package io.mentorhub.plugins.greedy;

import java.util.Arrays;
import java.util.List;

/**
 * Ids numbered in sorted order, looked up through an open-addressing table: a probe reads the id's cached hash and
 * two parallel arrays, where a {@code HashMap<String, Integer>} would follow a node and unbox. Lookups run once per
 * candidate pair, so this is most of what greedy spends outside its sort.
 */
final class IdIndex {

    private final String[] sortedIds;
    private final String[] slotId;
    private final int[] slotIndex;
    private final int mask;
    private final int shift;

    IdIndex(List<String> ids) {
        String[] copy = ids.toArray(String[]::new);
        if (!isSorted(copy)) {
            Arrays.sort(copy);
        }
        sortedIds = copy;
        int slots = Integer.highestOneBit(Math.max(2, copy.length) * 2 - 1) << 1;
        slotId = new String[slots];
        slotIndex = new int[slots];
        mask = slots - 1;
        shift = 32 - Integer.numberOfTrailingZeros(slots);
        for (int k = 0; k < copy.length; k++) {
            int slot = slot(copy[k].hashCode());
            while (slotId[slot] != null) {
                slot = slot + 1 & mask;
            }
            slotId[slot] = copy[k];
            slotIndex[slot] = k;
        }
    }

    int size() {
        return sortedIds.length;
    }

    String id(int index) {
        return sortedIds[index];
    }

    /** The id's position in sorted order. */
    int indexOf(String id) {
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
