package io.arca.worker.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.pg.restore.RestoreResult;
import io.arca.pg.restore.RestoreTargets;
import io.arca.pg.restore.TargetServer;
import java.util.Locale;

/**
 * What a completed restore did, as {@code restores.result}: the target database's fate ({@code created},
 * {@code recreated}, {@code existing}), the client tools used ({@code clientTools}: the pg_restore the engine chose for
 * the target server's major version, and why, as {@link TargetServer} chooses it), rows per table ({@code schema.table}: rows, next to the rows the backup
 * recorded), the foreign keys a table selection left out (they reference a table not restored; pg_restore's listing
 * lines), totals and the duration.
 */
final class RestoreResultJson {
    private RestoreResultJson() {
    }

    static ObjectNode of(ObjectMapper json, DumpPlan plan, RestoreResult result, RestoreTargets.Outcome target,
            TargetServer server) {
        ObjectNode root = json.createObjectNode();
        root.put("database", target.name().toLowerCase(Locale.ROOT));
        ObjectNode tools = root.putObject("clientTools");
        tools.put("pgRestore", server.tools().pgRestore().toString());
        tools.put("why", server.toolsReason());
        tools.put("targetServerVersion", server.version());
        tools.put("backupServerVersion", plan.serverVersion());
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
}
