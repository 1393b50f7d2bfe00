package io.arca.scheduler.orphans;

import io.arca.common.job.JobKind;

/**
 * The catalog tables the orphan sweep watches, with the column that names the source a job message is keyed by
 * (one source's jobs stay ordered on the topic). Names are constants, safe to concatenate into SQL.
 */
public enum JobTable {
    BACKUPS(JobKind.BACKUP, "backups", "source_id", "backup"),
    RESTORES(JobKind.RESTORE, "restores", "target_source_id", "restore");

    private final JobKind kind;
    private final String table;
    private final String sourceColumn;
    private final String eventPrefix;

    JobTable(JobKind kind, String table, String sourceColumn, String eventPrefix) {
        this.kind = kind;
        this.table = table;
        this.sourceColumn = sourceColumn;
        this.eventPrefix = eventPrefix;
    }

    public JobKind kind() {
        return kind;
    }

    public String table() {
        return table;
    }

    public String sourceColumn() {
        return sourceColumn;
    }

    public String eventType(String what) {
        return eventPrefix + "." + what;
    }
}
