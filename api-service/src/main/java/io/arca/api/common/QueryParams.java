package io.arca.api.common;

import io.arca.api.error.ProblemException;
import io.arca.common.job.JobState;
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

    /**
     * @return null when absent or empty; otherwise the whole number, or a 400 naming {@code field} when it is not one
     *         from {@code min} to {@code max}
     */
    public static Integer optionalIntBetween(String text, String field, int min, int max) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = min - 1;
        }
        if (value < min || value > max) {
            throw ProblemException.invalid(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** @return null when absent or empty; {@code true}/{@code false}, or a 400 naming {@code field} */
    public static Boolean optionalBoolean(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(field, field + " is true or false");
        };
    }

    /** @return the wire name of a job state, or a 400 naming {@code field} */
    public static String jobState(String text, String field) {
        try {
            return JobState.fromWireName(text).wireName();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field,
                    field + " must be pending, queued, running, completed, failed or cancelled");
        }
    }
}
