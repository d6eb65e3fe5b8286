package io.mentorhub.api.directory;

import java.util.List;

/**
 * One page of people or groups in id order. {@code total} is the number of matches when the query asked for it,
 * else -1; {@code nextAfter} is the id to pass as {@code after} for the next page, or null after the last.
 */
public record ResultPage<T>(List<T> items, long total, String nextAfter) {

    public ResultPage {
        items = List.copyOf(items);
    }
}
