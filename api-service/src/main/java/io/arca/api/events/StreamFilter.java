package io.arca.api.events;

import io.arca.events.EventType;
import io.arca.events.EventTypeFilter;
import java.util.UUID;

/**
 * What one stream client asked for: always its own tenant, optionally one source, one job and some event types. Test
 * events ({@link EventType.Audience#TEST}) are never streamed, whatever the types say ({@code *} would match them).
 *
 * @param sourceId null: every source
 * @param jobId    null: every job
 */
record StreamFilter(UUID tenantId, UUID sourceId, UUID jobId, EventTypeFilter types) {

    boolean matches(TailEvent e) {
        return tenantId.equals(e.tenantId())
                && (sourceId == null || sourceId.equals(e.sourceId()))
                && (jobId == null || jobId.equals(e.jobId()))
                && streamable(e.type())
                && types.matches(e.type());
    }

    static boolean streamable(String type) {
        return EventType.ofWireName(type).map(t -> t.audience() != EventType.Audience.TEST).orElse(true);
    }
}
