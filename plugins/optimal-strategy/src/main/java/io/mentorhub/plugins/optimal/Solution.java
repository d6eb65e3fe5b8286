package io.mentorhub.plugins.optimal;

/**
 * An assignment together with the dual that proves it optimal.
 *
 * @param assigned for each mentee the edge it is matched along, or -1 if it stays unmatched
 * @param potential a potential per node of the {@link Network}; every residual edge {@code u -> v} of cost {@code c}
 *     must have a non-negative reduced cost {@code c + potential[u] - potential[v]}
 */
record Solution(int[] assigned, long[] potential) {
}
