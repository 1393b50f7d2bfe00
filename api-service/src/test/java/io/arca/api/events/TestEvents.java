package io.arca.api.events;

import io.arca.api.ApiTest;
import io.arca.common.messages.ArcaEvent;
import io.arca.events.EventLog;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Appends events to the catalog's event log as the ingestor does: {@link EventLog#append} in one transaction. */
final class TestEvents {
    private TestEvents() {
    }

    /** An event about a job (and, when given, a source). */
    static ArcaEvent event(UUID tenantId, String type, UUID jobId, UUID sourceId) {
        Map<String, String> subject = new HashMap<>();
        if (jobId != null) {
            subject.put("jobId", jobId.toString());
        }
        if (sourceId != null) {
            subject.put("sourceId", sourceId.toString());
        }
        return ArcaEvent.of(type, tenantId, subject, Map.of("kind", type.substring(0, type.indexOf('.'))));
    }

    /** @return the seq of each event, in order */
    static List<Long> append(ArcaEvent... events) throws Exception {
        return append(List.of(events));
    }

    static List<Long> append(List<ArcaEvent> events) throws Exception {
        try (Connection c = ApiTest.catalog()) {
            c.setAutoCommit(false);
            List<Long> seqs = new ArrayList<>();
            for (EventLog.Logged logged : EventLog.append(c, events)) {
                seqs.add(logged.seq());
            }
            c.commit();
            return seqs;
        }
    }

    /** Appends one event and returns its seq. */
    static long append(UUID tenantId, String type, UUID jobId, UUID sourceId) throws Exception {
        return append(event(tenantId, type, jobId, sourceId)).getFirst();
    }
}
