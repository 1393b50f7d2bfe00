package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.EntryReader;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A restore into an existing database as ONE transaction on one session: pre-data (pg_restore's SQL run over JDBC),
 * rows, owned sequences' values, post-data, all committed together. A failure or a killed worker at any point leaves
 * the database as it was (the server rolls back a transaction whose session is gone), and a retry starts from the
 * same state. Rows load one table after another: one session is what makes it atomic.
 *
 * <p>Without {@code dropExisting}, objects the plan creates that the target already has fail the restore before
 * anything is written ({@link Reason#TARGET_CONFLICT}). With it, foreign keys of other tables that reference the
 * restored tables are dropped for the transaction and added back, validated, at its end. A data-only restore keeps
 * the target's definitions: it drops the foreign keys touching the tables (remembering them), disables the tables'
 * user triggers, empties them, loads, re-enables the triggers and re-adds the keys, validated; all of which the
 * tables' owner may do, without superuser.
 *
 * <p>With {@code dropExisting}, the target's views and materialized views over the restored tables that the plan
 * does not restore itself (a view the backup lacks, or a selection of tables only) would make the drop fail; they
 * are dumped from the target beforehand, dropped in the transaction and re-created from that dump at its end
 * ({@link DependentViewScript}). One that no longer fits the restored tables fails the restore, rolled back.
 */
final class AtomicRestore {
    private final PgTools tools;
    private final PgConnectionSpec target;
    private final RestoreOptions options;
    private final EntrySource source;
    private final RestorePlan plan;
    private final SchemaSpools spools;
    private final Map<String, Long> rowCounts;
    private final Map<String, Duration> durations;

    AtomicRestore(PgTools tools, PgConnectionSpec target, EntrySource source, RestorePlan plan, SchemaSpools spools,
                  Map<String, Long> rowCounts, Map<String, Duration> durations) {
        this.tools = tools;
        this.target = target;
        this.options = plan.options();
        this.source = source;
        this.plan = plan;
        this.spools = spools;
        this.rowCounts = rowCounts;
        this.durations = durations;
    }

    void run() throws InterruptedException {
        Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED);
        try (c) {
            JdbcSessions.prepare(c, Duration.ZERO);
            boolean replacing = options.restoresSchema() && options.dropExisting();
            // the target's views over restored tables: dumped now (another session), dropped and re-created inside
            DependentViewScript dependents = replacing ? DependentViewScript.capture(tools, target, c, plan)
                    : DependentViewScript.NONE;
            c.setAutoCommit(false);
            if (options.restoresSchema() && !options.dropExisting()) {
                TargetConflicts.refuseAny(c, plan, target);
            }
            dependents.dropUnchanged(c);
            List<TargetForeignKeys.ForeignKey> keys = List.of();
            if (options.dropExisting() || options.dataOnly()) {
                keys = TargetForeignKeys.touching(c, tableNames());
                TargetForeignKeys.drop(c, keys);
            }
            if (options.dataOnly()) {
                for (DumpEntry t : plan.tables()) {
                    execute(c, "ALTER TABLE " + qualified(t) + " DISABLE TRIGGER USER");
                }
                truncate(c);
            }
            List<DumpEntry> entries = plan.entries();
            for (DumpEntry e : entries) {
                Instant start = Instant.now();
                switch (e.kind()) {
                    case PRE_DATA -> execute(c, RestoreScripts.script(tools, spools.preData(), plan.preDataItems(),
                            options, options.dropExisting(), e.name()));
                    case TABLE_DATA -> copy(c, e);
                    case LARGE_OBJECTS -> throw new PgEngineException(Reason.RESTORE_FAILED, "large objects "
                            + "are restored into new databases only");
                    case SEQUENCE_VALUES -> setSequences(c, e);
                    case POST_DATA -> execute(c, RestoreScripts.script(tools, spools.postData(),
                            plan.postDataItems(), options, false, e.name()));
                }
                durations.put(e.name(), Duration.between(start, Instant.now()));
            }
            if (options.dataOnly()) {
                for (DumpEntry t : plan.tables()) {
                    execute(c, "ALTER TABLE " + qualified(t) + " ENABLE TRIGGER USER");
                }
            }
            // the restored tables' own keys came back with post-data (dropExisting); data-only: all of them
            TargetForeignKeys.add(c, keys.stream().filter(k -> options.dataOnly() || !k.heldBySelected()).toList());
            dependents.recreate(c, target);
            c.commit();
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "restoring into " + target.describe()
                    + " (rolled back: the database is as it was)");
        }
    }

    /** {schema, name} of the tables the restore replaces or reloads. */
    private List<String[]> tableNames() {
        List<String[]> names = new ArrayList<>();
        plan.tables().forEach(t -> names.add(new String[] {t.schema(), t.table()}));
        if (!options.dataOnly()) {
            plan.relationsCreated().stream().filter(r -> r.isTable())
                    .forEach(r -> names.add(new String[] {r.schema(), r.name()}));
        }
        return names;
    }

    private void truncate(Connection c) throws SQLException {
        if (!plan.tables().isEmpty()) {
            execute(c, "TRUNCATE " + String.join(", ", plan.tables().stream().map(AtomicRestore::qualified)
                    .toList()));
        }
    }

    private void copy(Connection c, DumpEntry e) throws SQLException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String sql = "COPY " + qualified(e) + Identifiers.columnList(e.columns()) + " FROM STDIN";
        try (InputStream in = EntryReader.open(source, e)) {
            rowCounts.put(e.name(), copy.copyIn(sql, in));
        } catch (EntryReader.SourceFailure failure) {
            throw PgErrors.fromIo(failure, Reason.SOURCE_FAILED, "restoring " + e.qualifiedTable());
        } catch (IOException failure) {
            throw PgErrors.fromIo(failure, Reason.RESTORE_FAILED, "restoring " + e.qualifiedTable());
        }
    }

    private void setSequences(Connection c, DumpEntry e) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : SequenceValueLines.statements(SequenceValueLines.read(source, e),
                    plan.sequencesToSet())) {
                s.execute(sql);
            }
        }
        // the setval lines reset search_path; the session's own settings stay as prepared
        JdbcSessions.execute(c, "SELECT pg_catalog.set_config('search_path', '', false)");
    }

    private static void execute(Connection c, String sql) throws SQLException {
        JdbcSessions.execute(c, sql);
    }

    private static String qualified(DumpEntry e) {
        return Identifiers.qualified(e.schema(), e.table());
    }
}
