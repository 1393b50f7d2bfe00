package io.arca.worker.job;

import io.arca.common.job.JobKind;

/**
 * The catalog table behind each job kind. Backups and restores share the job columns (state, attempt, worker_id,
 * lease_expires_at, heartbeat_at, next_attempt_at, phase, error, started_at, finished_at, updated_at, version), so
 * claiming, heartbeating and finishing are written once against this mapping. Table names are constants, never
 * user input, so they may be concatenated into SQL.
 */
public enum JobTable {
    BACKUPS(JobKind.BACKUP, "backups", "backup"),
    RESTORES(JobKind.RESTORE, "restores", "restore");

    private final JobKind kind;
    private final String table;
    private final String eventPrefix;

    JobTable(JobKind kind, String table, String eventPrefix) {
        this.kind = kind;
        this.table = table;
        this.eventPrefix = eventPrefix;
    }

    public static JobTable of(JobKind kind) {
        for (JobTable t : values()) {
            if (t.kind == kind) {
                return t;
            }
        }
        throw new IllegalArgumentException("no table for job kind " + kind);
    }

    public JobKind kind() {
        return kind;
    }

    public String table() {
        return table;
    }

    /** Event type for this kind, e.g. {@code backup.started}. */
    public String eventType(String what) {
        return eventPrefix + "." + what;
    }
}
