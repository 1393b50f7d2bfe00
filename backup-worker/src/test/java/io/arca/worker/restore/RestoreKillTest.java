package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.jobs.ClaimResult;
import io.arca.jobs.JobTable;
import io.arca.jobs.OrphanedJobs;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.arca.worker.job.JobContext;
import io.arca.worker.job.JobStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * kill -9 during a selective restore into an existing database: after the retry the result equals a clean run. The
 * first attempt runs in a worker that dies: it claims the job and restores {@code customers} (dropExisting) into a
 * live database holding other tables, until its load of customers' rows is provably under way (its COPY is in the
 * target's pg_stat_activity, fed from chunks the test holds back). Then the worker dies: its sessions end the way a
 * killed process's do (the server terminates them; nothing is committed), and its lease expires. Orphan recovery
 * re-queues the job (attempt 2), a live worker runs it, and the target equals, table by table, a twin database
 * restored by one clean run, with customers as backed up and every other table as it was.
 */
@QuarkusTest
@TestProfile(ProbedStore.Profile.class)
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class RestoreKillTest {
    private static final String OPTIONS = "{\"tables\": [\"public.customers\"], \"dropExisting\": true, "
            + "\"confirmDataLoss\": true}";

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    JobStore jobStore;
    @Inject
    OrphanedJobs orphans;
    @Inject
    RestoreJobHandler handler;

    /** A live database: the backed-up tables with damaged customers, and a table of its own. */
    private static String liveDatabase(Fixtures f) throws Exception {
        String name = f.sourceDatabase(20_000);
        try (Connection c = new TestDatabases(f.env).connect(name); Statement s = c.createStatement()) {
            s.execute("update customers set name = 'damaged by a migration', note = null where id % 3 = 0");
            s.execute("create table audit_log (id int primary key, what text)");
            s.execute("insert into audit_log select g, 'entry ' || g from generate_series(1, 500) g");
        }
        return name;
    }

    @Test
    void aWorkerKilledMidRestoreIntoAnExistingDatabaseLeavesItAsItWasAndTheRetryEqualsACleanRun() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        String sourceDb = f.sourceDatabase(20_000);
        UUID source = f.source(sourceDb);
        UUID backup = f.completedBackup(source, "{}");
        Manifest manifest = ManifestFormat.decode(store.get(f.text("select manifest_key from backups where id = ?",
                backup)), f.tenantId.toString(), backup.toString(), KeyRing.none());
        Set<String> customerChunks = manifest.entries().stream().filter(e -> "customers".equals(e.table()))
                .flatMap(e -> e.chunks().stream()).map(ChunkRef::name)
                .map(n -> RepositoryLayout.chunkKey(f.tenantId.toString(), n)).collect(Collectors.toSet());
        String killed = liveDatabase(f);
        String clean = liveDatabase(f);
        DatabaseFingerprint before = TableChecksums.capture(f.spec(killed));
        try {
            UUID restore = restores.pending(backup, source, killed, OPTIONS, false);
            ClaimResult claim = jobStore.claim(JobTable.RESTORES, restore, f.tenantId, "worker-that-dies");
            assertThat(claim.outcome()).isEqualTo(ClaimResult.Outcome.CLAIMED);
            ProbedStore.holdGets(customerChunks);
            Thread dying = Thread.ofPlatform().start(() -> {
                try {
                    handler.run(new JobContext(claim.job(), Thread.currentThread()));
                } catch (Exception | Error e) {
                    System.out.println("the dying worker's restore ended: " + e);
                }
            });
            assertThat(ProbedStore.held.await(120, TimeUnit.SECONDS)).as("the restore reads customers' rows").isTrue();
            String copying = awaitCopy(f, killed);
            assertThat(copying).startsWith("COPY ").contains("customers");

            // kill -9: the server ends the dead process's sessions, rolling back their open transaction
            f.text("select count(pg_terminate_backend(pid))::text from pg_stat_activity where datname = ? "
                    + "and pid <> pg_backend_pid()", killed);
            ProbedStore.release();
            dying.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(TableChecksums.capture(f.spec(killed)).differencesFrom(before))
                    .as("nothing of the dead attempt is left").isEmpty();

            // its lease expires; orphan recovery re-queues the job (attempt 2) and publishes it
            f.exec("update restores set lease_expires_at = now() - interval '1 second' where id = ?", restore);
            try (Connection c = db.getConnection()) {
                for (OrphanedJobs.Orphan o : orphans.lockExpired(c, JobTable.RESTORES, 100)) {
                    if (o.id().equals(restore)) {
                        orphans.requeue(c, o, 0, "lease expired");
                    }
                }
            }
            assertThat(restores.republishWhenDue(orphans, restore)).as(f.text("select error from restores "
                    + "where id = ?", restore)).isEqualTo("completed");
            assertThat(f.text("select attempt from restores where id = ?", restore)).isEqualTo("2");

            UUID cleanRun = restores.pending(backup, source, clean, OPTIONS, false);
            assertThat(restores.run(cleanRun, 1)).isEqualTo("completed");
            DatabaseFingerprint retried = TableChecksums.capture(f.spec(killed));
            assertThat(retried.differencesFrom(TableChecksums.capture(f.spec(clean)))).isEmpty();
            assertThat(retried.tables().get("public.customers"))
                    .isEqualTo(TableChecksums.capture(f.spec(sourceDb)).tables().get("public.customers"));
            assertThat(retried.tables().get("public.audit_log")).isEqualTo(before.tables().get("public.audit_log"));
            assertThat(retried.tables().get("public.orders")).isEqualTo(before.tables().get("public.orders"));
        } finally {
            ProbedStore.release();
            new TestDatabases(f.env).drop(killed);
            new TestDatabases(f.env).drop(clean);
        }
    }

    /** The query of the session loading rows into {@code database}, once it shows in pg_stat_activity. */
    private static String awaitCopy(Fixtures f, String database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String query = f.text("select query from pg_stat_activity where datname = ? and query like 'COPY %' "
                    + "and state = 'active'", database);
            if (query != null) {
                return query;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no COPY into " + database + " showed up");
    }
}
