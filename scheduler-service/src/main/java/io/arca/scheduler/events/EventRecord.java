package io.arca.scheduler.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.common.job.JobKind;
import io.arca.common.messages.ArcaEvent;
import io.arca.common.messages.JobEvent;
import io.arca.events.EventLog;
import java.util.UUID;

/**
 * One record of {@code backup.events}, read: a public event ({@link ArcaEvent}, the shape with {@code subject}), a job
 * fact ({@link JobEvent}), or malformed with the reason (not JSON, an unknown version, a required field missing).
 */
sealed interface EventRecord {
    /** The envelope's mapper, tolerating fields a newer producer of the same version added. */
    ObjectMapper JSON = EventLog.JSON.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Public(ArcaEvent event) implements EventRecord {
    }

    record Fact(JobEvent fact) implements EventRecord {
    }

    record Malformed(String reason) implements EventRecord {
    }

    static EventRecord read(String value) {
        if (value == null || value.isBlank()) {
            return new Malformed("empty record");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            return new Malformed("not a JSON object");
        }
        try {
            if (tree.has("subject")) {
                ArcaEvent e = JSON.treeToValue(tree, ArcaEvent.class);
                String missing = missing(e.id(), "id", e.type(), "type", e.time(), "time", e.tenantId(), "tenantId",
                        e.subject(), "subject");
                if (missing != null) {
                    return new Malformed("event without " + missing);
                }
                for (String idKey : new String[] {"jobId", "sourceId"}) {
                    String id = e.subject().get(idKey);
                    if (id != null && !isUuid(id)) {
                        return new Malformed("subject." + idKey + " is not a UUID: " + id);
                    }
                }
                return e.version() != ArcaEvent.CURRENT_VERSION
                        ? new Malformed("unknown event version " + e.version()) : new Public(e);
            }
            JobEvent f = JSON.treeToValue(tree, JobEvent.class);
            String missing = missing(f.eventId(), "eventId", f.type(), "type", f.jobId(), "jobId", f.kind(), "kind",
                    f.tenantId(), "tenantId", f.occurredAt(), "occurredAt");
            if (missing != null) {
                return new Malformed("job event without " + missing);
            }
            if (!knownKind(f.kind()) || !f.type().startsWith(f.kind() + ".")) {
                return new Malformed("job event of unknown kind " + f.kind() + " (type " + f.type() + ")");
            }
            return f.version() != JobEvent.CURRENT_VERSION
                    ? new Malformed("unknown job event version " + f.version()) : new Fact(f);
        } catch (Exception e) {
            return new Malformed("not an event: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean knownKind(String kind) {
        try {
            JobKind.fromWireName(kind);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The name of the first null value of (value, name) pairs; null when none is. */
    private static String missing(Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == null) {
                return (String) pairs[i + 1];
            }
        }
        return null;
    }
}
