package io.arca.api.events;

import io.arca.api.common.QueryParams;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.events.EventTypeFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The event stream's parameters, checked before anything is streamed: a bad one is a problem, not an empty stream. */
final class StreamRequests {
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

    private StreamRequests() {
    }

    /**
     * @param types each value a comma list of patterns ({@code backup.failed}, {@code backup.*}, {@code *}); none:
     *              every type
     * @throws ProblemException 400 for a malformed id, 422 {@code unknown-event-type} naming the unknown patterns
     */
    static StreamFilter filter(UUID tenantId, String sourceId, String jobId, List<String> types) {
        UUID source = QueryParams.optionalUuid(sourceId, "sourceId");
        UUID job = QueryParams.optionalUuid(jobId, "jobId");
        return new StreamFilter(tenantId, source, job, types(types));
    }

    private static EventTypeFilter types(List<String> values) {
        if (values == null || values.isEmpty()) {
            return EventTypeFilter.all();
        }
        List<String> patterns = new ArrayList<>();
        for (String value : values) {
            for (String p : value.split(",", -1)) {
                if (!p.isBlank()) {
                    patterns.add(p.trim());
                }
            }
        }
        try {
            return EventTypeFilter.parse(patterns, false);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNKNOWN_EVENT_TYPE, e.getMessage(), "types");
        }
    }

    /**
     * The seq to resume after: the {@code Last-Event-ID} header (what an EventSource sends when it reconnects), else
     * the {@code lastEventId} query parameter (a first connection that cannot set headers); null: live from now.
     */
    static Long lastEventId(String header, String queryParam) {
        if (header != null && !header.isBlank()) {
            return seq(header.trim(), LAST_EVENT_ID_HEADER);
        }
        if (queryParam != null && !queryParam.isEmpty()) {
            return seq(queryParam, "lastEventId");
        }
        return null;
    }

    private static long seq(String text, String field) {
        try {
            long seq = Long.parseLong(text);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(field, field + " is the id of an event received before (a number >= 0)");
    }
}
