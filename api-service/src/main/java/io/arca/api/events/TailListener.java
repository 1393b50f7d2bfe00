package io.arca.api.events;

/**
 * Something that follows the event log through {@link EventTail}. Both methods run on the tail's thread while it
 * fans out, under its lock: they must not block (offer to a bounded buffer, release a permit).
 */
interface TailListener {
    boolean wants(TailEvent event);

    void accept(TailEvent event);

    /** The service stops: wake up and end (a stream client sleeps until its next heartbeat otherwise). */
    void tailStopped();
}
