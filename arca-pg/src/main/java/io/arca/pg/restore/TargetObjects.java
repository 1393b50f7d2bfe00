package io.arca.pg.restore;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import io.arca.pg.internal.TocItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The supporting objects an existing target database already has, so that a restore into it creates only the
 * missing ones: schemas, extensions, types and domains, functions (any overload of the name counts), collations.
 */
final class TargetObjects {
    private final List<String> schemas;
    private final List<String> extensions;
    private final List<String[]> types;
    private final List<String[]> functions;
    private final List<String[]> collations;

    private TargetObjects(List<String> schemas, List<String> extensions, List<String[]> types,
                          List<String[]> functions, List<String[]> collations) {
        this.schemas = schemas;
        this.extensions = extensions;
        this.types = types;
        this.functions = functions;
        this.collations = collations;
    }

    static TargetObjects inspect(PgConnectionSpec target) {
        try (Connection c = JdbcSessions.open(target, Reason.RESTORE_FAILED)) {
            return new TargetObjects(names(c, "SELECT nspname FROM pg_catalog.pg_namespace"),
                    names(c, "SELECT extname FROM pg_catalog.pg_extension"),
                    pairs(c, "SELECT n.nspname, t.typname FROM pg_catalog.pg_type t "
                            + "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"),
                    pairs(c, "SELECT DISTINCT n.nspname, p.proname FROM pg_catalog.pg_proc p "
                            + "JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"),
                    pairs(c, "SELECT n.nspname, l.collname FROM pg_catalog.pg_collation l "
                            + "JOIN pg_catalog.pg_namespace n ON n.oid = l.collnamespace"));
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, target, Reason.RESTORE_FAILED, "reading the objects of " + target.describe());
        }
    }

    /**
     * Whether the target has the supporting object this item creates; null when this class does not check its kind
     * (the caller then assumes the target has it).
     */
    Boolean has(TocItem item) {
        String t = item.text();
        return switch (item.desc()) {
            case "SCHEMA" -> schemas.stream().anyMatch(s -> t.startsWith("- " + s + " ") || t.equals("- " + s));
            case "EXTENSION" -> extensions.stream().anyMatch(e -> t.startsWith("- " + e + " ") || t.equals("- " + e));
            case "TYPE", "DOMAIN", "SHELL TYPE" -> types.stream().anyMatch(p -> t.startsWith(p[0] + " " + p[1] + " "));
            case "FUNCTION", "PROCEDURE", "AGGREGATE" ->
                    functions.stream().anyMatch(p -> t.startsWith(p[0] + " " + p[1] + "("));
            case "COLLATION" -> collations.stream().anyMatch(p -> t.startsWith(p[0] + " " + p[1] + " "));
            default -> null;
        };
    }

    private static List<String> names(Connection c, String sql) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    private static List<String[]> pairs(Connection c, String sql) throws SQLException {
        List<String[]> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return result;
    }
}
