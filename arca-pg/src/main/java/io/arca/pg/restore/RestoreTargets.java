package io.arca.pg.restore;

import io.arca.pg.Identifiers;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException.Reason;
import io.arca.pg.internal.JdbcSessions;
import io.arca.pg.internal.PgErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Prepares the target database of a restore job so that a retried job can start again from scratch, without ever
 * touching a database the job did not create.
 *
 * <p>A database created here carries an owner mark ({@code COMMENT ON DATABASE ... IS '<mark>'}, e.g.
 * {@code arca-restore:<restore id>}). When a later attempt of the same job finds its target already there with the
 * same mark, it is that job's own partial restore (a worker died mid-way): it is dropped and created again, since a
 * full restore needs an empty database. A database without the mark, or with another job's mark, is left as it is;
 * the restore then fails cleanly on the first object that already exists, and nothing is lost.
 */
public final class RestoreTargets {
    /** What {@link #prepare} did. */
    public enum Outcome {
        /** The database did not exist and was created, marked. */
        CREATED,
        /** An earlier attempt of the same job had created it; it was dropped and created again, marked. */
        RECREATED,
        /** The database existed and is not this job's own: left untouched. */
        EXISTING
    }

    private RestoreTargets() {
    }

    /**
     * @param maintenance a connection to another database of the target server (e.g. {@code postgres})
     * @param name        the target database
     * @param mark        identifies the job, e.g. {@code "arca-restore:" + restoreId}
     */
    public static Outcome prepare(PgConnectionSpec maintenance, String name, String mark) {
        try (Connection c = JdbcSessions.open(maintenance, Reason.RESTORE_FAILED)) {
            Optional<String> existingMark = markOf(c, name);
            if (existingMark == null) {
                create(c, name, mark);
                return Outcome.CREATED;
            }
            if (existingMark.filter(mark::equals).isEmpty()) {
                return Outcome.EXISTING;
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + Identifiers.quote(name) + " WITH (FORCE)");
            }
            create(c, name, mark);
            return Outcome.RECREATED;
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, maintenance, Reason.RESTORE_FAILED, "preparing database " + name);
        }
    }

    /**
     * Drops the database when it exists and carries {@code mark} (a database this job created); anything else is left
     * alone. Sessions still connected to it are ended ({@code WITH (FORCE)}).
     *
     * @return whether a database was dropped
     */
    public static boolean dropIfMarked(PgConnectionSpec maintenance, String name, String mark) {
        try (Connection c = JdbcSessions.open(maintenance, Reason.RESTORE_FAILED)) {
            Optional<String> existingMark = markOf(c, name);
            if (existingMark == null || existingMark.filter(mark::equals).isEmpty()) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
            }
            return true;
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, maintenance, Reason.RESTORE_FAILED, "dropping database " + name);
        }
    }

    /** @return null when the database does not exist, else its comment (empty when it has none) */
    private static Optional<String> markOf(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.shobj_description(oid, 'pg_database') "
                + "FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : null;
            }
        }
    }

    private static void create(Connection c, String name, String mark) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE template0");
            s.execute("COMMENT ON DATABASE " + Identifiers.quote(name) + " IS " + Identifiers.literal(mark));
        }
    }
}
