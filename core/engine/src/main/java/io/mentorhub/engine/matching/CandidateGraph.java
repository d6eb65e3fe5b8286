package io.mentorhub.engine.matching;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** PLACEHOLDER until the helper's version lands. */
public final class CandidateGraph {
    private int[] mentor = new int[16], mentee = new int[16], score = new int[16];
    private int size;
    private final Set<Long> keys = new HashSet<>();
    public int size() { return size; }
    public int mentor(int i) { return mentor[i]; }
    public int mentee(int i) { return mentee[i]; }
    public int score(int i) { return score[i]; }
    public boolean contains(int m, int e) { return keys.contains(((long) m << 32) | e); }
    public void add(int m, int e, int s) {
        if (size == mentor.length) { mentor = Arrays.copyOf(mentor, size * 2); mentee = Arrays.copyOf(mentee, size * 2); score = Arrays.copyOf(score, size * 2); }
        mentor[size] = m; mentee[size] = e; score[size] = s; size++; keys.add(((long) m << 32) | e);
    }
}
