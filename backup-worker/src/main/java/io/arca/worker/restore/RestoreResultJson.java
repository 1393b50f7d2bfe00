package io.arca.worker.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.restore.MergeResult;
import io.arca.pg.restore.RestoreResult;
import io.arca.pg.restore.RestoreTargets;
import io.arca.pg.restore.TargetServer;
import java.util.Locale;

/**
 * What a completed restore did, as {@code restores.result}: the target database's fate ({@code created},
 * {@code recreated}, {@code existing}), the client tools used ({@code clientTools}: the pg_restore the engine chose for
 * the target server's major version, and why, as {@link TargetServer} chooses it), rows per table ({@code schema.table}: rows, next to the rows the backup
 * recorded), the foreign keys a table selection left out (they reference a table not restored; pg_restore's listing
 * lines), totals and the duration; for a merge, per table what became of the backup's rows.
 */
final class RestoreResultJson {
    private RestoreResultJson() {
    }

    static ObjectNode of(ObjectMapper json, DumpPlan plan, RestoreResult result, RestoreTargets.Outcome target,
            TargetServer server) {
        ObjectNode root = json.createObjectNode();
        root.put("database", target.name().toLowerCase(Locale.ROOT));
        clientTools(root, server).put("backupServerVersion", plan.serverVersion());
        ObjectNode tables = root.putObject("tables");
        for (DumpEntry e : result.restored()) {
            if (e.kind() != EntryKind.TABLE_DATA) {
                continue;
            }
            ObjectNode t = tables.putObject(e.qualifiedTable());
            t.put("rows", result.rowCounts().getOrDefault(e.name(), 0L));
            Long backedUp = plan.rowCounts().get(e.name());
            if (backedUp != null) {
                t.put("rowsInBackup", backedUp);
            }
        }
        root.put("tablesRestored", tables.size());
        root.putPOJO("foreignKeysLeftOut", result.foreignKeysLeftOut());
        root.put("rows", result.totalRows());
        root.put("durationMs", result.duration().toMillis());
        return root;
    }

    /**
     * A merge's result: per table the backup's rows and what became of them ({@code inserted}, {@code skipped},
     * {@code overwritten}), and the totals.
     */
    static ObjectNode ofMerge(ObjectMapper json, MergeResult result, long durationMs, TargetServer server) {
        ObjectNode root = json.createObjectNode();
        root.put("database", "existing");
        root.put("mode", "merge");
        root.put("onConflict", result.onConflict().name().toLowerCase(Locale.ROOT));
        clientTools(root, server);
        ObjectNode tables = root.putObject("tables");
        for (MergeResult.TableMerge t : result.tables()) {
            ObjectNode m = tables.putObject(t.schema() + "." + t.table());
            m.put("rowsInBackup", t.backupRows());
            m.put("inserted", t.inserted());
            m.put("skipped", t.skipped());
            m.put("overwritten", t.overwritten());
        }
        root.put("tablesRestored", tables.size());
        root.put("inserted", result.inserted());
        root.put("skipped", result.skipped());
        root.put("overwritten", result.overwritten());
        root.put("durationMs", durationMs);
        return root;
    }

    private static ObjectNode clientTools(ObjectNode root, TargetServer server) {
        ObjectNode tools = root.putObject("clientTools");
        tools.put("pgRestore", server.tools().pgRestore().toString());
        tools.put("why", server.toolsReason());
        tools.put("targetServerVersion", server.version());
        return tools;
    }
}
