package io.arca.pg;

/**
 * A dump or restore failed. {@link #reason()} says why in a form a job system can act on (retry, report, give up);
 * the message says it for a human. Messages never contain passwords.
 */
public class PgEngineException extends RuntimeException {

    /** Why an operation failed. */
    public enum Reason {
        /** The server could not be reached (refused, unknown host, timeout, connection lost, shutting down). */
        UNREACHABLE,
        /** The server rejected the credentials (SQLSTATE 28P01/28000). */
        AUTH_FAILED,
        /** The database does not exist (SQLSTATE 3D000). */
        DATABASE_MISSING,
        /** The user lacks a privilege the operation needs (SQLSTATE 42501). */
        PERMISSION_DENIED,
        /** The server's major version is not supported by this engine (older than 12). */
        SERVER_UNSUPPORTED,
        /** The pg_dump found is older than the server's major version. */
        PG_DUMP_TOO_OLD,
        /** pg_dump or psql could not be found or started. */
        TOOL_MISSING,
        /** A selected table was dropped after the snapshot was taken (SQLSTATE 42P01). */
        TABLE_DISAPPEARED,
        /** A table lock could not be obtained within the lock wait timeout (SQLSTATE 55P03). */
        LOCK_TIMEOUT,
        /** Include patterns matched no table. */
        NOTHING_SELECTED,
        /** The server or the local disk ran out of space (SQLSTATE 53100, "No space left on device"). */
        DISK_FULL,
        /** The server or this process ran out of memory (SQLSTATE 53200, OutOfMemoryError). */
        OUT_OF_MEMORY,
        /** The entry sink (archive writer) failed while receiving an entry. */
        SINK_FAILED,
        /** The entry source (archive reader) failed while providing an entry. */
        SOURCE_FAILED,
        /** The calling thread was interrupted; the operation was stopped. */
        CANCELLED,
        /** Any other dump failure. */
        DUMP_FAILED,
        /** Any other restore failure. */
        RESTORE_FAILED,
        /** The restore target already holds objects the restore would create, and dropExisting was not given. */
        TARGET_CONFLICT,
        /** The restore target runs an older PostgreSQL major version than the backed-up server. */
        TARGET_VERSION_OLDER,
        /** A strict table selection leaves out a table that one of its foreign keys references. */
        SELECTION_INCOMPLETE,
        /** A merge restore's table has no primary key to match rows by. */
        NO_PRIMARY_KEY
    }

    private final Reason reason;

    public PgEngineException(Reason reason, String message) {
        this(reason, message, null);
    }

    public PgEngineException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "PgEngineException[" + reason + "]: " + getMessage();
    }
}
