package io.arca.pg.internal;

import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.Driver;

/**
 * Opens JDBC sessions to the database being dumped or restored, with the settings dumps and restores rely on,
 * translating connection failures. (pg_dump and pg_restore runs are {@link ToolProcess}es.)
 */
public final class JdbcSessions {
    private static final Driver DRIVER = new Driver();

    private JdbcSessions() {
    }

    /** A session with autocommit on; failures become UNREACHABLE / AUTH_FAILED / DATABASE_MISSING / ... */
    public static Connection open(PgConnectionSpec spec, Reason fallback) {
        try {
            Connection c = DRIVER.connect(spec.jdbcUrl(), spec.jdbcProperties());
            if (c == null) {
                throw new PgEngineException(fallback, "pgjdbc did not accept the URL for " + spec.describe());
            }
            return c;
        } catch (SQLException e) {
            throw PgErrors.fromSql(e, spec, fallback, "cannot connect to " + spec.describe());
        }
    }

    /**
     * The settings pg_dump uses for its own sessions, so COPY text round-trips exactly: no statement or idle
     * timeouts, interval output in the default style, row security off (fail rather than silently dump a filtered
     * subset), an empty search_path (every name we send is qualified; functions in defaults/checks must be too).
     * Unlike pg_dump, the time zone is UTC and bytea prints as hex whatever the worker's JVM time zone or a
     * database-level {@code bytea_output} say: the same rows then give the same COPY text on every worker, which keeps
     * chunks deduplicated across workers and lets a deep verify compare a restored table's text with the entry's.
     */
    public static void prepare(Connection c, Duration lockWaitTimeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = 0");
            s.execute("SET idle_in_transaction_session_timeout = 0");
            s.execute("SET lock_timeout = " + Math.max(0, lockWaitTimeout.toMillis()));
            s.execute("SET intervalstyle = 'postgres'");
            s.execute("SET extra_float_digits = 3");
            s.execute("SET TimeZone = 'UTC'");
            s.execute("SET bytea_output = 'hex'");
            s.execute("SET row_security = off");
            s.execute("SELECT pg_catalog.set_config('search_path', '', false)");
        }
    }

    public static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // nothing useful to do: the operation has already succeeded or failed for another reason
            }
        }
    }
}
