package io.arca.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arca.events.EventLog;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replay part of a resumed stream: every event after {@code Last-Event-ID} up to where the live part starts, and
 * an {@code event: reset} first when that history is no longer complete.
 */
final class Resume {
    private final StreamSession session;
    private final EventReplay replay;

    Resume(StreamSession session, EventReplay replay) {
        this.session = session;
        this.replay = replay;
    }

    /**
     * @param lastEventId the seq the client saw last
     * @param start       the seq after which the session's queue holds the live events
     * @return the seq everything up to which has been sent (the live part skips what is not above it)
     */
    long run(long lastEventId, long start) throws SQLException, StreamSession.ClientGoneException,
            InterruptedException {
        EventReplay.Extent log = replay.extent();
        if (lastEventId > log.head()) {
            // an id this log never gave (a catalog restored from a backup, another deployment): start over from now
            session.sendReset(start, reset(lastEventId, log, "the event id is newer than this event log"));
            return start;
        }
        // seq has no holes but those of duplicates skipped at ingest, so a retained oldest above lastEventId + 1
        // means events after lastEventId were pruned (or, rarely, were duplicates: a reset too many, never one missed)
        boolean lost = log.oldest() == null ? lastEventId < log.head() : lastEventId < log.oldest() - 1;
        long after = lastEventId;
        if (lost) {
            after = log.oldest() == null ? Math.max(lastEventId, start) : log.oldest() - 1;
            session.sendReset(after, reset(lastEventId, log, "events after this id are no longer retained"));
        }
        while (after < start && !session.overflowed()) {
            List<TailEvent> page = replay.page(session.filter(), after, start);
            session.sendAll(page);
            if (page.size() < EventReplay.PAGE_SIZE) {
                break;
            }
            after = page.getLast().seq();
        }
        return Math.max(lastEventId, start);
    }

    private static String reset(long lastEventId, EventReplay.Extent log, String detail) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("lastEventId", lastEventId);
        data.put("oldestRetainedId", log.oldest());
        data.put("detail", detail + ": events may have been missed, reload the state you show; the stream goes on");
        try {
            return EventLog.JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and text is always JSON", e);
        }
    }
}
