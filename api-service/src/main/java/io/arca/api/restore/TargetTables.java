package io.arca.api.restore;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.restore.TargetInspection.QualifiedTable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables a restore target holds (ordinary and partitioned, outside the system schemas), read-only: for the tables
 * a backup defines but holds no rows of, which its catalog rows do not name, so the target is asked instead.
 */
final class TargetTables {
    /** SQLSTATE invalid_catalog_name: the database does not exist, so it holds nothing. */
    private static final String DATABASE_MISSING = "3D000";

    private TargetTables() {
    }

    static List<QualifiedTable> list(PgConnectionSpec target) throws SQLException {
        List<QualifiedTable> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.jdbcProperties())) {
            c.setReadOnly(true);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select n.nspname, c.relname "
                    + "from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
                    + "where c.relkind in ('r', 'p') and n.nspname <> 'information_schema' "
                    + "and n.nspname not like 'pg\\_%' order by 1, 2")) {
                while (rs.next()) {
                    tables.add(new QualifiedTable(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            if (DATABASE_MISSING.equals(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
        return tables;
    }
}
