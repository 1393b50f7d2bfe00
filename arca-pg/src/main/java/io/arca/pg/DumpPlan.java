package io.arca.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code dump-plan} entry of a PostgreSQL backup: the dump's entries with their kinds, tables and column lists
 * (a table data entry is COPY text of exactly those columns), row counts, versions and the snapshot time. The
 * archive knows entries as byte streams only; a restore reads this first to load each entry back. Versioned JSON,
 * documented in {@code docs/archive-format.md} ("PostgreSQL entries").
 *
 * <p>Version 5 adds each split table data entry's {@code ranges}: the heap block ranges it was dumped as, one
 * segment of the entry each, in order ({@code [from, to]}, {@code to} null for the open-ended last range); a restore
 * loads the segments of such an entry in parallel. Entries without ranges, and plans before version 5, are whole.
 * Version 4 adds the dump's {@code relations} (oid, names, kind, the table owning a sequence, a partition's
 * parent) and {@code itemRelations} (the relation each relation-bound schema item belongs to), which a restore of
 * selected tables needs to keep exactly the items of those tables; plans before version 4 decode with both empty and
 * such restores fall back to matching names. Version 3 adds each table data entry's {@code columnTypes} and the {@code foreignKeyTables} of post-data, which
 * exports need (JSON values by type; which foreign keys an export of selected tables keeps). Version 2 spells entry
 * kinds as {@link EntryKind#label()} ({@code table-data}), like the manifest; version 1 used the enum constant
 * ({@code TABLE_DATA}). Both are still read, without column types and foreign keys. {@code postDataItemTables} is
 * optional in all versions: plans without it make the restore apply all of post-data after all data, which is also
 * correct. Unknown fields are ignored; an unknown version or kind is refused.
 *
 * @param rowCounts          rows per table data entry, by entry name
 * @param postDataItemTables see {@link io.arca.pg.dump.DumpResult#postDataItemTables()} (empty when unknown)
 * @param foreignKeyTables   see {@link io.arca.pg.dump.DumpResult#foreignKeyTables()} (empty when unknown)
 * @param relations          see {@link io.arca.pg.dump.DumpResult#relations()} (empty when unknown)
 * @param itemRelations      see {@link io.arca.pg.dump.DumpResult#itemRelations()} (empty when unknown)
 * @param tableRanges        see {@link io.arca.pg.dump.DumpResult#tableRanges()} (empty when none or unknown)
 */
public record DumpPlan(String serverVersion, String pgDumpVersion, Instant snapshotTime, List<DumpEntry> entries,
                       Map<String, Long> rowCounts, Map<String, String> postDataItemTables,
                       Map<String, ForeignKeyTables> foreignKeyTables, Map<Long, DumpRelation> relations,
                       Map<String, Long> itemRelations, Map<String, List<BlockRange>> tableRanges) {

    /** Name and kind of the entry in the backup. */
    public static final String ENTRY_NAME = "dump-plan";
    public static final String ENTRY_KIND = "dump-plan";
    /** The version this build writes. */
    public static final int VERSION = 5;
    /** Versions this build reads. */
    private static final int OLDEST_READABLE = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public DumpPlan {
        entries = List.copyOf(entries);
        rowCounts = Map.copyOf(rowCounts);
        postDataItemTables = postDataItemTables == null ? Map.of() : Map.copyOf(postDataItemTables);
        foreignKeyTables = foreignKeyTables == null ? Map.of() : Map.copyOf(foreignKeyTables);
        relations = relations == null ? Map.of() : Map.copyOf(relations);
        itemRelations = itemRelations == null ? Map.of() : Map.copyOf(itemRelations);
        tableRanges = tableRanges == null ? Map.of() : Map.copyOf(tableRanges);
    }

    /** A plan without table ranges (as versions 1 to 4 read). */
    public DumpPlan(String serverVersion, String pgDumpVersion, Instant snapshotTime, List<DumpEntry> entries,
                    Map<String, Long> rowCounts, Map<String, String> postDataItemTables,
                    Map<String, ForeignKeyTables> foreignKeyTables, Map<Long, DumpRelation> relations,
                    Map<String, Long> itemRelations) {
        this(serverVersion, pgDumpVersion, snapshotTime, entries, rowCounts, postDataItemTables, foreignKeyTables,
                relations, itemRelations, Map.of());
    }

    /** A plan without relations (as versions 1 to 3 read). */
    public DumpPlan(String serverVersion, String pgDumpVersion, Instant snapshotTime, List<DumpEntry> entries,
                    Map<String, Long> rowCounts, Map<String, String> postDataItemTables,
                    Map<String, ForeignKeyTables> foreignKeyTables) {
        this(serverVersion, pgDumpVersion, snapshotTime, entries, rowCounts, postDataItemTables, foreignKeyTables,
                Map.of(), Map.of(), Map.of());
    }

    /** A plan without foreign key tables (as versions 1 and 2 read). */
    public DumpPlan(String serverVersion, String pgDumpVersion, Instant snapshotTime, List<DumpEntry> entries,
                    Map<String, Long> rowCounts, Map<String, String> postDataItemTables) {
        this(serverVersion, pgDumpVersion, snapshotTime, entries, rowCounts, postDataItemTables, Map.of(), Map.of(),
                Map.of(), Map.of());
    }

    /** True when the plan records every table's column types (version 3 and later). */
    public boolean knowsColumnTypes() {
        return entries.stream().filter(e -> e.kind() == EntryKind.TABLE_DATA)
                .allMatch(e -> e.columns().isEmpty() || !e.columnTypes().isEmpty());
    }

    /** The plan as stored: UTF-8 JSON of {@link #VERSION}. */
    public byte[] encode() {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("version", VERSION);
        plan.put("serverVersion", serverVersion);
        plan.put("pgDumpVersion", pgDumpVersion);
        plan.put("snapshotTime", snapshotTime == null ? null : snapshotTime.toString());
        List<Map<String, Object>> list = new ArrayList<>();
        for (DumpEntry e : entries) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name());
            entry.put("kind", e.kind().label());
            entry.put("schema", e.schema());
            entry.put("table", e.table());
            entry.put("columns", e.columns());
            if (!e.columnTypes().isEmpty()) {
                entry.put("columnTypes", e.columnTypes());
            }
            entry.put("rows", rowCounts.get(e.name()));
            List<BlockRange> ranges = tableRanges.get(e.name());
            if (ranges != null) {
                entry.put("ranges", ranges.stream().map(r -> java.util.Arrays.asList(r.fromBlock(),
                        r.open() ? null : r.toBlock())).toList());
            }
            list.add(entry);
        }
        plan.put("entries", list);
        plan.put("postDataItemTables", new TreeMap<>(postDataItemTables));
        Map<String, Map<String, String>> foreignKeys = new TreeMap<>();
        foreignKeyTables.forEach((item, fk) -> {
            Map<String, String> tables = new LinkedHashMap<>();
            tables.put("table", fk.table());
            tables.put("references", fk.references());
            foreignKeys.put(item, tables);
        });
        plan.put("foreignKeyTables", foreignKeys);
        Map<Long, Map<String, Object>> rels = new TreeMap<>();
        relations.forEach((oid, r) -> {
            Map<String, Object> rel = new LinkedHashMap<>();
            rel.put("schema", r.schema());
            rel.put("name", r.name());
            rel.put("kind", String.valueOf(r.kind()));
            if (r.ownedBy() != 0) {
                rel.put("ownedBy", r.ownedBy());
            }
            if (r.partitionOf() != 0) {
                rel.put("partitionOf", r.partitionOf());
            }
            rels.put(oid, rel);
        });
        plan.put("relations", rels);
        plan.put("itemRelations", new TreeMap<>(itemRelations));
        try {
            return JSON.writeValueAsBytes(plan);
        } catch (IOException e) {
            throw new IllegalStateException("dump plan does not serialize", e);
        }
    }

    /** @throws IOException when the bytes are not a plan of a version (or with an entry kind) this build reads */
    public static DumpPlan decode(byte[] bytes) throws IOException {
        JsonNode plan = JSON.readTree(bytes);
        int version = plan == null ? -1 : plan.path("version").asInt(-1);
        if (version < OLDEST_READABLE || version > VERSION) {
            throw new IOException("unsupported dump plan version " + version + " (this build reads "
                    + OLDEST_READABLE + " to " + VERSION + ")");
        }
        List<DumpEntry> entries = new ArrayList<>();
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        Map<String, List<BlockRange>> tableRanges = new LinkedHashMap<>();
        for (JsonNode e : plan.path("entries")) {
            List<String> columns = new ArrayList<>();
            e.path("columns").forEach(c -> columns.add(c.asText()));
            List<String> columnTypes = new ArrayList<>();
            e.path("columnTypes").forEach(c -> columnTypes.add(c.asText()));
            String name = e.path("name").asText();
            try {
                entries.add(new DumpEntry(name, kind(version, e.path("kind").asText()), text(e, "schema"),
                        text(e, "table"), columns, columnTypes));
            } catch (IllegalArgumentException | NullPointerException bad) {
                throw new IOException("dump plan has an unreadable entry " + name + ": " + bad.getMessage());
            }
            if (e.hasNonNull("rows")) {
                rowCounts.put(name, e.get("rows").asLong());
            }
            if (e.has("ranges")) {
                tableRanges.put(name, ranges(name, e.get("ranges")));
            }
        }
        Map<String, String> itemTables = new LinkedHashMap<>();
        plan.path("postDataItemTables").properties().forEach(p -> itemTables.put(p.getKey(), p.getValue().asText()));
        Map<String, ForeignKeyTables> foreignKeys = new LinkedHashMap<>();
        plan.path("foreignKeyTables").properties().forEach(p -> foreignKeys.put(p.getKey(),
                new ForeignKeyTables(text(p.getValue(), "table"), text(p.getValue(), "references"))));
        Map<Long, DumpRelation> relations = new LinkedHashMap<>();
        for (var p : plan.path("relations").properties()) {
            JsonNode r = p.getValue();
            try {
                long oid = Long.parseLong(p.getKey());
                String kind = r.path("kind").asText();
                if (kind.length() != 1 || text(r, "schema") == null || text(r, "name") == null) {
                    throw new IllegalArgumentException("schema, name and a one-letter kind are required");
                }
                relations.put(oid, new DumpRelation(oid, text(r, "schema"), text(r, "name"), kind.charAt(0),
                        r.path("ownedBy").asLong(0), r.path("partitionOf").asLong(0)));
            } catch (IllegalArgumentException bad) {
                throw new IOException("dump plan has an unreadable relation " + p.getKey() + ": " + bad.getMessage());
            }
        }
        Map<String, Long> itemRelations = new LinkedHashMap<>();
        plan.path("itemRelations").properties().forEach(p -> itemRelations.put(p.getKey(), p.getValue().asLong()));
        return new DumpPlan(text(plan, "serverVersion"), text(plan, "pgDumpVersion"),
                instant(text(plan, "snapshotTime")), entries, rowCounts, itemTables, foreignKeys, relations,
                itemRelations, tableRanges);
    }

    private static List<BlockRange> ranges(String entry, JsonNode stored) throws IOException {
        List<BlockRange> ranges = new ArrayList<>();
        try {
            for (JsonNode r : stored) {
                if (!r.isArray() || r.size() != 2 || !r.get(0).canConvertToLong()
                        || !(r.get(1).isNull() || r.get(1).canConvertToLong())) {
                    throw new IllegalArgumentException("a range is [from, to] or [from, null]");
                }
                BlockRange range = new BlockRange(r.get(0).asLong(), r.get(1).isNull() ? -1 : r.get(1).asLong());
                long expectedFrom = ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1).toBlock();
                if (range.fromBlock() != expectedFrom) {
                    throw new IllegalArgumentException("ranges start at block 0 and follow each other without gaps");
                }
                ranges.add(range);
            }
            if (ranges.isEmpty() || !ranges.get(ranges.size() - 1).open()) {
                throw new IllegalArgumentException("the last range is open-ended");
            }
        } catch (IllegalArgumentException bad) {
            throw new IOException("dump plan has unreadable ranges for " + entry + ": " + bad.getMessage());
        }
        return ranges;
    }

    private static EntryKind kind(int version, String stored) throws IOException {
        if (version == 1) {
            try {
                return EntryKind.valueOf(stored);
            } catch (IllegalArgumentException e) {
                throw new IOException("dump plan version 1 has an unknown entry kind " + stored);
            }
        }
        return EntryKind.ofLabel(stored)
                .orElseThrow(() -> new IOException("dump plan has an unknown entry kind " + stored));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Instant instant(String text) throws IOException {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("dump plan has an unreadable snapshotTime " + text);
        }
    }
}
