package io.arca.jobs;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows a job writes together with its completion, on the completing connection and in its transaction: a backup's
 * contents, a verification's verdict on the backup. {@link JobClaims#complete} runs them only when the guarded
 * update matched (this worker still held the lease), so they are written exactly when the job becomes
 * {@code completed}, and a lost lease writes neither. They must be idempotent (delete and insert, or update), since
 * an attempt that failed to commit is retried.
 */
@FunctionalInterface
public interface CompletionWrites {
    /** Writes nothing. */
    CompletionWrites NONE = c -> {
    };

    void write(Connection c) throws SQLException;
}
