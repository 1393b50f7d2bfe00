package io.arca.pg.internal;

import io.arca.common.pg.SqlStateReason;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.pg.PgEngineException.Reason;
import java.io.IOException;
import java.sql.SQLException;

/** Maps SQLSTATEs, tool output and I/O failures to {@link PgEngineException} reasons, redacting the password. */
public final class PgErrors {
    private PgErrors() {
    }

    /** The reason for a server error ({@link SqlStateReason}), or {@code fallback} when it says nothing specific. */
    public static Reason reasonFor(String sqlState, Reason fallback) {
        return SqlStateReason.of(sqlState).map(r -> switch (r) {
            case UNREACHABLE -> Reason.UNREACHABLE;
            case AUTH_FAILED -> Reason.AUTH_FAILED;
            case DATABASE_MISSING -> Reason.DATABASE_MISSING;
            // a missing table means "dropped under us" only while dumping; in a restore the target lacks it
            case UNDEFINED_TABLE -> fallback == Reason.DUMP_FAILED ? Reason.TABLE_DISAPPEARED : fallback;
            case PERMISSION_DENIED -> Reason.PERMISSION_DENIED;
            case LOCK_TIMEOUT -> Reason.LOCK_TIMEOUT;
            case DISK_FULL -> Reason.DISK_FULL;
            case OUT_OF_MEMORY -> Reason.OUT_OF_MEMORY;
            case CANCELLED -> Reason.CANCELLED;
        }).orElse(fallback);
    }

    public static PgEngineException fromSql(SQLException e, PgConnectionSpec spec, Reason fallback, String context) {
        Reason reason = reasonFor(e.getSQLState(), fallback);
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return new PgEngineException(reason, spec.redact(context + ": " + e.getMessage() + state), e);
    }

    public static PgEngineException fromIo(IOException e, Reason fallback, String context) {
        String message = String.valueOf(e.getMessage());
        Reason reason = message.contains("No space left on device") ? Reason.DISK_FULL : fallback;
        return new PgEngineException(reason, context + ": " + message, e);
    }

    /**
     * The reason for a failed pg_dump/psql run, read from its stderr (libpq and pg_dump messages are stable, and
     * the tools' exit codes do not distinguish causes).
     */
    public static Reason reasonForToolOutput(String stderr, Reason fallback) {
        String s = stderr == null ? "" : stderr;
        if (s.contains("password authentication failed") || s.contains("no password supplied")
                || s.contains("no pg_hba.conf entry") || s.contains("authentication failed")) {
            return Reason.AUTH_FAILED;
        }
        if (s.contains("server version mismatch") || s.contains("aborting because of server version mismatch")) {
            return Reason.PG_DUMP_TOO_OLD;
        }
        if (s.matches("(?s).*database \".*\" does not exist.*")) {
            return Reason.DATABASE_MISSING;
        }
        if (s.contains("Connection refused") || s.contains("could not translate host name")
                || s.contains("timeout expired") || s.contains("server closed the connection unexpectedly")
                || s.contains("No route to host")) {
            return Reason.UNREACHABLE;
        }
        if (s.contains("could not obtain lock") || s.contains("lock timeout")) {
            return Reason.LOCK_TIMEOUT;
        }
        if (s.contains("No space left on device") || s.contains("could not extend file")) {
            return Reason.DISK_FULL;
        }
        if (s.contains("out of memory")) {
            return Reason.OUT_OF_MEMORY;
        }
        if (s.contains("permission denied")) {
            return Reason.PERMISSION_DENIED;
        }
        if (s.contains("does not exist") && s.contains("relation")) {
            return Reason.TABLE_DISAPPEARED;
        }
        return fallback;
    }
}
