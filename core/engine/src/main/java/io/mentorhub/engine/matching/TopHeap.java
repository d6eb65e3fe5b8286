package io.mentorhub.engine.matching;

/**
 * The k best (score, index) entries as a min-heap in a slice of two parallel arrays: the root is the weakest kept,
 * the lowest score and, among equal scores, the highest index. Plain arrays, so a scan over millions of pairs makes
 * no garbage.
 */
final class TopHeap {

    private TopHeap() {
    }

    /**
     * Offers an entry to the heap at {@code scores/indexes[base .. base + size)} holding at most {@code limit};
     * returns the new size. A full heap replaces its root only if the entry is stronger.
     */
    static int offer(int[] scores, int[] indexes, int base, int size, int limit, int score, int index) {
        if (limit == 0) {
            return 0;
        }
        if (size < limit) {
            int at = size;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!weaker(score, index, scores[base + parent], indexes[base + parent])) {
                    break;
                }
                scores[base + at] = scores[base + parent];
                indexes[base + at] = indexes[base + parent];
                at = parent;
            }
            scores[base + at] = score;
            indexes[base + at] = index;
            return size + 1;
        }
        if (!weaker(scores[base], indexes[base], score, index)) {
            return size;
        }
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size
                    && weaker(scores[base + child + 1], indexes[base + child + 1], scores[base + child],
                            indexes[base + child])) {
                child++;
            }
            if (!weaker(scores[base + child], indexes[base + child], score, index)) {
                break;
            }
            scores[base + at] = scores[base + child];
            indexes[base + at] = indexes[base + child];
            at = child;
        }
        scores[base + at] = score;
        indexes[base + at] = index;
        return size;
    }

    static boolean weaker(int score, int index, int otherScore, int otherIndex) {
        return score < otherScore || score == otherScore && index > otherIndex;
    }
}
