package io.arca.worker.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.jobs.JobTable;
import io.arca.jobs.OrphanedJobs;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.arca.worker.JobRows;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Delete jobs through the real topic, catalog and bucket. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class DeleteJobTest {
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    OrphanedJobs orphans;

    @Test
    void aDeleteJobRemovesTheManifestAndReferencesAndMarksTheBackupDeletedWithItsEvent() throws Exception {
        Fixtures f = new Fixtures(db);
        JobRows jobs = new JobRows(f);
        UUID source = f.source(f.sourceDatabase(2_000));
        UUID backup = f.completedBackup(source, "{}");
        String manifest = f.text("select manifest_key from backups where id = ?", backup);
        long references = Long.parseLong(f.text("select count(*) from backup_chunks where backup_id = ?", backup));
        assertThat(store.exists(manifest)).isTrue();
        assertThat(references).isPositive();

        UUID deletion = jobs.pendingDeletion(backup, "retention");
        assertThat(jobs.runDeletion(deletion, 1)).isEqualTo("completed");

        assertThat(store.exists(manifest)).isFalse();
        try (Stream<ObjectInfo> left = store.list(RepositoryLayout.backupsPrefix(f.tenantId.toString())
                + backup + "/")) {
            assertThat(left).isEmpty();
        }
        assertThat(f.text("select count(*) from backup_chunks where backup_id = ?", backup)).isEqualTo("0");
        assertThat(f.text("select concat_ws('/', lifecycle, (deleted_at is not null)::text, deletion_reason) from backups "
                + "where id = ?", backup)).isEqualTo("deleted/true/retention");
        assertThat(f.text("select concat_ws('/', objects_deleted, references_removed, phase, attempt) "
                + "from backup_deletions where id = ?", deletion)).isEqualTo("1/" + references + "/done/1");
        assertThat(f.text("select count(*) from chunks where tenant_id = ?", f.tenantId))
                .as("chunks stay for garbage collection").isNotEqualTo("0");
        assertThat(f.text("select concat_ws('/', payload->'data'->>'reason', payload->'data'->>'sourceId', "
                + "payload->>'state') from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.deleted'", backup.toString()))
                .isEqualTo("retention/" + source + "/completed");
        assertThat(f.text("select string_agg(payload->>'type', ',' order by id) from outbox where stream = 'events' "
                + "and message_key = ? and payload->>'type' <> 'delete.progress'", deletion.toString()))
                .isEqualTo("delete.started,delete.completed");

        // idempotent: a second delete job of the deleted backup finds nothing left and completes
        UUID again = jobs.pendingDeletion(backup, "user");
        f.exec("update backups set lifecycle = 'deleted' where id = ?", backup);
        assertThat(jobs.runDeletion(again, 1)).isEqualTo("completed");
        assertThat(f.text("select concat_ws('/', objects_deleted, references_removed) from backup_deletions "
                + "where id = ?", again)).isEqualTo("0/0");
    }

    @Test
    void aFailedBackupWithoutManifestLosesItsReferences() throws Exception {
        Fixtures f = new Fixtures(db);
        JobRows jobs = new JobRows(f);
        UUID source = f.source("not_connected_to");
        UUID backup = f.pendingBackup(source, "{}");
        f.exec("update backups set state = 'failed', error = 'test' where id = ?", backup);
        for (int i = 0; i < 25; i++) {
            String name = String.format("%064x", i + 1);
            f.exec("insert into chunks (tenant_id, name, stored_size) values (?, ?, 10)", f.tenantId, name);
            f.exec("insert into backup_chunks (backup_id, tenant_id, chunk_name) values (?, ?, ?)", backup,
                    f.tenantId, name);
        }
        UUID deletion = jobs.pendingDeletion(backup, "failed-cleanup");
        assertThat(jobs.runDeletion(deletion, 1)).isEqualTo("completed");
        assertThat(f.text("select concat_ws('/', objects_deleted, references_removed) from backup_deletions "
                + "where id = ?", deletion)).isEqualTo("0/25");
        assertThat(f.text("select lifecycle from backups where id = ?", backup)).isEqualTo("deleted");
    }

    /**
     * A running restore and a live download lease hold the backup: the job goes back to the queue (attempt kept)
     * each time it looks, and completes once both are gone. Orphan recovery publishes the deferred job when due.
     */
    @Test
    void aDeleteJobWaitsForTheBackupsReadersWithoutUsingAttempts() throws Exception {
        Fixtures f = new Fixtures(db);
        JobRows jobs = new JobRows(f);
        UUID source = f.source(f.sourceDatabase(200));
        UUID backup = f.completedBackup(source, "{}");
        UUID restore = f.pendingRestore(backup, source, "not_restored");
        f.exec("update restores set state = 'running', worker_id = 'elsewhere', lease_expires_at = now() + "
                + "interval '1 hour' where id = ?", restore);
        f.exec("insert into backup_readers (id, backup_id, tenant_id, kind, expires_at) "
                + "values (?, ?, ?, 'download', now() + interval '1 hour')", UUID.randomUUID(), backup, f.tenantId);
        String manifest = f.text("select manifest_key from backups where id = ?", backup);

        UUID deletion = jobs.pendingDeletion(backup, "user");
        assertThat(jobs.runDeletion(deletion, 1)).isEqualTo("deferred");
        assertThat(f.text("select concat_ws('/', state, attempt, (worker_id is null)::text, (next_attempt_at > now())::text) "
                + "from backup_deletions where id = ?", deletion)).isEqualTo("queued/1/true/true");
        assertThat(f.text("select payload->'data'->>'reason' from outbox where message_key = ? "
                + "and payload->>'type' = 'delete.deferred'", deletion.toString()))
                .isEqualTo("backup " + backup + " is being read: 1 restore, 1 download");
        assertThat(store.exists(manifest)).as("nothing deleted while read").isTrue();
        assertThat(f.text("select lifecycle from backups where id = ?", backup)).isEqualTo("deleting");

        // the restore ends; the download lease is still live: deferred again, attempt still 1
        f.exec("update restores set state = 'completed', finished_at = now() where id = ?", restore);
        assertThat(republishWhenDue(f, jobs, deletion)).isEqualTo("deferred");
        assertThat(f.text("select attempt from backup_deletions where id = ?", deletion)).isEqualTo("1");

        // the download's lease expires (a crashed API never removed it): the job completes
        f.exec("update backup_readers set expires_at = now() - interval '1 second' where backup_id = ?", backup);
        assertThat(republishWhenDue(f, jobs, deletion)).isEqualTo("completed");
        assertThat(f.text("select attempt from backup_deletions where id = ?", deletion)).isEqualTo("1");
        assertThat(store.exists(manifest)).isFalse();
        assertThat(f.text("select lifecycle from backups where id = ?", backup)).isEqualTo("deleted");
    }

    /** What the scheduler's orphan sweep does once the deferral is due: one new command, through the outbox relay. */
    private String republishWhenDue(Fixtures f, JobRows jobs, UUID deletion) throws Exception {
        String before = f.text("select count(*) from outbox where message_key = ? and payload->>'type' = "
                + "'delete.deferred'", deletion.toString());
        f.exec("update backup_deletions set next_attempt_at = now() - interval '1 second' where id = ?", deletion);
        try (Connection c = db.getConnection()) {
            for (OrphanedJobs.Orphan o : orphans.lockDue(c, JobTable.DELETIONS, 100)) {
                if (o.id().equals(deletion)) {
                    assertThat(o.attempt()).isEqualTo(1);
                    orphans.publish(c, o);
                }
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            String state = f.text("select state from backup_deletions where id = ?", deletion);
            String deferrals = f.text("select count(*) from outbox where message_key = ? and payload->>'type' = "
                    + "'delete.deferred'", deletion.toString());
            if ("completed".equals(state) || "failed".equals(state)) {
                return state;
            }
            if ("queued".equals(state) && !deferrals.equals(before)) {
                return "deferred";
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deferred delete job did not run again");
    }
}
