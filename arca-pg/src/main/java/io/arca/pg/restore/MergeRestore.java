package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions.OnConflict;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A merge restore ({@code mode: merge}): brings the backup's rows back into existing tables by primary key, keeping
 * rows written since the backup. The restore people want after an accidental {@code DELETE ... WHERE} on a live table.
 *
 * <p>Everything happens in one transaction on one session, so a failure or a kill at any point leaves the target as
 * it was. Per table, parents before children of the foreign keys among the merged tables: the backup's rows are
 * {@code COPY}ed (streamed, the server keeps them) into a temporary table typed like the target's, counted against the
 * target, then {@code INSERT ... SELECT ... ON CONFLICT (<primary key>) DO NOTHING} (SKIP) or {@code DO UPDATE SET
 * <non-key columns> = EXCLUDED...} (OVERWRITE). Only rows that change something enter the INSERT: new keys, and with
 * OVERWRITE rows whose contents differ; the target's other columns (added since the backup) keep their values.
 *
 * <p>Counts: with SKIP, {@code inserted} is what the INSERT wrote and every other backup row was skipped — exact even
 * while the application writes, and no lock beyond the INSERT's own is taken (INSERT and SELECT privileges suffice).
 * With OVERWRITE, the real run first locks each table {@code IN SHARE ROW EXCLUSIVE MODE} (readers go on, writers
 * wait until the merge commits), so the split into inserted and overwritten rows is exactly what the statement did.
 * A dry run takes no lock, writes nothing to the target and rolls back; its counts are what a merge would do on the
 * target as it is at that moment.
 *
 * <p>Triggers: the target's user triggers fire, as for any application's INSERT or UPDATE — merged rows are new
 * writes to a live table, and audit or derived-data triggers should see them. They fire only for rows actually
 * inserted or overwritten. Sequences are left alone: the backup's keys were issued before, so they lie below the
 * sequences' current values. Foreign keys are checked as usual; a merged row whose parent is gone fails the merge.
 */
public final class MergeRestore {
    /** How long to wait for a merged table's lock (a long transaction holding it) before failing with LOCK_TIMEOUT. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(30);

    private MergeRestore() {
    }

    /**
     * A merge restore as the job asks for it: the tables {@code options.tables()} select (with the partitions of
     * selected partitioned tables, as {@link RestorePlan#tables()}), merged with {@code options.onConflict()}.
     *
     * @throws PgEngineException NOTHING_SELECTED naming patterns that match no table of the backup, else as
     *                           {@link #run(PgConnectionSpec, List, EntrySource, OnConflict, boolean)}
     */
    public static MergeResult run(PgTools tools, PgConnectionSpec target, RestoreOptions options,
                                  EntrySource source) {
        if (options.mode() != RestoreOptions.Mode.MERGE) {
            throw new IllegalArgumentException("not a merge restore: mode " + options.mode());
        }
        RestorePlan plan = RestorePlan.of(tools, source, options);
        if (!plan.unmatchedPatterns().isEmpty()) {
            throw new PgEngineException(Reason.NOTHING_SELECTED, "table patterns " + plan.unmatchedPatterns()
                    + " match no table in the backup");
        }
        return run(target, plan.tables(), source, options.onConflict(), false);
    }

    /**
     * Merges the {@code tables} entries (TABLE_DATA) of {@code source} into {@code target}.
     *
     * @throws PgEngineException NO_PRIMARY_KEY naming the tables without a primary key, RESTORE_FAILED naming a table
     *                           missing in the target or one the backup's rows do not fit — both before anything is
     *                           written — or the reason of any later failure (nothing is then kept)
     */
    public static MergeResult run(PgConnectionSpec target, List<DumpEntry> tables, EntrySource source,
                                  OnConflict onConflict, boolean dryRun) {
        Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED);
        try (c) {
            JdbcSessions.prepare(c, LOCK_WAIT);
            c.setAutoCommit(false);
            List<MergeTable> plan = check(c, tables);
            List<MergeResult.TableMerge> merged = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                merged.add(mergeOne(c, target, source, plan.get(i), i, onConflict, dryRun));
            }
            if (dryRun) {
                c.rollback();
            } else {
                c.commit();
            }
            return new MergeResult(merged, onConflict, dryRun);
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "merging into " + target.describe());
        }
    }

    /** Reads every table's shape and refuses the whole merge, before any write, when one does not fit. */
    private static List<MergeTable> check(Connection c, List<DumpEntry> entries) throws SQLException {
        List<MergeTable> tables = new ArrayList<>();
        for (DumpEntry e : MergeOrder.parentsFirst(c, entries)) {
            tables.add(MergeTable.read(c, e));
        }
        List<String> missing = tables.stream().filter(t -> !t.exists()).map(MergeTable::name).toList();
        if (!missing.isEmpty()) {
            throw new PgEngineException(Reason.RESTORE_FAILED, "merge restore: the target has no table "
                    + String.join(", ", missing) + " (a merge brings rows back into existing tables; restore a "
                    + "missing table in mode replace)");
        }
        List<String> keyless = tables.stream().filter(t -> t.primaryKey().isEmpty()).map(MergeTable::name).toList();
        if (!keyless.isEmpty()) {
            throw new PgEngineException(Reason.NO_PRIMARY_KEY, "merge restore matches rows by primary key, and "
                    + String.join(", ", keyless) + (keyless.size() == 1 ? " has" : " have") + " none in the target");
        }
        List<String> misfits = tables.stream().flatMap(t -> t.misfits().stream()).toList();
        if (!misfits.isEmpty()) {
            throw new PgEngineException(Reason.RESTORE_FAILED, "merge restore: the backup's rows do not fit the "
                    + "target: " + String.join("; ", misfits));
        }
        return tables;
    }

    private static MergeResult.TableMerge mergeOne(Connection c, PgConnectionSpec target, EntrySource source,
                                                   MergeTable t, int index, OnConflict onConflict, boolean dryRun) {
        DumpEntry entry = t.entry();
        try (Statement s = c.createStatement()) {
            s.execute(t.createStaging(index));
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (InputStream in = EntryReader.open(source, entry)) {
                copy.copyIn(t.copyIntoStaging(index), in);
            }
            // the planner knows nothing of a fresh temporary table; with statistics it can pick a hash join
            s.execute("ANALYZE " + MergeTable.staging(index));
            boolean overwrite = onConflict == OnConflict.OVERWRITE;
            if (overwrite && !dryRun) {
                // splitting the written rows into inserted and overwritten needs the count and the write to see the
                // same rows; OVERWRITE needs UPDATE on the table, which allows this lock
                s.execute("LOCK TABLE " + t.target() + " IN SHARE ROW EXCLUSIVE MODE");
            }
            long all;
            long newKeys;
            long differing;
            try (ResultSet rs = s.executeQuery(t.countStaged(index))) {
                rs.next();
                all = rs.getLong(1);
                newKeys = rs.getLong(2);
                differing = rs.getLong(3);
            }
            long inserted = newKeys;
            long overwritten = overwrite ? differing : 0;
            if (!dryRun) {
                long written = s.executeLargeUpdate(t.merge(index, overwrite));
                if (!overwrite) {
                    inserted = written; // exact whatever others wrote meanwhile: a row not inserted had its key there
                } else if (written != newKeys + overwritten) {
                    // under the lock nobody else writes, so this holds; a mismatch would mean the counts lie
                    throw new PgEngineException(Reason.RESTORE_FAILED, "merging " + t.name() + ": expected to "
                            + "write " + (newKeys + overwritten) + " rows, wrote " + written);
                }
            }
            s.execute("DROP TABLE " + MergeTable.staging(index)); // free its space now, not at commit
            return new MergeResult.TableMerge(entry.schema(), entry.table(), all, inserted,
                    all - inserted - overwritten, overwritten);
        } catch (EntryReader.SourceFailure e) {
            throw PgErrors.fromIo(e, Reason.SOURCE_FAILED, "merging " + t.name());
        } catch (IOException e) {
            throw PgErrors.fromIo(e, Reason.RESTORE_FAILED, "merging " + t.name());
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "merging " + t.name());
        }
    }
}
