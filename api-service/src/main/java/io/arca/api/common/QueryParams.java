package io.arca.api.common;

import io.arca.api.error.ProblemException;
import java.util.UUID;

/**
 * Query parameters are taken as text so a malformed value is a 400 naming the parameter, not a routing 404.
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** @return null when absent or empty; otherwise the UUID, or a 400 naming {@code field} */
    public static UUID optionalUuid(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, field + " is a UUID");
        }
    }
}
