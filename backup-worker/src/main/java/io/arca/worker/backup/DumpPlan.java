package io.arca.worker.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.pg.DumpEntry;
import io.arca.pg.EntryKind;
import io.arca.pg.dump.DumpResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code dump-plan} entry of a PostgreSQL backup: the dump's entries with their kinds, tables and column lists
 * (a table data entry is COPY text of exactly those columns), plus versions and the snapshot. The manifest knows
 * entries as byte streams only; a restore needs this to load each entry back. Versioned JSON, like every stored
 * format. {@code postDataItemTables} (optional within version 1, absent from plans written before it) tells a
 * restore which post-data items it may apply as soon as one table's rows are in; readers without it apply all of
 * post-data after all data, which is also correct.
 */
public final class DumpPlan {
    public static final String ENTRY_NAME = "dump-plan";
    public static final String ENTRY_KIND = "dump-plan";
    static final int VERSION = 1;

    private DumpPlan() {
    }

    static byte[] encode(ObjectMapper json, DumpResult dump) throws IOException {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("version", VERSION);
        plan.put("serverVersion", dump.serverVersion());
        plan.put("pgDumpVersion", dump.pgDumpVersion());
        plan.put("snapshotTime", dump.snapshotTime() == null ? null : dump.snapshotTime().toString());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DumpEntry e : dump.entries()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name());
            entry.put("kind", e.kind().name());
            entry.put("schema", e.schema());
            entry.put("table", e.table());
            entry.put("columns", e.columns());
            entry.put("rows", dump.rowCounts().get(e.name()));
            entries.add(entry);
        }
        plan.put("entries", entries);
        plan.put("postDataItemTables", new TreeMap<>(dump.postDataItemTables()));
        return json.writeValueAsBytes(plan);
    }

    /** A decoded plan: the dump's entries and {@link io.arca.pg.DumpResult#postDataItemTables()} (maybe empty). */
    public record Contents(List<DumpEntry> entries, Map<String, String> postDataItemTables) {
    }

    /** The dump's plan. @throws IOException when the plan is not a version this worker reads */
    public static Contents decode(ObjectMapper json, byte[] bytes) throws IOException {
        JsonNode plan = json.readTree(bytes);
        int version = plan.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException("unsupported dump plan version " + version);
        }
        List<DumpEntry> entries = new ArrayList<>();
        for (JsonNode e : plan.path("entries")) {
            List<String> columns = new ArrayList<>();
            e.path("columns").forEach(c -> columns.add(c.asText()));
            entries.add(new DumpEntry(e.path("name").asText(), EntryKind.valueOf(e.path("kind").asText()),
                    e.hasNonNull("schema") ? e.get("schema").asText() : null,
                    e.hasNonNull("table") ? e.get("table").asText() : null, columns));
        }
        Map<String, String> itemTables = new LinkedHashMap<>();
        plan.path("postDataItemTables").properties().forEach(p -> itemTables.put(p.getKey(), p.getValue().asText()));
        return new Contents(List.copyOf(entries), Map.copyOf(itemTables));
    }
}
