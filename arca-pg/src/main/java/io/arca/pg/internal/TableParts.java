package io.arca.pg.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table handled in parts by several sessions at once (a split table's segments, dumped or loaded): counts the parts
 * still to finish and their rows, and times the table from the start of its first part. Thread-safe.
 */
public final class TableParts {
    private final AtomicInteger left;
    private final AtomicLong rows = new AtomicLong();
    private volatile Instant start;

    public TableParts(int parts) {
        this.left = new AtomicInteger(parts);
    }

    /** A part starts; the first call starts the table's clock. */
    public synchronized void started() {
        if (start == null) {
            start = Instant.now();
        }
    }

    /** A part is done with {@code count} rows; true when it was the table's last. */
    public boolean done(long count) {
        rows.addAndGet(count);
        return left.decrementAndGet() == 0;
    }

    public long rows() {
        return rows.get();
    }

    public Instant start() {
        return start;
    }

    public Duration sinceStart() {
        return Duration.between(start, Instant.now());
    }
}
