package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TaskGroup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Restores the entries of a dump into a database, in this order: pre-data (pg_restore, one transaction), table data
 * (parallel {@code COPY ... FROM STDIN}, one transaction per table, or per segment of a table dumped split, whose
 * segments load in parallel into the one table), large objects (pg_restore), sequence values,
 * post-data (pg_restore: indexes, constraints — which also validates foreign keys against the loaded rows —
 * triggers and materialized view refreshes). Loading rows before indexes and constraints is what pg_restore does
 * too: it is the fastest order and lets tables load in any order. Like {@code pg_restore -j}, a parallel restore
 * builds each large table's own indexes and constraints as soon as its rows are in, while other tables still load
 * ({@link PostDataSchedule}).
 */
public final class PgRestorer {
    private final PgTools tools;
    private final Duration earlyPostDataAfter;

    /** A restorer using the newest installed pg_restore ({@link PgTools#locate()}). */
    public PgRestorer() {
        this(PgTools.locate());
    }

    public PgRestorer(PgTools tools) {
        this(tools, PostDataSchedule.EARLY_AFTER);
    }

    /**
     * @param earlyPostDataAfter a table that loaded in less time keeps its own indexes and constraints for the final
     *                           post-data step (default {@link PostDataSchedule#EARLY_AFTER}); {@code Duration.ZERO}
     *                           builds every table's right after its load (tests use it to cover the split)
     */
    public PgRestorer(PgTools tools, Duration earlyPostDataAfter) {
        this.tools = tools;
        this.earlyPostDataAfter = earlyPostDataAfter;
    }

    /**
     * Restores {@code source} into {@code target}, a database the restore job created ({@link TargetDatabase#NEW}).
     *
     * @see #restore(PgConnectionSpec, RestoreOptions, EntrySource, TargetDatabase)
     */
    public RestoreResult restore(PgConnectionSpec target, RestoreOptions options, EntrySource source) {
        return restore(target, options, source, TargetDatabase.NEW);
    }

    /**
     * Restores {@code source} into {@code target}. Into a {@link TargetDatabase#NEW} database a whole restore runs
     * as it always did (parallel loads, post-data split); a table selection restores the selected tables whole
     * (pre-data and post-data with {@code pg_restore --use-list} of the {@link RestorePlan}'s items, rows in parallel,
     * owned sequences' values). Into an {@link TargetDatabase#EXISTING} database, and for every data-only restore,
     * the whole restore is one transaction ({@link AtomicRestore}).
     *
     * @throws UnsupportedOperationException for merge restores (not done here)
     * @throws PgEngineException             with a {@link Reason} when the restore fails: NOTHING_SELECTED (patterns
     *                                       matching no table), SELECTION_INCOMPLETE (strict, foreign keys to
     *                                       tables left out), TARGET_CONFLICT (existing objects, no dropExisting),
     *                                       RESTORE_FAILED, SOURCE_FAILED, ...
     */
    public RestoreResult restore(PgConnectionSpec target, RestoreOptions options, EntrySource source,
                                 TargetDatabase database) {
        rejectUnsupported(options);
        Instant startedAt = Instant.now();
        // fail fast: reachable, credentials (reading the version is the first session), then the target's version
        // (an older one is refused) and its pg_restore
        TargetServer server = TargetServer.prepare(target, source.serverVersion(), this.tools);
        PgTools tools = server.tools();
        if (database == TargetDatabase.NEW && options.tables().isEmpty() && !options.dataOnly()) {
            return restoreWhole(server, target, options, source, startedAt);
        }
        Map<String, Long> rowCounts = new ConcurrentHashMap<>();
        Map<String, Duration> durations = new ConcurrentHashMap<>();
        try (SchemaSpools spools = SchemaSpools.read(tools, source, options)) {
            TargetObjects existing = database == TargetDatabase.EXISTING ? TargetObjects.inspect(target) : null;
            RestorePlan plan = PlanBuilder.build(source, options, spools, existing);
            refuseIncomplete(plan);
            if (database == TargetDatabase.EXISTING || options.dataOnly()) {
                new AtomicRestore(tools, target, source, plan, spools, rowCounts, durations).run();
            } else {
                restoreSelected(tools, target, source, plan, spools, rowCounts, durations);
            }
            return new RestoreResult(plan.entries(), rowCounts, durations, startedAt, Instant.now(),
                    plan.foreignKeysLeftOut(), server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "restore into " + target.describe() + " interrupted", e);
        }
    }

    /** A whole restore into a new database, exactly as before table selections existed. */
    private RestoreResult restoreWhole(TargetServer server, PgConnectionSpec target, RestoreOptions options,
                                       EntrySource source, Instant startedAt) {
        PgTools tools = server.tools();
        List<DumpEntry> plan = applicable(options, source.entries());
        List<DumpEntry> restored = new ArrayList<>();
        Map<String, Long> rowCounts = new ConcurrentHashMap<>();
        Map<String, Duration> durations = new ConcurrentHashMap<>();
        PostDataSchedule postData = null;
        try {
            for (EntryKind kind : EntryKind.values()) {
                List<DumpEntry> ofKind = plan.stream().filter(e -> e.kind() == kind).toList();
                restored.addAll(ofKind);
                if (kind == EntryKind.TABLE_DATA) {
                    postData = earlyPostData(tools, target, options, source, plan, ofKind);
                    loadData(target, options, source, ofKind, rowCounts, durations, postData);
                    continue;
                }
                for (DumpEntry e : ofKind) {
                    Instant start = Instant.now();
                    if (kind == EntryKind.SEQUENCE_VALUES) {
                        SequenceRestore.run(target, e, source, null);
                    } else if (kind == EntryKind.POST_DATA && postData != null) {
                        postData.finish();
                    } else {
                        SchemaRestore.run(tools, target, e, source, options);
                    }
                    durations.put(e.name(), Duration.between(start, Instant.now()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgEngineException(Reason.CANCELLED, "restore into " + target.describe() + " interrupted", e);
        } finally {
            if (postData != null) {
                postData.close();
            }
        }
        return new RestoreResult(restored, rowCounts, durations, startedAt, Instant.now(), List.of(), server);
    }

    /**
     * Selected tables into a new database: pre-data items in one transaction (with dropExisting, each dropped first
     * where it exists), rows in parallel sessions, owned sequences' values, post-data items with parallel jobs.
     */
    private void restoreSelected(PgTools tools, PgConnectionSpec target, EntrySource source, RestorePlan plan,
                                 SchemaSpools spools, Map<String, Long> rowCounts, Map<String, Duration> durations)
            throws InterruptedException {
        RestoreOptions options = plan.options();
        List<DumpEntry> tables = plan.entries().stream().filter(e -> e.kind() == EntryKind.TABLE_DATA).toList();
        for (EntryKind kind : EntryKind.values()) {
            if (kind == EntryKind.TABLE_DATA) {
                loadData(target, options, source, tables, rowCounts, durations, null);
                continue;
            }
            for (DumpEntry e : plan.entries().stream().filter(e -> e.kind() == kind).toList()) {
                Instant start = Instant.now();
                switch (kind) {
                    case PRE_DATA -> SchemaRestore.runSpooled(tools, target, options, spools.preData(),
                            spools.itemList(plan.preDataItems()), 1, options.dropExisting(),
                            "pg_restore of the selected tables' pre-data");
                    case SEQUENCE_VALUES -> SequenceRestore.run(target, e, source, plan.sequencesToSet());
                    case POST_DATA -> SchemaRestore.runSpooled(tools, target, options, spools.postData(),
                            spools.itemList(plan.postDataItems()), options.parallelism(),
                            "pg_restore of the selected tables' post-data");
                    default -> SchemaRestore.run(tools, target, e, source, options);
                }
                durations.put(e.name(), Duration.between(start, Instant.now()));
            }
        }
    }

    /** Patterns that match nothing, and with {@code strict} foreign keys to tables left out, stop the restore. */
    static void refuseIncomplete(RestorePlan plan) {
        if (!plan.unmatchedPatterns().isEmpty()) {
            throw new PgEngineException(Reason.NOTHING_SELECTED, "table patterns " + plan.unmatchedPatterns()
                    + " match no table in the backup");
        }
        if (plan.options().strict() && !plan.foreignKeysLeftOut().isEmpty()) {
            throw new PgEngineException(Reason.SELECTION_INCOMPLETE, "the selected tables have foreign keys to "
                    + "tables left out of the selection (strict refuses to skip them): "
                    + String.join("; ", plan.foreignKeysLeftOut()));
        }
    }

    /**
     * What {@link #restore} would do with these options, and what the target already holds; changes nothing.
     * A missing target database is reported, not an error.
     */
    public RestorePreview preview(PgConnectionSpec target, RestoreOptions options, EntrySource source) {
        return RestorePreview.of(tools, target, options, source);
    }

    /**
     * The entries a restore applies, in restore order. Large objects and sequence values belong to no table, so a
     * restore of selected tables leaves them alone (setting every sequence back to the dump's values could make
     * unrelated tables reuse keys).
     */
    static List<DumpEntry> applicable(RestoreOptions options, List<DumpEntry> entries) {
        boolean allTables = options.tables().isEmpty();
        return entries.stream().filter(e -> switch (e.kind()) {
            case PRE_DATA, POST_DATA -> options.restoresSchema();
            case TABLE_DATA -> options.restoresData()
                    && (allTables || options.tables().stream().anyMatch(p -> p.matches(e.schema(), e.table())));
            case LARGE_OBJECTS, SEQUENCE_VALUES -> options.restoresData() && allTables;
        }).sorted(Comparator.comparing(DumpEntry::kind)).toList();
    }

    /**
     * Creates database {@code name} (quoted, from template0, so nothing local to template1 clashes with the dump)
     * unless it exists. {@code maintenance} points at a database to connect to, usually {@code postgres}.
     *
     * @return true when it was created
     */
    public static boolean createDatabaseIfAbsent(PgConnectionSpec maintenance, String name) {
        try (Connection c = JdbcSessions.open(maintenance, Reason.RESTORE_FAILED)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE template0");
                return true;
            } catch (SQLException e) {
                if ("42P04".equals(e.getSQLState())) {
                    return false; // created concurrently by someone else: it exists, which is what was asked
                }
                throw e;
            }
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, maintenance, Reason.RESTORE_FAILED, "creating database " + name);
        }
    }

    /**
     * Post-data split so each table's own indexes and constraints are built right after its rows are in (see
     * {@link PostDataSchedule}): with parallel sessions, when the plan has post-data and the source knows the split.
     */
    private PostDataSchedule earlyPostData(PgTools tools, PgConnectionSpec target, RestoreOptions options,
                                           EntrySource source, List<DumpEntry> plan, List<DumpEntry> data)
            throws InterruptedException {
        DumpEntry postData = plan.stream().filter(e -> e.kind() == EntryKind.POST_DATA).findFirst().orElse(null);
        if (postData == null || data.isEmpty() || options.parallelism() < 2) {
            return null;
        }
        return PostDataSchedule.prepare(tools, target, options, postData, source, earlyPostDataAfter);
    }

    private static void loadData(PgConnectionSpec target, RestoreOptions options, EntrySource source,
                                 List<DumpEntry> data, Map<String, Long> rowCounts, Map<String, Duration> durations,
                                 PostDataSchedule postData) {
        if (data.isEmpty()) {
            return;
        }
        List<LoadTask> tasks = LoadTask.of(data, source);
        Queue<LoadTask> queue = new ConcurrentLinkedQueue<>(tasks);
        int sessions = Math.min(options.parallelism(), tasks.size());
        try (TaskGroup group = new TaskGroup("arca-restore", sessions, Reason.RESTORE_FAILED)) {
            for (int i = 0; i < sessions; i++) {
                group.submit(new TableLoader(target, options, source, queue, rowCounts, durations, postData, group));
            }
            group.awaitAll();
        }
    }

    private static void rejectUnsupported(RestoreOptions options) {
        if (options.mode() == RestoreOptions.Mode.MERGE) {
            throw new UnsupportedOperationException("merge restores are not done by restore()");
        }
    }
}
