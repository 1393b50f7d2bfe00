package io.arca.worker.backup;

import io.arca.pg.PgConnectionSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One short connection to the source before the dump: fails fast (unreachable, wrong password, missing
 * database) and gives the server version for the manifest and an estimate of the tables to copy for progress.
 */
record SourceProbe(String serverVersion, int tables) {

    static SourceProbe probe(PgConnectionSpec spec) throws SQLException {
        try (Connection c = DriverManager.getConnection(spec.jdbcUrl(), spec.jdbcProperties());
             Statement s = c.createStatement()) {
            String version;
            try (ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                version = rs.getString(1);
            }
            int tables;
            try (ResultSet rs = s.executeQuery("select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                    + "where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') "
                    + "and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'")) {
                rs.next();
                tables = rs.getInt(1);
            }
            return new SourceProbe(version, tables);
        }
    }
}
