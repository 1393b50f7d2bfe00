package io.arca.worker;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Delete jobs and gc runs for worker tests, recorded the way the API and the scheduler record them (the backup's life
 * cycle and the job row in one go), and run through the real topic.
 */
public final class JobRows {
    static final Duration WAIT = Duration.ofSeconds(120);

    private final Fixtures f;

    public JobRows(Fixtures f) {
        this.f = f;
    }

    /** A pending delete job of {@code backup} with the backup marked {@code deleting}; returns the job id. */
    public UUID pendingDeletion(UUID backup, String reason) throws Exception {
        UUID id = UUID.randomUUID();
        f.exec("update backups set lifecycle = 'deleting', deletion_requested_at = now(), deletion_reason = ?, "
                + "deletion_detail = 'test' where id = ?", reason, backup);
        f.exec("insert into backup_deletions (id, tenant_id, backup_id, source_id, reason, detail, state) "
                + "select ?, tenant_id, id, source_id, ?, 'test', 'pending' from backups where id = ?", id, reason,
                backup);
        return id;
    }

    /** Publishes the delete job's command and waits until it completed, failed or went back to the queue. */
    public String runDeletion(UUID deletion, int attempt) throws Exception {
        UUID source = UUID.fromString(f.text("select source_id::text from backup_deletions where id = ?", deletion));
        f.publish(source.toString(), Fixtures.jobMessage(deletion, "delete", f.tenantId, source, attempt));
        return awaitEnd("select case when state = 'queued' and phase = 'waiting-for-readers' then 'deferred' "
                + "else state end from backup_deletions where id = ?", deletion);
    }

    /** Deletes the backup through a delete job and requires it to complete. */
    public void delete(UUID backup) throws Exception {
        UUID deletion = pendingDeletion(backup, "user");
        String state = runDeletion(deletion, 1);
        if (!"completed".equals(state)) {
            throw new AssertionError("delete job of " + backup + " is " + state + ": "
                    + f.text("select error from backup_deletions where id = ?", deletion));
        }
    }

    /** A pending gc run of the tenant with the given cutoff. */
    public UUID pendingGcRun(Instant cutoff) throws Exception {
        UUID id = UUID.randomUUID();
        f.exec("insert into gc_runs (id, tenant_id, trigger, grace_seconds, cutoff, state) "
                + "values (?, ?, 'admin', 0, ?, 'pending')", id, f.tenantId, Timestamp.from(cutoff));
        return id;
    }

    /** Publishes the run's command (keyed by the tenant) and waits until it ends. */
    public String runGc(UUID run, int attempt) throws Exception {
        f.publish(f.tenantId.toString(), Fixtures.jobMessage(run, "gc", f.tenantId, f.tenantId, attempt));
        return awaitEnd("select state from gc_runs where id = ?", run);
    }

    /** Records and runs a gc run; requires it to complete and returns {@code deleted/bytes/adopted}. */
    public String gc(Instant cutoff) throws Exception {
        UUID run = pendingGcRun(cutoff);
        String state = runGc(run, 1);
        if (!"completed".equals(state)) {
            throw new AssertionError("gc run " + run + " is " + state + ": "
                    + f.text("select error from gc_runs where id = ?", run));
        }
        return f.text("select concat_ws('/', chunks_deleted, bytes_freed, orphans_adopted) from gc_runs where id = ?",
                run);
    }

    private String awaitEnd(String sql, UUID id) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String value = null;
        while (System.nanoTime() < deadline) {
            value = f.text(sql, id);
            if ("completed".equals(value) || "failed".equals(value) || "cancelled".equals(value)
                    || "deferred".equals(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        return value;
    }
}
