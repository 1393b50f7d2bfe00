package io.arca.pg.restore;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The views and materialized views of a target database that depend, directly or through other views, on the
 * relations a {@code dropExisting} restore drops and re-creates, and that the restore does not re-create itself: the
 * drop would fail on them ("other objects depend on it"), so the restore drops them and re-creates them from the
 * target's own definitions ({@link DependentViewScript}). Dependencies are read from {@code pg_depend} through the
 * views' rewrite rules (a view depends on a table by its {@code _RETURN} rule, on a row type by the same rule), the
 * way PostgreSQL itself finds what a DROP would have to cascade to.
 */
final class DependentViews {
    /** Deepest nesting followed; views nest a few levels in practice, and a bound keeps a catalog oddity finite. */
    private static final int MAX_DEPTH = 64;

    /**
     * One dependent view as the target has it.
     *
     * @param depth longest chain of views from a restored relation to this one (1: directly over it); dropped
     *              deepest first, so nothing depends on a view when it is dropped
     * @param state its definition, owner, grants, options, comment, rules, triggers, columns' grants, comments and
     *              defaults and indexes as text: equal states mean nothing about it changed in between
     */
    record Dependent(String schema, String name, char kind, int depth, String state) {
        String qualifiedName() {
            return schema + "." + name;
        }

        String kindName() {
            return kind == 'm' ? "materialized view" : "view";
        }

        /** {@code public.actor_info (view)}: as the dry run and messages name it. */
        String describe() {
            return qualifiedName() + " (" + kindName() + ")";
        }
    }

    private DependentViews() {
    }

    /** {schema, name} of the relations a restore with this plan drops where they exist. */
    static List<String[]> restoredBy(RestorePlan plan) {
        Map<String, String[]> names = new LinkedHashMap<>();
        plan.tables().forEach(t -> names.put(t.schema() + "\u0000" + t.table(), new String[] {t.schema(), t.table()}));
        plan.relationsCreated().forEach(r -> names.put(r.schema() + "\u0000" + r.name(),
                new String[] {r.schema(), r.name()}));
        return List.copyOf(names.values());
    }

    /** The dependents, deepest first (the order to drop them in). Reads the catalog only. */
    static List<Dependent> find(Connection c, List<String[]> restored) throws SQLException {
        if (restored.isEmpty()) {
            return List.of();
        }
        String sql = """
                WITH RECURSIVE restored AS (
                    SELECT c.oid, c.reltype FROM unnest(?::text[], ?::text[]) AS w (schema_name, rel_name)
                    JOIN pg_catalog.pg_namespace n ON n.nspname = w.schema_name
                    JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = w.rel_name
                ), dependent (oid, reltype, depth) AS (
                    SELECT v.oid, v.reltype, 1
                    FROM restored x
                    JOIN pg_catalog.pg_depend d ON (d.refclassid = 'pg_catalog.pg_class'::regclass
                                                    AND d.refobjid = x.oid)
                                                OR (d.refclassid = 'pg_catalog.pg_type'::regclass
                                                    AND d.refobjid = x.reltype)
                    JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND r.oid = d.objid
                    JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
                    WHERE v.relkind IN ('v', 'm') AND v.oid NOT IN (SELECT oid FROM restored)
                  UNION
                    SELECT v.oid, v.reltype, x.depth + 1
                    FROM dependent x
                    JOIN pg_catalog.pg_depend d ON (d.refclassid = 'pg_catalog.pg_class'::regclass
                                                    AND d.refobjid = x.oid)
                                                OR (d.refclassid = 'pg_catalog.pg_type'::regclass
                                                    AND d.refobjid = x.reltype)
                    JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND r.oid = d.objid
                    JOIN pg_catalog.pg_class v ON v.oid = r.ev_class
                    WHERE v.relkind IN ('v', 'm') AND v.oid <> x.oid AND v.oid NOT IN (SELECT oid FROM restored)
                      AND x.depth < ?
                )
                SELECT n.nspname, c.relname, c.relkind, max(x.depth),
                       concat_ws(E'\\n', pg_catalog.pg_get_viewdef(c.oid), c.relowner::regrole::text, c.relacl::text,
                           c.reloptions::text, c.relispopulated::text, c.reltablespace::text,
                           pg_catalog.obj_description(c.oid, 'pg_class'),
                           (SELECT string_agg(pg_catalog.pg_get_ruledef(r.oid) || r.ev_enabled::text, ';'
                                              ORDER BY r.rulename)
                              FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid),
                           (SELECT string_agg(pg_catalog.pg_get_triggerdef(t.oid) || t.tgenabled::text, ';'
                                              ORDER BY t.tgname)
                              FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid),
                           (SELECT string_agg(concat_ws(',', a.attname, a.attacl::text,
                                                        pg_catalog.col_description(c.oid, a.attnum),
                                                        pg_catalog.pg_get_expr(ad.adbin, ad.adrelid)), ';'
                                              ORDER BY a.attnum)
                              FROM pg_catalog.pg_attribute a
                              LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                           (SELECT string_agg(pg_catalog.pg_get_indexdef(i.indexrelid), ';'
                                              ORDER BY i.indexrelid::regclass::text)
                              FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid))
                FROM dependent x
                JOIN pg_catalog.pg_class c ON c.oid = x.oid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                GROUP BY c.oid, n.nspname, c.relname, c.relkind
                """;
        List<Dependent> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Array schemas = c.createArrayOf("text", restored.stream().map(r -> r[0]).toArray());
            Array names = c.createArrayOf("text", restored.stream().map(r -> r[1]).toArray());
            ps.setArray(1, schemas);
            ps.setArray(2, names);
            ps.setInt(3, MAX_DEPTH);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Dependent(rs.getString(1), rs.getString(2), rs.getString(3).charAt(0),
                            rs.getInt(4), rs.getString(5)));
                }
            }
        }
        result.sort(Comparator.comparingInt(Dependent::depth).reversed().thenComparing(Dependent::schema)
                .thenComparing(Dependent::name));
        return result;
    }

    /** For a dry run: {@code schema.name (kind)} of the dependents, in the order they would be re-created. */
    static List<String> describe(PgConnectionSpec target, RestorePlan plan) {
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED)) {
            c.setReadOnly(true);
            return find(c, restoredBy(plan)).stream().sorted(Comparator.comparingInt(Dependent::depth)
                    .thenComparing(Dependent::schema).thenComparing(Dependent::name)).map(Dependent::describe)
                    .toList();
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "reading the views of " + target.describe()
                    + " that depend on the restored tables");
        }
    }

    /** Drops them, deepest first, without CASCADE: anything else depending on them stops the restore. */
    static void drop(Connection c, List<Dependent> dependents) throws SQLException {
        for (Dependent d : dependents) {
            JdbcSessions.execute(c, "DROP " + (d.kind() == 'm' ? "MATERIALIZED VIEW " : "VIEW ")
                    + Identifiers.qualified(d.schema(), d.name()));
        }
    }

    /** The restored relations the target has that LOCK TABLE takes (tables, partitioned tables, views), quoted. */
    static List<String> lockable(Connection c, List<String[]> restored) throws SQLException {
        String sql = """
                SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
                FROM unnest(?::text[], ?::text[]) AS w (schema_name, rel_name)
                JOIN pg_catalog.pg_namespace n ON n.nspname = w.schema_name
                JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = w.rel_name
                WHERE c.relkind IN ('r', 'p', 'v')
                ORDER BY 1
                """;
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", restored.stream().map(r -> r[0]).toArray()));
            ps.setArray(2, c.createArrayOf("text", restored.stream().map(r -> r[1]).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
