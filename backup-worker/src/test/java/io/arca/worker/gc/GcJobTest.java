package io.arca.worker.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectInfo;
import io.arca.archive.store.ObjectStore;
import io.arca.jobs.ClaimResult;
import io.arca.jobs.ClaimedJob;
import io.arca.jobs.JobTable;
import io.arca.jobs.OrphanedJobs;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.arca.worker.JobRows;
import io.arca.worker.job.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Garbage collection runs through the real topic, catalog and bucket, after real backups and delete jobs. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class GcJobTest {
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    JobStore jobStore;
    @Inject
    GcTransactions transactions;
    @Inject
    OrphanedJobs orphans;
    @Inject
    MeterRegistry metrics;

    private List<String> chunkObjects(Fixtures f) {
        try (Stream<ObjectInfo> listed = store.list(RepositoryLayout.chunksPrefix(f.tenantId.toString()))) {
            return listed.map(ObjectInfo::key).toList();
        }
    }

    @Test
    void afterDeletingEveryBackupAndGcPastTheGracePeriodTheTenantsChunkPrefixIsEmpty() throws Exception {
        Fixtures f = new Fixtures(db);
        JobRows jobs = new JobRows(f);
        UUID source = f.source(f.sourceDatabase(3_000));
        UUID first = f.completedBackup(source, "{\"encrypt\":true}");
        UUID second = f.completedBackup(source, "{\"encrypt\":true}");
        long chunks = Long.parseLong(f.text("select count(*) from chunks where tenant_id = ?", f.tenantId));
        long bytes = Long.parseLong(f.text("select sum(stored_size) from chunks where tenant_id = ?", f.tenantId));
        assertThat(chunkObjects(f)).hasSize((int) chunks);
        String orphan = RepositoryLayout.chunkKey(f.tenantId.toString(), GcReuseRaceTest.sha256("orphan" + source));
        store.put(orphan, new byte[] {1, 2, 3});

        // GC before the grace period passed, with references still there: nothing goes
        assertThat(jobs.gc(Instant.now().minus(Duration.ofHours(1)))).isEqualTo("0/0/0");
        jobs.delete(first);
        assertThat(jobs.gc(Instant.now().minus(Duration.ofHours(1)))).as("chunks younger than the cutoff stay")
                .isEqualTo("0/0/0");
        jobs.delete(second);
        assertThat(chunkObjects(f)).hasSize((int) chunks + 1);

        double deletedBefore = metrics.counter("arca.gc.chunks.deleted").count();
        // a clock past the grace period: every unreferenced chunk goes; the orphan is adopted, not deleted
        assertThat(jobs.gc(Instant.now().plus(Duration.ofHours(1)))).isEqualTo(chunks + "/" + bytes + "/1");
        assertThat(chunkObjects(f)).containsExactly(orphan);
        assertThat(f.text("select concat_ws('/', stored_size, (created_at > now() - interval '5 minutes')::text) "
                + "from chunks where tenant_id = ?", f.tenantId)).isEqualTo("3/true");
        assertThat(metrics.counter("arca.gc.chunks.deleted").count() - deletedBefore).isEqualTo(chunks);

        // a run whose cutoff is before the adoption keeps the adopted row; a later one deletes it
        assertThat(jobs.gc(Instant.now().minus(Duration.ofMinutes(10)))).isEqualTo("0/0/0");
        assertThat(store.exists(orphan)).isTrue();
        assertThat(jobs.gc(Instant.now().plus(Duration.ofHours(2)))).isEqualTo("1/3/0");
        assertThat(chunkObjects(f)).isEmpty();
        assertThat(f.text("select count(*) from chunks where tenant_id = ?", f.tenantId)).isEqualTo("0");
    }

    /**
     * A worker dies after some batches (claimed, two batches committed, then abandoned); its lease expires, orphan
     * recovery re-queues the run, and the next attempt goes on from {@code resume_after} to the same result.
     */
    @Test
    void aRunWhoseWorkerDiedGoesOnFromResumeAfterToTheSameResult() throws Exception {
        Fixtures f = new Fixtures(db);
        JobRows jobs = new JobRows(f);
        f.exec("insert into chunks (tenant_id, name, stored_size, created_at) select ?, lpad(to_hex(g), 64, '0'), "
                + "g, now() - interval '2 days' from generate_series(1, 2500) g", f.tenantId);
        UUID run = jobs.pendingGcRun(Instant.now().minus(Duration.ofDays(1)));
        ClaimResult claim = jobStore.claim(JobTable.GC_RUNS, run, f.tenantId, "worker-that-dies");
        assertThat(claim.outcome()).isEqualTo(ClaimResult.Outcome.CLAIMED);
        ClaimedJob dying = claim.job();
        Instant cutoff = Instant.now().minus(Duration.ofDays(1));
        GcTransactions.BatchResult one = transactions.deleteBatch(dying, cutoff, null, 700);
        transactions.deleteBatch(dying, cutoff, one.lastName(), 700);
        assertThat(f.text("select concat_ws('/', resume_after, chunks_deleted) from gc_runs where id = ?", run))
                .isEqualTo(String.format("%064x", 1400) + "/1400");

        // kill -9: the lease expires, the sweep re-queues (attempt 2) and publishes when due
        f.exec("update gc_runs set lease_expires_at = now() - interval '1 second' where id = ?", run);
        try (Connection c = db.getConnection()) {
            for (OrphanedJobs.Orphan o : orphans.lockExpired(c, JobTable.GC_RUNS, 100)) {
                if (o.id().equals(run)) {
                    orphans.requeue(c, o, 0, "lease expired");
                }
            }
            for (OrphanedJobs.Orphan o : orphans.lockDue(c, JobTable.GC_RUNS, 100)) {
                if (o.id().equals(run)) {
                    orphans.publish(c, o);
                }
            }
        }
        String state = f.await("select state from gc_runs where id = ?", "completed", Duration.ofSeconds(60), run);
        assertThat(state).isEqualTo("completed");
        long bytes = 2500L * 2501 / 2;
        assertThat(f.text("select concat_ws('/', attempt, chunks_scanned, chunks_deleted, bytes_freed, resume_after) "
                + "from gc_runs where id = ?", run)).isEqualTo("2/2500/2500/" + bytes + "/"
                + String.format("%064x", 2500));
        assertThat(f.text("select count(*) from chunks where tenant_id = ?", f.tenantId)).isEqualTo("0");

        // the dead worker, were it to wake up, writes nothing
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transactions.deleteBatch(dying, cutoff, null, 10))
                .hasMessageContaining("lease lost");
    }

    /**
     * The race end to end: every chunk of the tenant is old and unreferenced (its backup was deleted) when a new backup
     * of the same database, which reuses them, and a gc run start together. Whatever gc took before the backup's
     * lookup, the backup uploaded again; the new backup then verifies deeply (restored into a scratch database, every
     * table's rows and checksum equal to the backup's).
     */
    @Test
    void aBackupThatRunsWhileGcDeletesTheChunksItReusesVerifiesAndRestores() throws Exception {
        Fixtures f = new Fixtures(db);
        JobRows jobs = new JobRows(f);
        UUID source = f.source(f.sourceDatabase(20_000));
        UUID first = f.completedBackup(source, "{}");
        jobs.delete(first);
        f.exec("update chunks set created_at = now() - interval '2 days' where tenant_id = ?", f.tenantId);

        UUID second = f.pendingBackup(source, "{}");
        UUID run = jobs.pendingGcRun(Instant.now().minus(Duration.ofDays(1)));
        f.publish(f.tenantId.toString(), Fixtures.jobMessage(run, "gc", f.tenantId, f.tenantId, 1));
        f.publish(source.toString(), Fixtures.jobMessage(second, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", Duration.ofSeconds(120), second))
                .isEqualTo("completed");
        assertThat(f.await("select state from gc_runs where id = ?", "completed", Duration.ofSeconds(120), run))
                .isEqualTo("completed");

        String tenant = f.tenantId.toString();
        for (String name : f.text("select string_agg(chunk_name, ',') from backup_chunks where backup_id = ?",
                second).split(",")) {
            assertThat(store.exists(RepositoryLayout.chunkKey(tenant, name))).as("chunk %s", name).isTrue();
        }
        UUID verification = f.pendingVerification(second, true, source);
        f.publish(source.toString(), Fixtures.jobMessage(verification, "verify", f.tenantId, source, 1));
        assertThat(f.await("select state from verifications where id = ?", "completed", Duration.ofSeconds(120),
                verification)).isEqualTo("completed");
        assertThat(f.text("select concat_ws('/', v.result, (b.proven_restorable_at is not null)::text) from verifications v "
                + "join backups b on b.id = v.backup_id where v.id = ?", verification)).isEqualTo("ok/true");
    }
}
