package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TaskGroup;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * One load session of a restore: takes {@link LoadTask}s from the shared queue — a whole TABLE_DATA entry, or one
 * segment of a split table's entry, which several sessions load into the same table at once — and COPYs each FROM
 * STDIN; then, when the restore splits post-data and the task was its table's last, builds the table's own indexes
 * and constraints before taking the next.
 */
final class TableLoader implements TaskGroup.Task {
    private final PgConnectionSpec target;
    private final RestoreOptions options;
    private final EntrySource source;
    private final Queue<LoadTask> queue;
    private final Map<String, Long> rowCounts;
    private final Map<String, Duration> durations;
    private final PostDataSchedule postData;
    private final TaskGroup group;

    /** @param postData null when post-data runs whole after all data */
    TableLoader(PgConnectionSpec target, RestoreOptions options, EntrySource source, Queue<LoadTask> queue,
                Map<String, Long> rowCounts, Map<String, Duration> durations, PostDataSchedule postData,
                TaskGroup group) {
        this.target = target;
        this.options = options;
        this.source = source;
        this.queue = queue;
        this.rowCounts = rowCounts;
        this.durations = durations;
        this.postData = postData;
        this.group = group;
    }

    @Override
    public void run() throws Exception {
        Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED);
        try (c; TaskGroup.Registration ignored = group.onCancel(() -> cancel(c))) {
            try {
                JdbcSessions.prepare(c, Duration.ZERO);
            } catch (SQLException e) {
                throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "preparing a load session");
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            LoadTask task;
            while (!group.failed() && (task = queue.poll()) != null) {
                task.table().started();
                long rows = load(copy, task);
                if (task.table().done(rows)) {
                    DumpEntry entry = task.entry();
                    Duration took = task.table().sinceStart();
                    rowCounts.put(entry.name(), task.table().rows());
                    durations.put(entry.name(), took);
                    if (postData != null && !group.failed()) {
                        postData.tableLoaded(entry, took);
                    }
                }
            }
        }
    }

    /** COPYs the task's bytes in; returns the rows. */
    private long load(CopyManager copy, LoadTask task) {
        DumpEntry entry = task.entry();
        String table = task.display();
        String sql = "COPY " + Identifiers.qualified(entry.schema(), entry.table())
                + Identifiers.columnList(entry.columns()) + " FROM STDIN";
        try (InputStream in = task.segment() < 0 ? EntryReader.open(source, entry)
                : EntryReader.openSegment(source, entry, task.segment())) {
            return copy.copyIn(sql, in);
        } catch (EntryReader.SourceFailure e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "restoring " + table);
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "restoring " + table);
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "restoring " + table);
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
