package io.arca.pg.dump;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Queries of the source's PostgreSQL system catalog ({@code pg_catalog}) that a dump needs, run inside the exported
 * snapshot. (Not Arca's own catalog database.)
 */
final class PgSystemCatalog {
    private PgSystemCatalog() {
    }

    /**
     * User relations of the kinds pg_dump's -t/-T select, excluding system schemas, temporary relations and
     * members of extensions (CREATE EXTENSION recreates those).
     */
    static List<Relation> relations(Connection c) throws SQLException {
        String sql = """
                SELECT c.oid, n.nspname, c.relname, c.relkind,
                       c.relpages::bigint * current_setting('block_size')::bigint,
                       CASE WHEN c.relispartition
                            THEN ARRAY(SELECT a.relid::oid::bigint FROM pg_catalog.pg_partition_ancestors(c.oid) a
                                       WHERE a.relid <> c.oid)
                            ELSE ARRAY[]::bigint[] END,
                       coalesce((SELECT d.refobjid::bigint FROM pg_catalog.pg_depend d
                                 WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
                                   AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
                                   AND c.relkind = 'S' LIMIT 1),
                                -- a sequence no table owns but one table's column default uses (nextval), as
                                -- hand-written schemas (pagila) declare them: it belongs with that table too
                                (SELECT min(ad.adrelid)::bigint FROM pg_catalog.pg_depend d
                                 JOIN pg_catalog.pg_attrdef ad ON ad.oid = d.objid
                                 WHERE d.classid = 'pg_catalog.pg_attrdef'::regclass AND d.refobjid = c.oid
                                   AND d.refclassid = 'pg_catalog.pg_class'::regclass AND c.relkind = 'S'
                                 HAVING count(DISTINCT ad.adrelid) = 1), 0)
                FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND c.relpersistence <> 't'
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                                  WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid
                                    AND e.deptype = 'e')
                ORDER BY c.oid
                """;
        List<Relation> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array arr = rs.getArray(6);
                Long[] ancestors = (Long[]) arr.getArray();
                result.add(new Relation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).charAt(0),
                        rs.getLong(5), List.copyOf(Arrays.asList(ancestors)), rs.getLong(7)));
            }
        }
        return result;
    }

    static boolean hasLargeObjects(Connection c) throws SQLException {
        String sql = "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_largeobject_metadata)";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Exact sizes of the tables (main fork), for the largest-first order; asked only for tables this dump has
     * locked, because pg_relation_size takes a lock of its own and must not wait on a table nobody selected.
     */
    static Map<Long, Long> sizes(Connection c, List<Relation> tables) throws SQLException {
        Map<Long, Long> result = new HashMap<>();
        if (tables.isEmpty()) {
            return result;
        }
        String sql = "SELECT t.oid::bigint, coalesce(pg_catalog.pg_relation_size(t.oid), 0) "
                + "FROM unnest(?::oid[]) AS t (oid)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, oids(c, tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return result;
    }

    /** A table's dumped columns and their types ({@code format_type}), in the same order. */
    record Columns(List<String> names, List<String> types) {
        static final Columns NONE = new Columns(List.of(), List.of());
    }

    /**
     * Non-generated, non-dropped columns of each table, in attnum order (what COPY without a list would use), with
     * their declared types as {@code format_type} renders them in this session (empty search_path: every type outside
     * pg_catalog comes schema-qualified, so a user type named {@code integer} is never taken for the built-in one).
     */
    static Map<Long, Columns> columns(Connection c, List<Relation> tables) throws SQLException {
        Map<Long, Columns> result = new HashMap<>();
        if (tables.isEmpty()) {
            return result;
        }
        String sql = """
                SELECT a.attrelid::bigint, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)
                FROM pg_catalog.pg_attribute a
                WHERE a.attrelid = ANY (?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                ORDER BY a.attrelid, a.attnum
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, oids(c, tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Columns columns = result.computeIfAbsent(rs.getLong(1),
                            k -> new Columns(new ArrayList<>(), new ArrayList<>()));
                    columns.names().add(rs.getString(2));
                    columns.types().add(rs.getString(3));
                }
            }
        }
        return result;
    }

    /**
     * The foreign keys declared on the tables, by the catalog id pg_restore's table of contents lists them with
     * ({@code "2606/<constraint oid>"}), each to its table's oid and the referenced table's oid.
     */
    static Map<String, long[]> foreignKeys(Connection c, List<Relation> tables) throws SQLException {
        Map<String, long[]> result = new HashMap<>();
        if (tables.isEmpty()) {
            return result;
        }
        String sql = """
                SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass::oid::bigint, k.oid::bigint, k.conrelid::bigint,
                       k.confrelid::bigint
                FROM pg_catalog.pg_constraint k WHERE k.conrelid = ANY (?::oid[]) AND k.contype = 'f'
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, oids(c, tables));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getLong(1) + "/" + rs.getLong(2), new long[] {rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return result;
    }

    /**
     * The post-data items that build on one table alone, by the catalog id pg_restore's table of contents lists them
     * with ({@code "<catalog table oid>/<object oid>"}): the tables' indexes (pg_class) and their primary-key, unique,
     * exclusion and check constraints (pg_constraint), each to its table's oid. Foreign keys are left out: they need
     * a second table's rows and its unique index.
     */
    static Map<String, Long> postDataItemTables(Connection c, List<Relation> tables) throws SQLException {
        Map<String, Long> result = new HashMap<>();
        if (tables.isEmpty()) {
            return result;
        }
        String sql = """
                SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::oid::bigint, i.indexrelid::bigint, i.indrelid::bigint
                FROM pg_catalog.pg_index i WHERE i.indrelid = ANY (?::oid[])
                UNION ALL
                SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass::oid::bigint, k.oid::bigint, k.conrelid::bigint
                FROM pg_catalog.pg_constraint k WHERE k.conrelid = ANY (?::oid[]) AND k.contype IN ('p', 'u', 'x', 'c')
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array oids = oids(c, tables);
            ps.setArray(1, oids);
            ps.setArray(2, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getLong(3));
                }
            }
        }
        return result;
    }

    /**
     * The relation each relation-bound schema item of the relations belongs to, by the catalog id pg_restore's table
     * of contents lists the item with ({@code "<catalog table oid>/<object oid>"}): column defaults, indexes,
     * constraints (foreign keys included: the table holding them), triggers, rules, row security policies and
     * extended statistics, each to its relation's oid.
     */
    static Map<String, Long> itemRelations(Connection c, List<Relation> relations) throws SQLException {
        Map<String, Long> result = new HashMap<>();
        if (relations.isEmpty()) {
            return result;
        }
        String sql = """
                SELECT 'pg_catalog.pg_attrdef'::pg_catalog.regclass::oid::bigint, d.oid::bigint, d.adrelid::bigint
                FROM pg_catalog.pg_attrdef d WHERE d.adrelid = ANY (?::oid[])
                UNION ALL
                SELECT 'pg_catalog.pg_class'::pg_catalog.regclass::oid::bigint, i.indexrelid::bigint, i.indrelid::bigint
                FROM pg_catalog.pg_index i WHERE i.indrelid = ANY (?::oid[])
                UNION ALL
                SELECT 'pg_catalog.pg_constraint'::pg_catalog.regclass::oid::bigint, k.oid::bigint, k.conrelid::bigint
                FROM pg_catalog.pg_constraint k WHERE k.conrelid = ANY (?::oid[])
                UNION ALL
                SELECT 'pg_catalog.pg_trigger'::pg_catalog.regclass::oid::bigint, t.oid::bigint, t.tgrelid::bigint
                FROM pg_catalog.pg_trigger t WHERE t.tgrelid = ANY (?::oid[]) AND NOT t.tgisinternal
                UNION ALL
                SELECT 'pg_catalog.pg_rewrite'::pg_catalog.regclass::oid::bigint, r.oid::bigint, r.ev_class::bigint
                FROM pg_catalog.pg_rewrite r WHERE r.ev_class = ANY (?::oid[])
                UNION ALL
                SELECT 'pg_catalog.pg_policy'::pg_catalog.regclass::oid::bigint, p.oid::bigint, p.polrelid::bigint
                FROM pg_catalog.pg_policy p WHERE p.polrelid = ANY (?::oid[])
                UNION ALL
                SELECT 'pg_catalog.pg_statistic_ext'::pg_catalog.regclass::oid::bigint, s.oid::bigint,
                       s.stxrelid::bigint
                FROM pg_catalog.pg_statistic_ext s WHERE s.stxrelid = ANY (?::oid[])
                """;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array oids = oids(c, relations);
            for (int i = 1; i <= 7; i++) {
                ps.setArray(i, oids);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getLong(3));
                }
            }
        }
        return result;
    }

    /** The tables' oids as a SQL array parameter (cast to {@code oid[]} in the query). */
    private static Array oids(Connection c, List<Relation> tables) throws SQLException {
        return c.createArrayOf("bigint", tables.stream().map(Relation::oid).toArray());
    }
}
