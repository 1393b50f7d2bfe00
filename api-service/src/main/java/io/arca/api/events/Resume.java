package io.arca.api.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.arca.events.EventLog;
import java.sql.SQLException;
import java.time.Duration;
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
    private final Duration retention;

    /** @param retention how long the log keeps events ({@code arca.notifications.event-retention}) */
    Resume(StreamSession session, EventReplay replay, Duration retention) {
        this.session = session;
        this.replay = replay;
        this.retention = retention;
    }

    /**
     * @param lastEventId the seq the client saw last
     * @param start       the seq after which the session's queue holds the live events
     * @return the seq everything up to which has been sent (the live part skips what is not above it)
     */
    long run(long lastEventId, long start) throws SQLException, StreamSession.ClientGoneException,
            InterruptedException {
        EventReplay.Extent log = replay.extent(lastEventId, retention);
        if (lastEventId > log.head()) {
            // an id this log never gave (a catalog restored from a backup, another deployment): start over from now
            session.sendReset(start, reset(lastEventId, log, "the event id is newer than this event log"));
            return start;
        }
        // Events after lastEventId recorded before the retention window are pruned, or will be at the next pruning:
        // the history is no longer complete. (By time, not by the oldest seq retained: the pruner keeps an old event
        // a pending delivery still needs, which would hide the gap after it.)
        boolean lost = lastEventId < log.head()
                && (log.windowStart() == null || lastEventId + 1 < log.windowStart());
        if (lost) {
            // its id moves the client past what is gone: resuming from it is no new reset
            long resetId = log.firstAfter() == null ? Math.max(lastEventId, start) : log.firstAfter() - 1;
            session.sendReset(Math.max(lastEventId, resetId),
                    reset(lastEventId, log, "events after this id are no longer retained"));
        }
        long after = lastEventId;
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
        data.put("oldestRetainedId", log.firstAfter());
        data.put("detail", detail + ": events may have been missed, reload the state you show; the stream goes on");
        try {
            return EventLog.JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers and text is always JSON", e);
        }
    }
}
