package io.arca.pg.dump;

import io.arca.pg.BlockRange;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpOptions;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntrySink;
import io.arca.pg.ForeignKeyTables;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TaskGroup;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Snapshot-consistent dump of one database into entries.
 *
 * <ol>
 *   <li>One session opens a REPEATABLE READ transaction, exports its snapshot and takes ACCESS SHARE locks on
 *       every selected table (a concurrent DROP/ALTER waits for the dump; a table dropped in between is reported
 *       as TABLE_DISAPPEARED).</li>
 *   <li>{@code parallelism} sessions import the snapshot and COPY tables out, largest first, a large table as block
 *       ranges shared among the sessions ({@link BlockRanges}); at the same time
 *       {@code pg_dump --snapshot} writes the pre-data and post-data sections (and large objects), and the first
 *       session reads the sequence values.</li>
 *   <li>The exporting transaction stays open until every session and pg_dump are done.</li>
 * </ol>
 * Every session sees the same snapshot, so a transaction committed in the source during the dump is entirely in
 * or entirely out of it.
 *
 * <p><b>Locks.</b> Every copy session locks all selected tables right after importing the snapshot, not table by
 * table: DDL that arrives later (DROP, ALTER, TRUNCATE) then waits for the dump instead of queueing in front of a
 * copy session, which would stall both until the lock wait timeout (the failure pg_dump -j has). The price is
 * lock table space: about (parallelism + 3) × tables locks, plus one more × tables while pg_dump dumps large
 * objects. With the server defaults (max_locks_per_transaction 64, max_connections 100) that fits roughly a
 * thousand tables; beyond that raise max_locks_per_transaction, or the dump fails with OUT_OF_MEMORY ("out of
 * shared memory", the server's hint names the setting).
 */
public final class PgDumper {
    /** PostgreSQL 12 brought pg_partition_ancestors and generated columns, which the catalog queries use. */
    static final int MIN_SERVER_VERSION_NUM = 120000;
    /** pg_dump processes a dump may run at once: pre-data, large objects, post-data. */
    private static final int PG_DUMP_RUNS = 3;

    private final PgTools tools;

    /** A dumper using the newest installed pg_dump ({@link PgTools#locate()}). */
    public PgDumper() {
        this(PgTools.locate());
    }

    public PgDumper(PgTools tools) {
        this.tools = tools;
    }

    /**
     * Dumps {@code source} into {@code sink} (see {@link EntrySink} for threading and the entry life cycle).
     *
     * @throws PgEngineException with a {@link Reason} when anything fails; the sink's entries are then incomplete
     */
    public DumpResult dump(PgConnectionSpec source, DumpOptions options, EntrySink sink) {
        Instant startedAt = Instant.now();
        Connection main = JdbcSessions.open(source, Reason.DUMP_FAILED);
        int threads = options.parallelism() + PG_DUMP_RUNS;
        try (main; TaskGroup group = new TaskGroup("arca-dump", threads, Reason.DUMP_FAILED)) {
            String serverVersion = scalar(main, "SHOW server_version");
            int serverVersionNum = Integer.parseInt(scalar(main, "SHOW server_version_num"));
            if (serverVersionNum < MIN_SERVER_VERSION_NUM) {
                throw new PgEngineException(Reason.SERVER_UNSUPPORTED, "server " + source.describe() + " runs "
                        + "PostgreSQL " + serverVersion + "; Arca dumps PostgreSQL 12 or newer");
            }
            String pgDumpVersion = options.type().hasSchema() ? tools.requirePgDumpFor(serverVersionNum) : null;

            JdbcSessions.prepare(main, options.lockWaitTimeout());
            JdbcSessions.execute(main, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            String snapshotId;
            Instant snapshotTime;
            try (Statement s = main.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_catalog.pg_export_snapshot(), now()")) {
                rs.next();
                snapshotId = rs.getString(1);
                snapshotTime = rs.getTimestamp(2).toInstant();
            }
            Selection selection = Selection.of(PgSystemCatalog.relations(main), options);
            if (!options.include().isEmpty() && selection.selected().isEmpty()) {
                throw new PgEngineException(Reason.NOTHING_SELECTED, "include patterns " + options.include()
                        + " match no table in " + source.describe());
            }
            lockSelected(main, selection, source);
            Map<Long, Long> heapSizes = PgSystemCatalog.sizes(main, selection.dataTables());
            selection.sortDataTables(heapSizes);
            long splitBytes = serverVersionNum >= BlockRanges.MIN_SERVER_VERSION_NUM && sink.takesSegments()
                    ? options.splitBytes() : 0;
            Plan plan = Plan.of(main, options, selection, heapSizes, Long.parseLong(scalar(main, "SHOW block_size")),
                    splitBytes);
            Map<String, String> postDataItemTables = plan.postDataItemTables(main);
            Map<String, ForeignKeyTables> foreignKeyTables = plan.foreignKeyTables(main);
            Map<Long, DumpRelation> relations = options.type().hasSchema() ? relations(selection) : Map.of();
            Map<String, Long> itemRelations = options.type().hasSchema()
                    ? PgSystemCatalog.itemRelations(main, selection.selected()) : Map.of();
            try {
                sink.planned(plan.entries());
            } catch (java.io.IOException e) {
                throw PgErrors.fromIo(e, Reason.SINK_FAILED, "the entry sink refused the plan");
            }

            EntryWriter writer = new EntryWriter(sink);
            startPgDumps(plan, selection, options, snapshotId, source, writer, group);
            Queue<CopyTask> queue = new ConcurrentLinkedQueue<>(plan.copyTasks());
            int sessions = Math.min(options.parallelism(), plan.copyTasks().size());
            for (int i = 0; i < sessions; i++) {
                group.submit(new TableCopier(source, options, snapshotId, selection.toLock(), queue, writer, group));
            }
            if (plan.entries().contains(DumpEntry.sequenceValues())) {
                writeSequenceValues(main, selection, writer, group, source);
            }
            group.awaitAll();
            JdbcSessions.execute(main, "COMMIT");
            return new DumpResult(serverVersion, serverVersionNum, pgDumpVersion, snapshotId, snapshotTime,
                    plan.entries(), writer.rowCounts, writer.durations, postDataItemTables, foreignKeyTables, relations,
                    itemRelations, plan.tableRanges(), startedAt, Instant.now());
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, source, Reason.DUMP_FAILED, "dumping " + source.describe());
        }
    }

    /** See {@link DumpResult#relations()}. */
    private static Map<Long, DumpRelation> relations(Selection selection) {
        Map<Long, DumpRelation> result = new LinkedHashMap<>();
        for (Relation r : selection.selected()) {
            long parent = r.ancestors().isEmpty() ? 0 : r.ancestors().get(0);
            result.put(r.oid(), new DumpRelation(r.oid(), r.schema(), r.name(), r.kind(), r.ownerTable(), parent));
        }
        return result;
    }

    private static void lockSelected(Connection main, Selection selection, PgConnectionSpec source) {
        try {
            Locks.accessShare(main, selection.toLock());
        } catch (SQLException e) {
            String why = "42P01".equals(e.getSQLState()) ? "a table was dropped while the backup started"
                    : "cannot lock the selected tables";
            throw PgErrors.fromSql(e, source, Reason.DUMP_FAILED, why);
        }
    }

    /** pg_dump runs for the schema sections and large objects, one process each, all at once. */
    private void startPgDumps(Plan plan, Selection selection, DumpOptions options, String snapshotId,
                              PgConnectionSpec source, EntryWriter writer, TaskGroup group) {
        List<Relation> excluded = options.filtersRelations() ? selection.unselected() : List.of();
        for (DumpEntry entry : plan.entries()) {
            List<String> cmd = switch (entry.kind()) {
                case PRE_DATA, POST_DATA ->
                        PgDumpSection.command(tools, entry.name(), snapshotId, options.lockWaitTimeout(), excluded);
                case LARGE_OBJECTS -> PgDumpSection.largeObjectsCommand(tools, snapshotId, options.lockWaitTimeout());
                default -> null;
            };
            if (cmd != null) {
                group.submit(() -> writer.write(entry,
                        out -> PgDumpSection.run(cmd, source, entry.name(), out, group)));
            }
        }
    }

    /** Runs on the exporting session itself (it is idle while the others work). */
    private static void writeSequenceValues(Connection main, Selection selection, EntryWriter writer, TaskGroup group,
                                            PgConnectionSpec source) {
        try {
            writer.write(DumpEntry.sequenceValues(), out -> {
                SequenceValues.write(main, selection.sequences(), out);
                return 0;
            });
        } catch (SQLException e) {
            group.fail(PgErrors.fromSql(e, source, Reason.DUMP_FAILED, "reading sequence values"));
        } catch (Exception e) {
            group.fail(e);
        }
    }

    /**
     * The entries of a dump in restore order, the table behind each data entry (largest first), the block ranges of
     * the tables dumped split, and the copies to run (largest tables first; a split table's ranges one after the
     * other, so the sessions share its work). Large objects are dumped like pg_dump does by default: in full dumps
     * that do not select tables by include patterns.
     */
    private record Plan(List<DumpEntry> entries, List<Relation> dataTables, Map<Long, DumpEntry> dataEntries,
                        Map<String, List<BlockRange>> tableRanges, List<CopyTask> copyTasks) {

        /** See {@link DumpResult#postDataItemTables()}: empty unless the dump has both post-data and table data. */
        Map<String, String> postDataItemTables(Connection main) throws SQLException {
            if (!entries.contains(DumpEntry.postData()) || dataEntries.isEmpty()) {
                return Map.of();
            }
            Map<String, String> result = new HashMap<>();
            PgSystemCatalog.postDataItemTables(main, dataTables).forEach((item, table) -> {
                DumpEntry data = dataEntries.get(table);
                if (data != null) {
                    result.put(item, data.name());
                }
            });
            return result;
        }

        /** See {@link DumpResult#foreignKeyTables()}: empty unless the dump has both post-data and table data. */
        Map<String, ForeignKeyTables> foreignKeyTables(Connection main) throws SQLException {
            if (!entries.contains(DumpEntry.postData()) || dataEntries.isEmpty()) {
                return Map.of();
            }
            Map<String, ForeignKeyTables> result = new HashMap<>();
            PgSystemCatalog.foreignKeys(main, dataTables).forEach((item, tables) -> {
                DumpEntry table = dataEntries.get(tables[0]);
                DumpEntry references = dataEntries.get(tables[1]);
                result.put(item, new ForeignKeyTables(table == null ? null : table.name(),
                        references == null ? null : references.name()));
            });
            return result;
        }

        static Plan of(Connection main, DumpOptions options, Selection selection, Map<Long, Long> heapSizes,
                       long blockSize, long splitBytes) throws SQLException {
            List<DumpEntry> entries = new ArrayList<>();
            Map<Long, DumpEntry> dataEntries = new LinkedHashMap<>();
            Map<String, List<BlockRange>> tableRanges = new LinkedHashMap<>();
            List<CopyTask> copyTasks = new ArrayList<>();
            List<Relation> dataTables = options.type().hasData() ? selection.dataTables() : List.of();
            if (options.type().hasSchema()) {
                entries.add(DumpEntry.preData());
            }
            Map<Long, PgSystemCatalog.Columns> columns = PgSystemCatalog.columns(main, dataTables);
            for (Relation t : dataTables) {
                PgSystemCatalog.Columns cols = columns.getOrDefault(t.oid(), PgSystemCatalog.Columns.NONE);
                DumpEntry entry = DumpEntry.tableData(t.oid(), t.schema(), t.name(), cols.names(), cols.types());
                entries.add(entry);
                dataEntries.put(t.oid(), entry);
                List<BlockRange> ranges = cols.names().isEmpty() ? List.of()
                        : BlockRanges.of(heapSizes.getOrDefault(t.oid(), 0L), blockSize, splitBytes);
                if (ranges.isEmpty()) {
                    copyTasks.add(CopyTask.whole(t, entry));
                } else {
                    tableRanges.put(entry.name(), ranges);
                    for (int i = 0; i < ranges.size(); i++) {
                        copyTasks.add(new CopyTask(t, entry, ranges.get(i), i, ranges.size()));
                    }
                }
            }
            if (options.type() == DumpOptions.Type.FULL && options.include().isEmpty()
                    && PgSystemCatalog.hasLargeObjects(main)) {
                entries.add(DumpEntry.largeObjects());
            }
            if (options.type().hasData() && !selection.sequences().isEmpty()) {
                entries.add(DumpEntry.sequenceValues());
            }
            if (options.type().hasSchema()) {
                entries.add(DumpEntry.postData());
            }
            return new Plan(List.copyOf(entries), dataTables, dataEntries, tableRanges, List.copyOf(copyTasks));
        }
    }

    private static String scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
