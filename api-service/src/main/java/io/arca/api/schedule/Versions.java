package io.arca.api.schedule;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;

/** Optimistic updates: the version as an entity tag ({@code "3"}) and the If-Match that must carry it. */
final class Versions {
    private Versions() {
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @return the version an If-Match header names ({@code "3"}, {@code W/"3"} or {@code 3})
     * @throws ProblemException 428 when absent, 400 when it is not a version
     */
    static long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "send If-Match with the schedule's "
                    + "version (its ETag) so a concurrent change is not overwritten", "If-Match");
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "If-Match is the schedule's ETag, e.g. \"3\"");
        }
    }

    static ProblemException stale(long current) {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, "the schedule changed: its version is now "
                + current + "; read it again and retry", "If-Match");
    }
}
