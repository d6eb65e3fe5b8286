package io.mentorhub.connectors.support.records;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Pages a vendor answer that has no paging of its own (a report returns everyone at once) by HRIS id: sorted by id,
 * a page is the next {@code size} ids after the last one the previous page ended with. Unlike an offset, an id stays
 * put when someone is added or removed between two calls, so no one is skipped.
 */
public final class Keyset {

    /** Numeric ids in numeric order (BambooHR's 9 before 10), then others as text. */
    public static final Comparator<String> ID_ORDER = (a, b) -> {
        boolean an = isNumber(a);
        boolean bn = isNumber(b);
        if (an && bn) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private Keyset() {
    }

    /** One page: the items, and the id to continue after (null if this was the last page). */
    public record Page<T>(List<T> items, String lastId) {
    }

    /**
     * The page of {@code rows} after {@code afterId} (null: from the start). Rows whose id is null sort first and are
     * always part of the first page, so they are reported (as rejected) exactly once.
     */
    public static <T> Page<T> after(List<T> rows, Function<T, String> id, String afterId, int size) {
        List<T> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(id, Comparator.nullsFirst(ID_ORDER)));
        List<T> page = new ArrayList<>();
        int index = 0;
        if (afterId != null) {
            while (index < sorted.size() && (id.apply(sorted.get(index)) == null
                    || ID_ORDER.compare(id.apply(sorted.get(index)), afterId) <= 0)) {
                index++;
            }
        }
        String last = afterId;
        int taken = 0;
        while (index < sorted.size()) {
            T row = sorted.get(index);
            String rowId = id.apply(row);
            if (rowId != null && taken == size) {
                break;
            }
            page.add(row);
            index++;
            if (rowId != null) {
                taken++;
                last = rowId;
            }
        }
        return new Page<>(page, index < sorted.size() ? last : null);
    }

    private static boolean isNumber(String text) {
        if (text.isEmpty() || text.length() > 30) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i)) || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
