package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.internal.TocItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The relations of a dump with their exact names, which sequences tables own and which tables partitions belong to.
 * From the dump plan when it records them (version 4); for older plans rebuilt from what the archive shows: table
 * data entries (exact names), the pre-data listing (names split from owners at the last space) and the sequence
 * values (exact names). Then a sequence belongs to the table whose name, plus {@code _}, starts the sequence's name
 * and which ends in {@code _seq} (what {@code serial} and identity columns name them), and partition parents are
 * unknown.
 */
final class DumpRelations {
    private static final Map<String, Character> KIND_OF_DESC = Map.of("TABLE", 'r', "SEQUENCE", 'S', "VIEW", 'v',
            "MATERIALIZED VIEW", 'm', "FOREIGN TABLE", 'f');

    private final Map<Long, DumpRelation> byOid;
    private final boolean exact;

    private DumpRelations(Map<Long, DumpRelation> byOid, boolean exact) {
        this.byOid = byOid;
        this.exact = exact;
    }

    static DumpRelations of(Map<Long, DumpRelation> recorded, List<DumpEntry> entries, List<TocItem> preData,
                            List<String[]> sequenceNames) {
        if (!recorded.isEmpty()) {
            return new DumpRelations(new LinkedHashMap<>(recorded), true);
        }
        Map<Long, DumpRelation> rels = new LinkedHashMap<>();
        Set<String> schemas = new HashSet<>(List.of("public"));
        for (DumpEntry e : entries) {
            if (e.kind() == EntryKind.TABLE_DATA) {
                long oid = Long.parseLong(e.name().substring("data/".length()));
                rels.put(oid, new DumpRelation(oid, e.schema(), e.table(), 'r', 0, 0));
                schemas.add(e.schema());
            }
        }
        preData.stream().filter(i -> i.desc().equals("SCHEMA") && i.text().startsWith("- "))
                .forEach(i -> schemas.add(withoutOwner(i.text().substring(2))));
        long synthetic = -1;
        for (TocItem i : preData) {
            Character kind = KIND_OF_DESC.get(i.desc());
            if (kind == null || !i.catalogId().startsWith("1259/") || rels.containsKey(i.objectOid())) {
                continue;
            }
            String schema = schemas.stream().filter(i::inSchema).max(Comparator.comparingInt(String::length))
                    .orElse(null);
            if (schema != null) {
                String name = withoutOwner(i.text().substring(schema.length() + 1));
                char k = kind == 'r' ? 'p' : kind; // a table without a data entry: partitioned (or data excluded)
                rels.put(i.objectOid(), new DumpRelation(i.objectOid(), schema, name, k, 0, 0));
            }
        }
        for (String[] seq : sequenceNames) {
            boolean known = rels.values().stream().anyMatch(r -> r.schema().equals(seq[0]) && r.name().equals(seq[1]));
            if (!known) {
                rels.put(synthetic, new DumpRelation(synthetic--, seq[0], seq[1], 'S', 0, 0));
            }
        }
        List<DumpRelation> tables = rels.values().stream().filter(DumpRelation::isTable).toList();
        for (DumpRelation r : new ArrayList<>(rels.values())) {
            if (r.isSequence() && r.name().endsWith("_seq")) {
                tables.stream().filter(t -> t.schema().equals(r.schema()) && r.name().startsWith(t.name() + "_"))
                        .max(Comparator.comparingInt(t -> t.name().length()))
                        .ifPresent(t -> rels.put(r.oid(), new DumpRelation(r.oid(), r.schema(), r.name(), 'S',
                                t.oid(), 0)));
            }
        }
        return new DumpRelations(rels, false);
    }

    /** True when the dump plan recorded the relations (no name matching involved). */
    boolean exact() {
        return exact;
    }

    DumpRelation get(long oid) {
        return byOid.get(oid);
    }

    List<DumpRelation> all() {
        return List.copyOf(byOid.values());
    }

    /** The relation a listing text {@code <schema> <name> ...} starts with, longest name first; null if none. */
    DumpRelation named(String text) {
        return byOid.values().stream().filter(r -> text.startsWith(r.schema() + " " + r.name() + " ")
                        || text.equals(r.schema() + " " + r.name()))
                .max(Comparator.comparingInt(r -> r.name().length())).orElse(null);
    }

    /** Whether {@code r} or one of its partition ancestors is in {@code oids}. */
    boolean selfOrAncestorIn(DumpRelation r, Set<Long> oids) {
        for (DumpRelation at = r; at != null; at = at.partitionOf() == 0 ? null : byOid.get(at.partitionOf())) {
            if (oids.contains(at.oid())) {
                return true;
            }
        }
        return false;
    }

    private static String withoutOwner(String nameAndOwner) {
        int space = nameAndOwner.lastIndexOf(' ');
        return space < 0 ? nameAndOwner : nameAndOwner.substring(0, space);
    }
}
