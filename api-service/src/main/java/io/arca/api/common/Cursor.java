package io.arca.api.common;

import io.arca.api.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset pagination position: the (created_at, id) of the last item of a page, so the next page is
 * "older than this", stable under inserts. Encoded as opaque base64url text.
 */
public record Cursor(Instant createdAt, UUID id) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public String encode() {
        String raw = createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for a null or empty cursor (first page) */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "cursor is not one this API returned");
        }
    }

    /** Parses the {@code limit} query parameter (taken as text so "many" is a 400, not a routing 404). */
    public static int checkLimit(String text) {
        Integer limit = QueryParams.optionalIntBetween(text, "limit", 1, MAX_LIMIT);
        return limit == null ? DEFAULT_LIMIT : limit;
    }
}
