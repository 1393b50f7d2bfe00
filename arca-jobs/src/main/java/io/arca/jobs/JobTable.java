package io.arca.jobs;

import io.arca.common.job.JobKind;
import io.arca.common.job.JobState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The catalog table behind each job kind, the one mapping every service uses. Every job table has the same job
 * columns (state, attempt, worker_id, lease_expires_at, heartbeat_at, next_attempt_at, phase, error, started_at,
 * finished_at, created_at, updated_at, version) plus its kind's own; {@code sourceColumn} names the source a job
 * message is keyed by, so one source's jobs stay ordered on the topic. Names are constants, never user input, so
 * they may be concatenated into SQL.
 */
public enum JobTable {
    BACKUPS(JobKind.BACKUP, "backups", "source_id"),
    RESTORES(JobKind.RESTORE, "restores", "target_source_id"),
    VERIFICATIONS(JobKind.VERIFY, "verifications", "source_id"),
    EXPORTS(JobKind.EXPORT, "exports", "source_id"),
    DELETIONS(JobKind.DELETE, "backup_deletions", "source_id"),
    /** A gc run has no source: its messages are keyed by its tenant. */
    GC_RUNS(JobKind.GC, "gc_runs", "tenant_id");

    private final JobKind kind;
    private final String table;
    private final String sourceColumn;

    JobTable(JobKind kind, String table, String sourceColumn) {
        this.kind = kind;
        this.table = table;
        this.sourceColumn = sourceColumn;
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

    public String sourceColumn() {
        return sourceColumn;
    }

    /** Event type of this kind, e.g. {@code backup.started}. */
    public String eventType(JobFact what) {
        return what.eventType(kind);
    }

    /** How many rows of this table are in each state (states without rows are absent). */
    public Map<JobState, Long> countByState(Connection c) throws SQLException {
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select state, count(*) from " + table + " group by state")) {
            while (rs.next()) {
                counts.put(JobState.fromWireName(rs.getString(1)), rs.getLong(2));
            }
        }
        return counts;
    }

    /**
     * The wire names of the states a job has not finished in (pending, queued, running), bound as a
     * {@code state = any(?)} condition: "something still runs" (a delete job waits for a backup's unfinished readers,
     * one unfinished gc run per tenant).
     */
    public static String[] unfinishedStates() {
        return Arrays.stream(JobState.values()).filter(s -> !s.isTerminal()).map(JobState::wireName)
                .sorted().toArray(String[]::new);
    }

    /**
     * The wire names of the states that may move to {@code target}, bound as the {@code state = any(?)} guard of
     * an update that writes {@code target}: guards come from {@link JobState}, never from retyped literals.
     */
    public static String[] statesBefore(JobState target) {
        return JobState.statesBefore(target).stream().map(JobState::wireName).sorted().toArray(String[]::new);
    }
}
