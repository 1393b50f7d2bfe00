package io.arca.events.ingest;

import io.arca.common.messages.ArcaEvent;
import io.arca.common.messages.JobEvent;
import io.arca.events.EventType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a job fact into the public events the catalogue derives from it ({@link EventType#from()} and
 * {@link EventType#accepts}): usually one of the same type, sometimes more (a {@code verify.completed} whose verdict is
 * not ok is also a {@code backup.corrupted}), none for a fact the catalogue does not publish.
 *
 * <p>Ids are stable, so a fact ingested twice yields the same ids and the event log drops the repeat: the event of the
 * fact's own type takes the fact's id; a derived event's id is a name-based UUID of the fact's id and its type.
 */
public final class FactTranslation {
    private static final Logger LOG = Logger.getLogger(FactTranslation.class);

    private FactTranslation() {
    }

    /** Whether any catalogued type comes from facts of this type (before reading the job's row for nothing). */
    public static boolean published(String factType) {
        for (EventType t : EventType.values()) {
            if (factType.equals(t.from())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param subject the job's subject ids and source name ({@link JobSubjects})
     * @return the public events, in catalogue order; empty for a fact type nobody publishes
     */
    public static List<ArcaEvent> translate(JobEvent fact, JobSubject subject) {
        List<ArcaEvent> events = new ArrayList<>(1);
        for (EventType t : EventType.values()) {
            if (fact.type().equals(t.from()) && t.accepts(fact.data())) {
                UUID id = t.wireName().equals(fact.type()) ? fact.eventId() : derivedId(fact.eventId(), t);
                events.add(new ArcaEvent(ArcaEvent.CURRENT_VERSION, id, t.wireName(), fact.occurredAt(),
                        fact.tenantId(), subject.ids(), data(fact, subject)));
            }
        }
        if (events.isEmpty()) {
            LOG.debugf("job fact %s (%s) is not in the event catalogue: not published", fact.type(), fact.eventId());
        }
        return events;
    }

    /**
     * The fact's data with the job's kind, state and source name. The fact's own keys win: {@code verify.completed}
     * carries its verdict as {@code state} (ok, corrupted, restore-mismatch), which is what its events mean by it.
     */
    private static Map<String, Object> data(JobEvent fact, JobSubject subject) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kind", fact.kind());
        data.put("state", fact.state());
        if (subject.sourceName() != null) {
            data.put("sourceName", subject.sourceName());
        }
        if (fact.data() != null) {
            data.putAll(fact.data());
        }
        return data;
    }

    static UUID derivedId(UUID factId, EventType type) {
        return UUID.nameUUIDFromBytes((factId + "/" + type.wireName()).getBytes(StandardCharsets.UTF_8));
    }
}
