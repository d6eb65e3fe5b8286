package io.mentorhub.plugins.matching;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The people of one run by pool index, so prepared data can live in plain arrays. It also catches a participant
 * that was not in the pool a scorer or rule was prepared for, which would otherwise read someone else's data.
 */
final class Roster {

    private final String[] personIds;
    private final List<Participant> people;
    private final Map<String, Integer> indexById;
    private final ProgramFormat format;

    private Roster(String[] personIds, List<Participant> people, Map<String, Integer> indexById,
            ProgramFormat format) {
        this.personIds = personIds;
        this.people = people;
        this.indexById = indexById;
        this.format = format;
    }

    /** Reads the pool; a person listed twice (PEER programs list everyone as mentor and mentee) is one entry. */
    static Roster of(MatchingPool pool) {
        Objects.requireNonNull(pool, "pool");
        String[] personIds = new String[pool.size()];
        List<Participant> people = new ArrayList<>();
        Map<String, Integer> indexById = new HashMap<>();
        for (List<Participant> side : List.of(pool.mentors(), pool.mentees())) {
            for (Participant p : side) {
                String known = personIds[p.index()];
                if (known == null) {
                    Integer other = indexById.putIfAbsent(p.personId(), p.index());
                    if (other != null) {
                        throw new IllegalArgumentException(
                                "person " + p.personId() + " has two pool indexes: " + other + " and " + p.index());
                    }
                    personIds[p.index()] = p.personId();
                    people.add(p);
                } else if (!known.equals(p.personId())) {
                    throw new IllegalArgumentException(
                            "pool index " + p.index() + " is given to both " + known + " and " + p.personId());
                }
            }
        }
        return new Roster(personIds, List.copyOf(people), Map.copyOf(indexById), pool.format());
    }

    /** Pool size: per-person arrays have this length. */
    int size() {
        return personIds.length;
    }

    /** Everyone in the run, each once. */
    List<Participant> people() {
        return people;
    }

    ProgramFormat format() {
        return format;
    }

    boolean peer() {
        return format == ProgramFormat.PEER;
    }

    /** The participant's index, after checking it belongs to this run. Cheap: called for every pair. */
    int indexOf(Participant p) {
        int index = p.index();
        if (index < 0 || index >= personIds.length || !p.personId().equals(personIds[index])) {
            throw new IllegalArgumentException(p + " is not in the pool this was prepared for");
        }
        return index;
    }

    /** The pool index of a person id, or -1 when that person is not in this run. */
    int indexOfId(String personId) {
        Integer index = indexById.get(personId);
        return index == null ? -1 : index;
    }
}
