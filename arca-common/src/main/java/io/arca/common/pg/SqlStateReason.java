package io.arca.common.pg;

import java.util.Optional;

/**
 * What a PostgreSQL SQLSTATE says went wrong: the one table from server error codes to reasons, shared by the
 * source check (api-service), the dump and restore engine (arca-pg) and the worker's job failures. Each caller
 * turns a reason into its own wire string (the source check says {@code unreachable}, a job
 * {@code source-unreachable}); a SQLSTATE this table does not know is the caller's fallback. Codes: PostgreSQL
 * documentation, appendix A "PostgreSQL Error Codes".
 */
public enum SqlStateReason {
    /**
     * The server cannot be talked to: class 08 (connection exception), 57P01/57P02 (admin or crash shutdown), 57P03
     * (cannot connect now: starting up or in recovery), 53300 (too many connections).
     */
    UNREACHABLE,
    /** Class 28: 28000 invalid authorization specification (no pg_hba.conf entry), 28P01 invalid password. */
    AUTH_FAILED,
    /** 3D000 invalid catalog name: the database does not exist. */
    DATABASE_MISSING,
    /** 42501 insufficient privilege. */
    PERMISSION_DENIED,
    /** 42P01 undefined table (a dump reads this as "dropped while dumping"; elsewhere it is the caller's fallback). */
    UNDEFINED_TABLE,
    /** 55P03 lock not available (lock_timeout expired). */
    LOCK_TIMEOUT,
    /** 53100 disk full. */
    DISK_FULL,
    /** 53200 out of memory (on the server). */
    OUT_OF_MEMORY,
    /** 57014 query canceled (a cancel request or statement_timeout). */
    CANCELLED;

    /** The reason for {@code sqlState}; empty when it is null or says nothing more specific than "an error". */
    public static Optional<SqlStateReason> of(String sqlState) {
        if (sqlState == null) {
            return Optional.empty();
        }
        if (sqlState.startsWith("08")) {
            return Optional.of(UNREACHABLE);
        }
        return Optional.ofNullable(switch (sqlState) {
            case "57P01", "57P02", "57P03", "53300" -> UNREACHABLE;
            case "28000", "28P01" -> AUTH_FAILED;
            case "3D000" -> DATABASE_MISSING;
            case "42501" -> PERMISSION_DENIED;
            case "42P01" -> UNDEFINED_TABLE;
            case "55P03" -> LOCK_TIMEOUT;
            case "53100" -> DISK_FULL;
            case "53200" -> OUT_OF_MEMORY;
            case "57014" -> CANCELLED;
            default -> null;
        });
    }
}
