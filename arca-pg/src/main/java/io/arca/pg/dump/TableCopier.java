package io.arca.pg.dump;

import io.arca.pg.DumpOptions;
import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TaskGroup;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Queue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One copy session of a dump: imports the exported snapshot, locks every table it may copy (so a DROP that arrives
 * later queues behind this session instead of in front of it), then takes {@link CopyTask}s from the shared queue,
 * largest tables first, and streams {@code COPY ... TO STDOUT} into a table's entry, or into one segment of a split
 * table's entry. Synchronized sequential scans are off, as in pg_dump: a scan joining another one midway would
 * start the table's text at another row, which is still correct but changes every chunk of it (no dedup).
 */
final class TableCopier implements TaskGroup.Task {
    private final PgConnectionSpec source;
    private final DumpOptions options;
    private final String snapshotId;
    private final List<Relation> allTables;
    private final Queue<CopyTask> queue;
    private final EntryWriter writer;
    private final TaskGroup group;

    TableCopier(PgConnectionSpec source, DumpOptions options, String snapshotId, List<Relation> allTables,
                Queue<CopyTask> queue, EntryWriter writer, TaskGroup group) {
        this.source = source;
        this.options = options;
        this.snapshotId = snapshotId;
        this.allTables = allTables;
        this.queue = queue;
        this.writer = writer;
        this.group = group;
    }

    @Override
    public void run() throws Exception {
        Connection c = JdbcSessions.open(source, Reason.DUMP_FAILED);
        try (c; TaskGroup.Registration ignored = group.onCancel(() -> cancel(c))) {
            try {
                JdbcSessions.prepare(c, options.lockWaitTimeout());
                JdbcSessions.execute(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                JdbcSessions.execute(c, "SET TRANSACTION SNAPSHOT " + Identifiers.literal(snapshotId));
                JdbcSessions.execute(c, "SET synchronize_seqscans = off");
                Locks.accessShare(c, allTables);
            } catch (SQLException e) {
                throw PgErrors.fromSql(e, source, Reason.DUMP_FAILED, "preparing a copy session");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CopyTask task;
            while (!group.failed() && (task = queue.poll()) != null) {
                copy(copy, task);
            }
            JdbcSessions.execute(c, "COMMIT");
        }
    }

    private void copy(CopyManager copy, CopyTask task) throws Exception {
        String sql = task.copySql();
        EntryWriter.EntryBody body = out -> {
            try {
                return copy.copyOut(sql, out);
            } catch (EntryWriter.SinkFailure e) {
                throw PgErrors.fromIo(e, Reason.SINK_FAILED, "dumping " + task.display());
            } catch (IOException e) {
                throw PgErrors.fromIo(e, Reason.DUMP_FAILED, "dumping " + task.display());
            } catch (SQLException e) {
                throw PgErrors.fromSql(e, source, Reason.DUMP_FAILED, "dumping " + task.display());
            }
        };
        if (task.range() == null) {
            writer.write(task.entry(), body);
        } else {
            writer.writeSegment(task.entry(), task.segment(), task.segments(), body);
        }
    }

    private static void cancel(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // the session may already be gone
        }
    }
}
