package io.arca.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which PostgreSQL database a session is connected to, by what the server is rather than how it was reached: the
 * cluster's {@code system_identifier} (from {@code pg_control_system()}, readable by any role, fixed at initdb) and
 * the database name. Two sources naming {@code localhost} and {@code 127.0.0.1}, another port forwarded to the same
 * server, or a DNS alias all give the same identity. A physical standby shares its primary's identifier, which is right
 * for this purpose: it serves the same data.
 */
public record ServerIdentity(String systemIdentifier, String database) {

    /** The identity of {@code c}'s server and current database. */
    public static ServerIdentity of(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select system_identifier::text, current_database() from pg_control_system()")) {
            rs.next();
            return new ServerIdentity(rs.getString(1), rs.getString(2));
        }
    }

    /** The same server, another database on it (named exactly: PostgreSQL database names are case-sensitive). */
    public ServerIdentity withDatabase(String other) {
        return new ServerIdentity(systemIdentifier, other);
    }

    public boolean sameServer(ServerIdentity other) {
        return systemIdentifier.equals(other.systemIdentifier);
    }
}
