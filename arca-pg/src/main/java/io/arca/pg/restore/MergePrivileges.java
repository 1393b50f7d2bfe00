package io.arca.pg.restore;

import io.arca.pg.DumpEntry;
import io.arca.pg.RestoreOptions.OnConflict;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a merge restore needs on the target and the connected user lacks: SELECT and INSERT on each merged table
 * (UPDATE too with OVERWRITE) and TEMPORARY on the database (the backup's rows are staged in temporary tables).
 */
final class MergePrivileges {
    private MergePrivileges() {
    }

    /** The privileges a merge needs, as sentences for a preview's {@code privilegesNeeded}. */
    static List<String> needed(OnConflict onConflict, String database) {
        return List.of((onConflict == OnConflict.OVERWRITE ? "SELECT, INSERT and UPDATE" : "SELECT and INSERT")
                + " on each merged table (or its ownership)", "TEMPORARY on database " + database
                + " (the backup's rows are staged in temporary tables; granted to PUBLIC by default)");
    }

    /** Sentences naming what is missing; empty when nothing. Tables the target lacks are skipped. */
    static List<String> problems(Connection c, List<DumpEntry> tables, OnConflict onConflict) throws SQLException {
        List<String> problems = new ArrayList<>();
        String privileges = onConflict == OnConflict.OVERWRITE ? "SELECT,INSERT,UPDATE" : "SELECT,INSERT";
        for (DumpEntry t : tables) {
            String lacking = TargetPrivileges.text(c, """
                    SELECT string_agg(p, ', ') FROM pg_catalog.pg_class c
                    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    CROSS JOIN unnest(string_to_array(?, ',')) AS p
                    WHERE n.nspname = ? AND c.relname = ? AND NOT has_table_privilege(c.oid, p)
                    """, privileges, t.schema(), t.table());
            if (lacking != null) {
                problems.add("merging into " + t.qualifiedTable() + " needs " + lacking + " on it, which "
                        + TargetPrivileges.text(c, "SELECT 'user ' || current_user") + " lacks");
            }
        }
        if (!"t".equals(TargetPrivileges.text(c, "SELECT has_database_privilege(current_database(), 'TEMPORARY')"))) {
            problems.add("merging needs TEMPORARY on database " + TargetPrivileges.text(c, "SELECT current_database()")
                    + " (the backup's rows are staged in temporary tables), which "
                    + TargetPrivileges.text(c, "SELECT 'user ' || current_user") + " lacks");
        }
        return problems;
    }
}
