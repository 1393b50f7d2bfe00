package io.arca.worker.restore;

import io.arca.jobs.JobTable;
import io.arca.jobs.OrphanedJobs;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.PgTools;
import io.arca.worker.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

/** Restore rows with options for worker tests, run through the real topic, and what tests compare targets by. */
final class RestoreRows {
    static final Duration WAIT = Duration.ofSeconds(120);
    private final Fixtures f;

    RestoreRows(Fixtures f) {
        this.f = f;
    }

    /** A pending restore with these {@code restores.options} (JSON) and dry_run flag. */
    UUID pending(UUID backup, UUID targetSource, String targetDatabase, String optionsJson, boolean dryRun)
            throws Exception {
        UUID id = f.pendingRestore(backup, targetSource, targetDatabase);
        f.exec("update restores set options = cast(? as jsonb), dry_run = ? where id = ?", optionsJson, dryRun, id);
        return id;
    }

    /** Publishes the restore's command and waits until it completed, failed or went back to the queue. */
    String run(UUID restore, int attempt) throws Exception {
        UUID source = UUID.fromString(f.text("select target_source_id::text from restores where id = ?", restore));
        f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, attempt));
        return awaitEnd(restore);
    }

    String awaitEnd(UUID restore) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String value = null;
        while (System.nanoTime() < deadline) {
            value = f.text("select case when state = 'queued' and phase = ? then 'deferred' else state end "
                    + "from restores where id = ?", SafetyBackupGate.WAITING, restore);
            if ("completed".equals(value) || "failed".equals(value) || "cancelled".equals(value)
                    || "deferred".equals(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        return value;
    }

    /** What the scheduler's orphan sweep does once a deferral is due: publish the job again. */
    String republishWhenDue(OrphanedJobs orphans, UUID restore) throws Exception {
        f.exec("update restores set next_attempt_at = now() - interval '1 second' where id = ?", restore);
        try (Connection c = f.db.getConnection()) {
            for (OrphanedJobs.Orphan o : orphans.lockDue(c, JobTable.RESTORES, 100)) {
                if (o.id().equals(restore)) {
                    orphans.publish(c, o);
                }
            }
        }
        // the row stays queued until the worker claims it again
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline
                && "queued".equals(f.text("select state from restores where id = ?", restore))) {
            Thread.sleep(100);
        }
        return awaitEnd(restore);
    }

    /**
     * {@code pg_dump --schema-only} of a database: every definition, for byte-for-byte comparisons. Without the
     * {@code \restrict} lines, whose key pg_dump draws at random for each run.
     */
    String schemaDump(String database) throws IOException, InterruptedException {
        PgConnectionSpec spec = f.spec(database);
        ProcessBuilder pb = new ProcessBuilder(PgTools.locate().pgDump().toString(), "--schema-only", "-h", spec.host(),
                "-p", String.valueOf(spec.port()), "-U", spec.user(), "-d", database);
        pb.environment().put("PGPASSWORD", f.env.pgPassword());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("pg_dump --schema-only " + database + " failed: " + out);
        }
        return out.lines().filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
