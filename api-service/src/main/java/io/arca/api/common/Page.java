package io.arca.api.common;

import java.util.List;

/**
 * One page of a list, newest first. {@code nextCursor} is opaque; pass it as {@code cursor} to get the next page,
 * null on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
}
