package io.arca.api.common;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a list, newest first. {@code nextCursor} is opaque; pass it as {@code cursor} to get the next page,
 * null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Cuts a keyset query's rows into a page. The query fetched {@code pageSize + 1} rows: a row beyond the page
     * means there is a next page, which starts after the page's last row (its created time and id).
     */
    public static <R, T> Page<T> of(List<R> rows, int pageSize, Function<R, Instant> createdAt, Function<R, UUID> id,
                                    Function<R, T> view) {
        String next = null;
        if (rows.size() > pageSize) {
            R last = rows.get(pageSize - 1);
            next = new Cursor(createdAt.apply(last), id.apply(last)).encode();
        }
        return new Page<>(rows.stream().limit(pageSize).map(view).toList(), next);
    }
}
