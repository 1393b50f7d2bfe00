package io.arca.worker.failure;

import io.arca.archive.ArchiveException;
import io.arca.archive.format.KeyUnavailableException;
import io.arca.archive.manifest.ManifestMismatchException;
import io.arca.archive.store.ObjectStoreException;
import io.arca.common.pg.SqlStateReason;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgEngineException;
import io.arca.worker.job.JobFailure;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns what went wrong in a job (backup, restore, ...) into a {@link JobFailure} with a stable reason and a message
 * a user can act on: {@code source-unreachable}, {@code auth-failed}, {@code pg-dump-too-old},
 * {@code table-disappeared}, {@code key-unavailable}, {@code object-store-unavailable}, {@code manifest-mismatch}, {@code disk-full},
 * {@code memory-limit}, and for restores {@code target-conflict}, {@code target-version-older},
 * {@code selection-incomplete}, {@code no-primary-key} (each with the request that gets past it), ... Messages are redacted of
 * the source password.
 */
public final class FailureClassifier {
    private FailureClassifier() {
    }

    public static JobFailure classify(Throwable e, PgConnectionSpec spec) {
        if (e instanceof JobFailure f) {
            return f;
        }
        KeyUnavailableException key = find(e, KeyUnavailableException.class);
        if (key != null) {
            // before the engine's wrapping below: a data key that no configured master key unwraps is a
            // configuration problem (a retired master key), not a failed source or sink
            return new JobFailure("key-unavailable", key.getMessage(), e);
        }
                ObjectStoreException store = find(e, ObjectStoreException.class);
        if (store != null) {
            return new JobFailure("object-store-unavailable", redact(spec, store.getMessage()), e);
        }
        if (find(e, OutOfMemoryError.class) != null) {
            return new JobFailure("memory-limit", "the worker ran out of memory; lower arca.worker.table-parallelism "
                    + "or give the worker more heap", e);
        }
        PgEngineException pg = find(e, PgEngineException.class);
        if (pg != null) {
            if (pg.reason() == PgEngineException.Reason.SINK_FAILED || pg.reason() == PgEngineException.Reason.SOURCE_FAILED) {
                ObjectStoreException inner = find(pg.getCause(), ObjectStoreException.class);
                if (inner != null) {
                    return new JobFailure("object-store-unavailable", redact(spec, inner.getMessage()), e);
                }
            }
            String reason = switch (pg.reason()) {
                case UNREACHABLE -> "source-unreachable";
                case AUTH_FAILED -> "auth-failed";
                case OUT_OF_MEMORY -> "memory-limit";
                default -> pg.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
            };
            return new JobFailure(reason, redact(spec, pg.getMessage()) + advice(pg.reason()), e);
        }
        ManifestMismatchException replaced = find(e, ManifestMismatchException.class);
        if (replaced != null) {
            return new JobFailure("manifest-mismatch", replaced.getMessage() + "; refusing to restore from it", e);
        }
        ArchiveException archive = find(e, ArchiveException.class);
        if (archive != null) {
            return new JobFailure("archive-failed", redact(spec, archive.getMessage()), e);
        }
        SQLException sql = find(e, SQLException.class);
        if (sql != null && sql.getSQLState() != null) {
            String reason = SqlStateReason.of(sql.getSQLState()).map(FailureClassifier::reasonFor)
                    .orElse("database-error");
            return new JobFailure(reason, redact(spec, sql.getMessage()), e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("No space left on device")) {
            return new JobFailure("disk-full", redact(spec, message), e);
        }
        return new JobFailure("internal-error", e.getClass().getSimpleName() + ": " + redact(spec, message), e);
    }

    /**
     * What the engine's message does not say about a restore refused for one of the restore options' reasons: the
     * request that gets past it (TARGET_VERSION_OLDER's message already says all). The engine refuses all four before
     * anything is written, or inside the restore's one transaction.
     */
    private static String advice(PgEngineException.Reason reason) {
        return switch (reason) {
            case TARGET_CONFLICT -> " (dropExisting drops existing data: it needs confirmDataLoss: true)";
            case SELECTION_INCOMPLETE -> "; nothing was written: add the referenced tables to the selection, or "
                    + "restore without strict (those foreign keys are then skipped and reported)";
            case NO_PRIMARY_KEY -> "; nothing was written: a merge matches rows by primary key, so restore such "
                    + "tables with mode replace (dropExisting or dataOnly) instead";
            default -> "";
        };
    }

    /** A server error's reason as a job reports it (the same words as the engine's reasons above). */
    private static String reasonFor(SqlStateReason reason) {
        return switch (reason) {
            case UNREACHABLE -> "source-unreachable";
            case AUTH_FAILED -> "auth-failed";
            case DATABASE_MISSING -> "database-missing";
            case PERMISSION_DENIED -> "permission-denied";
            case LOCK_TIMEOUT -> "lock-timeout";
            case DISK_FULL -> "disk-full";
            case OUT_OF_MEMORY -> "memory-limit";
            case CANCELLED -> "cancelled";
            // outside a dump (where the engine reports it as table-disappeared) a missing table is no known cause
            case UNDEFINED_TABLE -> "database-error";
        };
    }

    private static String redact(PgConnectionSpec spec, String text) {
        return spec == null ? text : spec.redact(text);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
