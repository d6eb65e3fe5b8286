package io.mentorhub.plugins.optimal;

import java.util.Arrays;

/**
 * Binary min-heap of (key, node) for the solvers' shortest-path searches and active-node queues, with lazy deletion
 * (a node may be in it more than once; callers skip stale entries). Equal keys pop by node, for determinism.
 */
final class NodeHeap {
    private long[] keys;
    private int[] nodes;
    private int size;

    NodeHeap(int capacity) {
        keys = new long[Math.max(16, capacity)];
        nodes = new int[keys.length];
    }

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long topKey() {
        return keys[0];
    }

    void push(long key, int node) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            nodes = Arrays.copyOf(nodes, size * 2);
        }
        int k = size++;
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!less(key, node, keys[parent], nodes[parent])) {
                break;
            }
            keys[k] = keys[parent];
            nodes[k] = nodes[parent];
            k = parent;
        }
        keys[k] = key;
        nodes[k] = node;
    }

    int pop() {
        int top = nodes[0];
        long key = keys[--size];
        int node = nodes[size];
        int k = 0;
        while (true) {
            int child = 2 * k + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && less(keys[child + 1], nodes[child + 1], keys[child], nodes[child])) {
                child++;
            }
            if (!less(keys[child], nodes[child], key, node)) {
                break;
            }
            keys[k] = keys[child];
            nodes[k] = nodes[child];
            k = child;
        }
        keys[k] = key;
        nodes[k] = node;
        return top;
    }

    private static boolean less(long key, int node, long otherKey, int otherNode) {
        return key < otherKey || key == otherKey && node < otherNode;
    }
}
