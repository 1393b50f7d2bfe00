package io.arca.pg.dump;

import io.arca.pg.BlockRange;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.ForeignKeyTables;
import io.arca.pg.internal.EntryTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a dump produced.
 *
 * @param serverVersion    the source's {@code server_version}, e.g. {@code 15.18 (Debian 15.18-0+deb12u1)}
 * @param serverVersionNum the source's {@code server_version_num}, e.g. 150018
 * @param pgDumpVersion    {@code pg_dump --version} output, null for data-only dumps (pg_dump not used)
 * @param snapshotId       the exported snapshot every session read from
 * @param snapshotTime     the server time when the snapshot was taken (all data is as of this instant)
 * @param entries          all entries written, in restore order: pre-data, table data, sequence values, post-data
 * @param rowCounts        rows per TABLE_DATA entry, by entry name
 * @param entryDurations   wall time per entry, by entry name
 * @param postDataItemTables the post-data items a restore may apply as soon as one table's rows are in (its indexes
 *                         and primary-key, unique, exclusion and check constraints): each item's catalog id as
 *                         {@code pg_restore --list} shows it ({@code "1259/16420"}) to that table's data entry name
 * @param foreignKeyTables the foreign keys declared on dumped tables, by the same kind of catalog id
 *                         ({@code "2606/16431"}), to the data entries of their two tables
 * @param relations        the relations whose definitions the dump holds, by oid: names, kind, the table owning each
 *                         sequence, each partition's parent (empty for dumps without schema)
 * @param itemRelations    the relation each relation-bound schema item belongs to, by catalog id as
 *                         {@code pg_restore --list} shows it: defaults ({@code 2604}), indexes ({@code 1259}),
 *                         constraints ({@code 2606}), triggers ({@code 2620}), rules ({@code 2618}), policies
 *                         ({@code 3256}), extended statistics ({@code 3381}), to the relation's oid
 * @param tableRanges      the block ranges of each table dumped split ({@link BlockRanges}), by data entry name, in
 *                         segment order; tables dumped whole are absent
 */
public record DumpResult(String serverVersion, int serverVersionNum, String pgDumpVersion, String snapshotId,
                         Instant snapshotTime, List<DumpEntry> entries, Map<String, Long> rowCounts,
                         Map<String, Duration> entryDurations, Map<String, String> postDataItemTables,
                         Map<String, ForeignKeyTables> foreignKeyTables, Map<Long, DumpRelation> relations,
                         Map<String, Long> itemRelations, Map<String, List<BlockRange>> tableRanges,
                         Instant startedAt, Instant finishedAt) {

    public DumpResult {
        entries = List.copyOf(entries);
        rowCounts = Map.copyOf(rowCounts);
        entryDurations = Map.copyOf(entryDurations);
        postDataItemTables = postDataItemTables == null ? Map.of() : Map.copyOf(postDataItemTables);
        foreignKeyTables = foreignKeyTables == null ? Map.of() : Map.copyOf(foreignKeyTables);
        relations = relations == null ? Map.of() : Map.copyOf(relations);
        itemRelations = itemRelations == null ? Map.of() : Map.copyOf(itemRelations);
        tableRanges = tableRanges == null ? Map.of() : Map.copyOf(tableRanges);
    }

    /** Rows dumped for {@code schema.table}, or -1 when the table has no data entry. */
    public long rowCount(String schema, String table) {
        return entries.stream()
                .filter(e -> e.kind() == EntryKind.TABLE_DATA && e.schema().equals(schema) && e.table().equals(table))
                .findFirst().map(e -> rowCounts.getOrDefault(e.name(), -1L)).orElse(-1L);
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** What a restore needs to know about this dump: the {@code dump-plan} entry. */
    public DumpPlan plan() {
        return new DumpPlan(serverVersion, pgDumpVersion, snapshotTime, entries, rowCounts, postDataItemTables,
                foreignKeyTables, relations, itemRelations, tableRanges);
    }

    /** The {@code limit} slowest entries with their wall times, for logs. */
    public String slowestEntries(int limit) {
        return EntryTimings.slowest(entries, entryDurations, limit);
    }
}
