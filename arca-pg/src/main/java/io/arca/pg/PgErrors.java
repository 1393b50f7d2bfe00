package io.arca.pg;

import io.arca.pg.PgEngineException.Reason;
import java.io.IOException;
import java.sql.SQLException;

/** Maps SQLSTATEs, tool output and I/O failures to {@link PgEngineException} reasons, redacting the password. */
final class PgErrors {
    private PgErrors() {
    }

    /** The reason for a server error, or {@code fallback} when the SQLSTATE says nothing specific. */
    static Reason reasonFor(String sqlState, Reason fallback) {
        if (sqlState == null) {
            return fallback;
        }
        if (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03") || sqlState.equals("53300")) {
            // connection exceptions, admin/crash shutdown, cannot connect now, too many connections
            return Reason.UNREACHABLE;
        }
        return switch (sqlState) {
            case "28P01", "28000" -> Reason.AUTH_FAILED;
            case "3D000" -> Reason.DATABASE_MISSING;
            // a missing table means "dropped under us" only while dumping; in a restore the target lacks it
            case "42P01" -> fallback == Reason.DUMP_FAILED ? Reason.TABLE_DISAPPEARED : fallback;
            case "42501" -> Reason.PERMISSION_DENIED;
            case "55P03" -> Reason.LOCK_TIMEOUT;
            case "53100" -> Reason.DISK_FULL;
            case "53200" -> Reason.OUT_OF_MEMORY;
            case "57014" -> Reason.CANCELLED;
            default -> fallback;
        };
    }

    static PgEngineException fromSql(SQLException e, PgConnectionSpec spec, Reason fallback, String context) {
        Reason reason = reasonFor(e.getSQLState(), fallback);
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return new PgEngineException(reason, spec.redact(context + ": " + e.getMessage() + state), e);
    }

    static PgEngineException fromIo(IOException e, Reason fallback, String context) {
        String message = String.valueOf(e.getMessage());
        Reason reason = message.contains("No space left on device") ? Reason.DISK_FULL : fallback;
        return new PgEngineException(reason, context + ": " + message, e);
    }

    /**
     * The reason for a failed pg_dump/psql run, read from its stderr (libpq and pg_dump messages are stable, and
     * the tools' exit codes do not distinguish causes).
     */
    static Reason reasonForToolOutput(String stderr, Reason fallback) {
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
