package io.arca.api.console.backup;

import java.util.Collection;
import java.util.Map;

/**
 * The newest verification's result as the backup page shows it, read from the backup's {@code verification} JSON
 * (written by the worker's VerificationVerdict); absent keys read as zero or null rather than failing the page.
 */
public record VerificationSummary(String state, String at, boolean deep, long entriesChecked, long chunksChecked,
                                  long bytesChecked, int problems, Boolean restorable) {

    /** @return null when the backup was never verified */
    public static VerificationSummary of(Map<String, Object> verification) {
        if (verification == null || verification.isEmpty()) {
            return null;
        }
        Object problems = verification.get("problems");
        Object restorable = verification.get("restorable");
        return new VerificationSummary(text(verification.get("state")), text(verification.get("at")),
                Boolean.TRUE.equals(verification.get("deep")), number(verification.get("entriesChecked")),
                number(verification.get("chunksChecked")), number(verification.get("bytesChecked")),
                problems instanceof Collection<?> list ? list.size() : 0,
                restorable instanceof Boolean b ? b : null);
    }

    public boolean isOk() {
        return "ok".equals(state);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
