package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.internal.EntryTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a restore did.
 *
 * @param restored  the entries applied, in the order they were started
 * @param rowCounts rows loaded per TABLE_DATA entry, by entry name (compare with the dump's counts)
 */
public record RestoreResult(List<DumpEntry> restored, Map<String, Long> rowCounts,
                            Map<String, Duration> entryDurations, Instant startedAt, Instant finishedAt) {

    public RestoreResult {
        restored = List.copyOf(restored);
        rowCounts = Map.copyOf(rowCounts);
        entryDurations = Map.copyOf(entryDurations);
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The {@code limit} slowest entries with their wall times, for logs. */
    public String slowestEntries(int limit) {
        return EntryTimings.slowest(restored, entryDurations, limit);
    }
}
