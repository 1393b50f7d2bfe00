package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders the tables of a merge so a referenced table's rows go in before the rows that reference them (the target's
 * foreign keys among the merged tables). Tables in a foreign-key cycle keep the order given; their constraints are
 * checked per statement, so such a merge fails unless the keys are deferrable or the parents still exist.
 */
final class MergeOrder {
    private MergeOrder() {
    }

    static List<DumpEntry> parentsFirst(Connection c, List<DumpEntry> entries) throws SQLException {
        Map<List<String>, DumpEntry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(key(e), e));
        Map<List<String>, Set<List<String>>> parents = new HashMap<>();
        String sql = """
                SELECT cn.nspname, cc.relname, pn.nspname, pc.relname
                FROM pg_catalog.pg_constraint k
                JOIN pg_catalog.pg_class cc ON cc.oid = k.conrelid
                JOIN pg_catalog.pg_namespace cn ON cn.oid = cc.relnamespace
                JOIN pg_catalog.pg_class pc ON pc.oid = k.confrelid
                JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
                WHERE k.contype = 'f' AND k.conrelid <> k.confrelid
                  AND (cn.nspname, cc.relname) IN (SELECT * FROM unnest(?::text[], ?::text[]))
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", entries.stream().map(DumpEntry::schema).toArray());
            Array names = c.createArrayOf("text", entries.stream().map(DumpEntry::table).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> child = List.of(rs.getString(1), rs.getString(2));
                    List<String> parent = List.of(rs.getString(3), rs.getString(4));
                    if (byName.containsKey(parent)) {
                        parents.computeIfAbsent(child, k -> new HashSet<>()).add(parent);
                    }
                }
            }
        }
        List<DumpEntry> ordered = new ArrayList<>();
        Set<List<String>> placed = new HashSet<>();
        while (ordered.size() < byName.size()) {
            boolean progress = false;
            for (DumpEntry e : byName.values()) {
                List<String> name = key(e);
                if (!placed.contains(name) && placed.containsAll(parents.getOrDefault(name, Set.of()))) {
                    ordered.add(e);
                    placed.add(name);
                    progress = true;
                }
            }
            if (!progress) { // a cycle: the rest in the order given
                byName.values().stream().filter(e -> !placed.contains(key(e))).forEach(ordered::add);
                break;
            }
        }
        return ordered;
    }

    private static List<String> key(DumpEntry e) {
        return List.of(e.schema(), e.table());
    }
}
