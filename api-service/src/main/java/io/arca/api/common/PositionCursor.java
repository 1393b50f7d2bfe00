package io.arca.api.common;

import io.arca.api.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Pagination position of lists in a fixed order rather than newest first (a backup's entries, by their position in
 * the manifest): the position of the last item of a page, so the next page starts after it. Opaque base64url text
 * like {@link Cursor}, with a prefix so one list's cursor is not taken for another's.
 */
public final class PositionCursor {
    private static final String PREFIX = "p:";

    private PositionCursor() {
    }

    public static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** @return -1 for a null or empty cursor (first page: every position is after it) */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return -1;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException();
            }
            long position = Long.parseLong(raw.substring(PREFIX.length()));
            if (position < 0) {
                throw new IllegalArgumentException();
            }
            return position;
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "cursor is not one this API returned");
        }
    }
}
