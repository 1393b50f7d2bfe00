package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.EntrySource;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgTools;
import io.arca.pg.RestoreOptions.Mode;
import io.arca.pg.RestoreOptions.OnConflict;
import io.arca.pg.RestoreOptions;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.restore.RestorePreview.Conflicts;
import io.arca.pg.restore.RestorePreview.MergeCounts;
import io.arca.pg.restore.RestorePreview.TablePreview;
import io.arca.pg.restore.RestorePreview.WouldOverwrite;
import io.arca.pg.restore.TargetInspection.ExistingTable;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import io.arca.pg.restore.TargetInspection.Request;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Assembles a {@link RestorePreview}: plan, target inspection, existing relations, and a merge's dry run. */
final class DryRun {
    private DryRun() {
    }

    static RestorePreview preview(PgTools tools, PgConnectionSpec target, RestoreOptions options,
                                  EntrySource source) {
        boolean exists = databaseExists(target);
        RestorePlan plan = RestorePlan.of(tools, source, options, exists ? target : null);
        boolean schema = options.restoresSchema();
        boolean merge = options.mode() == Mode.MERGE;
        Request request = new Request(plan.tables().stream().map(e -> new QualifiedTable(e.schema(), e.table()))
                .toList(), plan.schemas(), schema ? plan.rolesReferenced() : List.of(),
                schema ? plan.extensions() : List.of(), schema, options.dropExisting() || options.dataOnly());
        TargetInspection inspection = TargetInspection.of(target, request);
        ExistingRelations relations = exists && schema ? ExistingRelations.of(target, plan.relationsToCreate())
                : ExistingRelations.NONE;

        List<String> blocking = new ArrayList<>();
        RestorePreview.Versions versions = VersionComparison.of(source.serverVersion(), inspection, blocking);
        List<String> missingTables = schema ? List.of() : plan.tables().stream()
                .filter(e -> inspection.existing(e.schema(), e.table()).isEmpty()).map(DumpEntry::qualifiedTable)
                .toList();
        if (!exists && !schema) {
            blocking.add("database " + target.database() + " does not exist: a data-only or merge restore loads "
                    + "rows into existing tables");
        } else if (!missingTables.isEmpty()) {
            blocking.add("the target has no table " + String.join(", ", missingTables) + ": a data-only or merge "
                    + "restore loads rows into existing tables");
        }
        List<ExistingTable> existingTables = schema ? inspection.existingTables() : List.of();
        if (schema && !options.dropExisting() && (!existingTables.isEmpty() || !relations.others().isEmpty())) {
            List<String> names = new ArrayList<>(existingTables.stream().map(ExistingTable::qualifiedName).toList());
            names.addAll(relations.others());
            blocking.add("the target already has " + String.join(", ", names) + ": restore with dropExisting (and "
                    + "confirmDataLoss) to replace them, or into another database");
        }
        if (options.strict() && !plan.foreignKeysLeftOut().isEmpty()) {
            blocking.add("strict: the selection leaves out tables that its foreign keys reference ("
                    + String.join("; ", plan.foreignKeysLeftOut()) + ")");
        }

        List<String> problems = new ArrayList<>(inspection.privilegeProblems());
        Map<String, MergeCounts> mergeCounts = new HashMap<>();
        if (merge && exists && blocking.isEmpty()) {
            mergePreview(target, options.onConflict(), plan.tables(), source, problems, blocking, mergeCounts);
        }

        List<TablePreview> tables = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        for (DumpEntry e : plan.tables()) {
            long r = options.restoresData() ? source.rowCount(e).orElse(-1) : 0;
            long b = options.restoresData() ? source.size(e).orElse(-1) : 0;
            rows = rows < 0 || r < 0 ? -1 : rows + r;
            bytes = bytes < 0 || b < 0 ? -1 : bytes + b;
            Optional<ExistingTable> now = inspection.existing(e.schema(), e.table());
            String action = merge ? "merge" : options.dataOnly() ? "load"
                    : now.isPresent() && options.dropExisting() ? "replace" : "create";
            tables.add(new TablePreview(e.schema(), e.table(), action, r, b, now.map(ExistingTable::rows)
                    .orElse(null), now.map(ExistingTable::rowsEstimated).orElse(false),
                    mergeCounts.get(e.qualifiedTable())));
        }

        boolean dropping = exists && schema && options.dropExisting();
        Map<String, Integer> toDrop = dropping ? relations.byKind() : new HashMap<>();
        List<String> schemasDropped = dropping && plan.wholeDump() ? inspection.existingSchemas() : List.of();
        if (!schemasDropped.isEmpty()) {
            toDrop.put("SCHEMA", schemasDropped.size());
        }
        return new RestorePreview(exists, merge ? "merge" : "replace", versions,
                schema ? plan.objectsByKind() : Map.of(), toDrop, tables, rows, bytes,
                new Conflicts(existingTables, relations.others(), missingTables, inspection.missingRoles(),
                        inspection.missingExtensions(), blocking),
                plan.foreignKeysLeftOut(), plan.unmatchedPatterns(),
                NeededPrivileges.of(options, plan, inspection, target.database()), problems,
                wouldOverwrite(options, inspection, schemasDropped),
                dropping ? DependentViews.describe(target, plan) : List.of());
    }

    /** The merge's own privilege check, then its dry run (a transaction rolled back) for the per-table counts. */
    private static void mergePreview(PgConnectionSpec target, OnConflict onConflict, List<DumpEntry> tables,
                                     EntrySource source, List<String> problems, List<String> blocking,
                                     Map<String, MergeCounts> counts) {
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED)) {
            c.setReadOnly(true);
            problems.addAll(MergePrivileges.problems(c, tables, onConflict));
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "checking merge privileges");
        }
        if (!problems.isEmpty()) {
            return; // the merge would fail on them; its counts cannot be had
        }
        try {
            MergeResult result = MergeRestore.run(target, tables, source, onConflict, true);
            result.tables().forEach(t -> counts.put(t.schema() + "." + t.table(),
                    new MergeCounts(t.inserted(), t.skipped(), t.overwritten())));
        } catch (PgEngineException e) {
            if (e.reason() != Reason.NO_PRIMARY_KEY && e.reason() != Reason.RESTORE_FAILED) {
                throw e;
            }
            blocking.add(e.getMessage());
        }
    }

    private static WouldOverwrite wouldOverwrite(RestoreOptions options, TargetInspection inspection,
                                                 List<String> schemasDropped) {
        boolean overwritesRows = options.dataOnly()
                || options.mode() == Mode.MERGE && options.onConflict() == OnConflict.OVERWRITE;
        List<ExistingTable> tables = inspection.existingTables().stream()
                .filter(t -> options.dropExisting() && options.restoresSchema() || overwritesRows && holdsRows(t))
                .toList();
        long rows = tables.stream().mapToLong(t -> Math.max(0, t.rows())).sum();
        return new WouldOverwrite(schemasDropped, tables, rows);
    }

    /** An estimated count of 0 or -1 (never analyzed) is trusted only for a table without bytes (as the API). */
    private static boolean holdsRows(ExistingTable t) {
        return t.rows() > 0 || (t.rowsEstimated() && t.bytes() > 0);
    }

    private static boolean databaseExists(PgConnectionSpec target) {
        try {
            JdbcSessions.open(target, Reason.RESTORE_FAILED).close();
            return true;
        } catch (PgEngineException e) {
            if (e.reason() == Reason.DATABASE_MISSING) {
                return false;
            }
            throw e;
        } catch (SQLException e) {
            return true; // it opened; closing failed
        }
    }
}
