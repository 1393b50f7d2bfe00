package io.arca.api.apikey;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Says yes to a key at most once per interval: the first call for a key is due, later calls are due again only
 * when the interval has passed since the last due one. Thread-safe; one entry per key ever seen.
 */
final class OncePerInterval<K> {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<K, Long> lastDue = new ConcurrentHashMap<>();

    OncePerInterval(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    boolean due(K key) {
        long now = nanoClock.getAsLong();
        boolean[] due = {false};
        lastDue.compute(key, (k, last) -> {
            if (last == null || now - last >= intervalNanos) {
                due[0] = true;
                return now;
            }
            return last;
        });
        return due[0];
    }

    /** Makes the next call for the key due again, e.g. after the work it allowed failed. */
    void forget(K key) {
        lastDue.remove(key);
    }
}
