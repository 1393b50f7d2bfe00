package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.internal.EntryTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restore did.
 *
 * @param restored           the entries applied, in the order they were started
 * @param rowCounts          rows loaded per TABLE_DATA entry, by entry name (compare with the dump's counts)
 * @param foreignKeysLeftOut foreign keys of the restored tables not restored because they reference a table the
 *                           selection left out, as pg_restore lists them (empty for whole restores)
 * @param targetServer       the target's version and the pg_restore the restore used (null when not recorded)
 */
public record RestoreResult(List<DumpEntry> restored, Map<String, Long> rowCounts,
                            Map<String, Duration> entryDurations, Instant startedAt, Instant finishedAt,
                            List<String> foreignKeysLeftOut, TargetServer targetServer) {

    public RestoreResult {
        restored = List.copyOf(restored);
        rowCounts = Map.copyOf(rowCounts);
        entryDurations = Map.copyOf(entryDurations);
        foreignKeysLeftOut = foreignKeysLeftOut == null ? List.of() : List.copyOf(foreignKeysLeftOut);
    }

    public RestoreResult(List<DumpEntry> restored, Map<String, Long> rowCounts, Map<String, Duration> entryDurations,
                         Instant startedAt, Instant finishedAt) {
        this(restored, rowCounts, entryDurations, startedAt, finishedAt, List.of(), null);
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows loaded per table ({@code schema.table}, unquoted), in restore order. */
    public Map<String, Long> rowsByTable() {
        Map<String, Long> rows = new LinkedHashMap<>();
        restored.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA && rowCounts.containsKey(e.name()))
                .forEach(e -> rows.put(e.qualifiedTable(), rowCounts.get(e.name())));
        return rows;
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The {@code limit} slowest entries with their wall times, for logs. */
    public String slowestEntries(int limit) {
        return EntryTimings.slowest(restored, entryDurations, limit);
    }
}
