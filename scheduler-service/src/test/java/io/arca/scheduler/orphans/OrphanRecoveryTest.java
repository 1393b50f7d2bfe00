package io.arca.scheduler.orphans;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.scheduler.CatalogRows;
import io.arca.testing.ArcaInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class OrphanRecoveryTest {
    @Inject
    OrphanSweeper sweeper;
    @Inject
    AgroalDataSource db;

    @Test
    void expiredLeaseIsRequeuedWithNextAttemptAndPublishedOnceAfterBackoff() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID id = rows.runningBackup(1, "worker-a", -5);

        sweeper.sweep();

        assertThat(rows.text("select state || '/' || attempt || '/' || coalesce(worker_id, '-') from backups where id = ?", id))
                .isEqualTo("queued/2/-");
        assertThat(rows.text("select next_attempt_at > now() from backups where id = ?", id)).isEqualTo("t");
        assertThat(jobMessages(rows, id)).as("not published before the backoff").isZero();
        assertThat(rows.text("select payload->>'type' from outbox where stream = 'events' and message_key = ?",
                id.toString())).isEqualTo("backup.requeued");

        rows.makeDue("backups", id);
        sweeper.sweep();
        sweeper.sweep();

        assertThat(jobMessages(rows, id)).isEqualTo(1);
        assertThat(rows.text("select payload->>'attempt' || '/' || (payload->>'kind') || '/' || (payload->>'version') "
                + "|| '/' || message_key from outbox where stream = 'jobs' and payload->>'jobId' = ?", id.toString()))
                .isEqualTo("2/backup/1/" + rows.sourceId);
        assertThat(rows.text("select next_attempt_at is null and state = 'queued' from backups where id = ?", id))
                .isEqualTo("t");
    }

    @Test
    void liveLeaseIsLeftAlone() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID id = rows.runningBackup(1, "worker-b", 60);

        sweeper.sweep();

        assertThat(rows.text("select state || '/' || attempt || '/' || worker_id from backups where id = ?", id))
                .isEqualTo("running/1/worker-b");
    }

    @Test
    void lastAttemptFailsWithTheReason() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID id = rows.runningBackup(3, "worker-c", -1);

        sweeper.sweep();

        assertThat(rows.text("select state from backups where id = ?", id)).isEqualTo("failed");
        assertThat(rows.text("select error from backups where id = ?", id))
                .isEqualTo("lease-expired: lease expired 3 times; last worker worker-c");
        assertThat(rows.text("select finished_at is not null from backups where id = ?", id)).isEqualTo("t");
        assertThat(rows.text("select payload->>'type' from outbox where stream = 'events' and message_key = ?",
                id.toString())).isEqualTo("backup.failed");
        assertThat(jobMessages(rows, id)).isZero();
    }

    @Test
    void restoresAreRecoveredToo() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        UUID id = rows.runningRestore(1, "worker-d", -1);

        sweeper.sweep();
        rows.makeDue("restores", id);
        sweeper.sweep();

        assertThat(rows.text("select state || '/' || attempt from restores where id = ?", id)).isEqualTo("queued/2");
        assertThat(rows.text("select payload->>'kind' from outbox where stream = 'jobs' and payload->>'jobId' = ?",
                id.toString())).isEqualTo("restore");
    }

    @Test
    void concurrentSweepsNeverQueueAJobTwice() throws Exception {
        CatalogRows rows = new CatalogRows(db);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ids.add(rows.runningBackup(1, "worker-e", -10));
        }

        runConcurrently(() -> sweeper.sweep());
        assertThat(rows.count("select count(*) from backups where tenant_id = ? and state = 'queued' and attempt = 2",
                rows.tenantId)).isEqualTo(120);
        assertThat(rows.count("select count(*) from outbox where stream = 'events' and tenant_id = ? "
                + "and payload->>'type' = 'backup.requeued'", rows.tenantId)).isEqualTo(120);

        rows.exec("update backups set next_attempt_at = now() - interval '1 second' where tenant_id = ?", rows.tenantId);
        runConcurrently(() -> sweeper.sweep());
        assertThat(rows.count("select count(*) from outbox where stream = 'jobs' and tenant_id = ?", rows.tenantId))
                .isEqualTo(120);
        assertThat(rows.count("select count(distinct payload->>'jobId') from outbox where stream = 'jobs' "
                + "and tenant_id = ?", rows.tenantId)).isEqualTo(120);
    }

    /** Two "replicas" sweeping at the same moment. */
    private static void runConcurrently(Callable<Integer> sweep) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return sweep.call();
                }));
            }
            for (Future<Integer> f : results) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long jobMessages(CatalogRows rows, UUID id) throws Exception {
        return rows.count("select count(*) from outbox where stream = 'jobs' and payload->>'jobId' = ?", id.toString());
    }
}
