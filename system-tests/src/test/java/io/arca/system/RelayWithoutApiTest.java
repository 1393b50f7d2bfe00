package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.TableChecksums;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every service relays the outbox, so jobs flow while api-service is down: with the API stopped, the scheduler
 * re-queues an orphaned backup (its worker "died" mid-run), the re-queued job message is published by a relay in the
 * scheduler or the worker, and a worker runs the backup to completion.
 */
class RelayWithoutApiTest {

    @Test
    void aRequeuedBackupReachesAWorkerAndCompletesWhileTheApiIsStopped() throws Exception {
        ArcaSystem arca = ArcaSystem.shared();
        ArcaClient api = arca.client();
        String database = arca.sources.sample();
        UUID sourceId = api.createSource(arca.env, database);
        UUID template = UUID.fromString(api.backupAndAwait(sourceId, ArcaClient.ZSTD_ENCRYPTED, Duration.ofMinutes(3))
                .getString("id"));
        UUID orphan = UUID.randomUUID();

        arca.withApiStopped(() -> {
            assertThat(arca.apiAlive()).as("api-service stopped").isFalse();
            // a backup whose worker died mid-run: running, attempt 1, lease already expired
            assertThat(arca.catalogUpdate("insert into backups (id, tenant_id, source_id, type, options, labels, state, "
                    + "attempt, worker_id, lease_expires_at, heartbeat_at, phase, started_at) "
                    + "select ?, tenant_id, source_id, type, options, labels, 'running', 1, 'a-worker-that-died', "
                    + "now() - interval '1 second', now() - interval '10 seconds', 'dumping', now() "
                    + "from backups where id = ?", orphan, template)).isEqualTo(1);

            String state = awaitState(arca, orphan, Duration.ofMinutes(3));
            assertThat(state).as("backup %s while the API is stopped: %s", orphan,
                    arca.catalogText("select state || ' ' || coalesce(error, '') from backups where id = ?", orphan))
                    .isEqualTo("completed");
            assertThat(arca.catalogText("select attempt || '/' || worker_id from backups where id = ?", orphan))
                    .startsWith("2/").doesNotEndWith("a-worker-that-died");
            assertThat(arca.catalogText("select count(*) from outbox where stream = 'jobs' "
                    + "and payload->>'jobId' = ? and payload->>'attempt' = '2' and published_at is not null",
                    orphan.toString())).as("the re-queued job message was published").isEqualTo("1");
            assertThat(arca.apiAlive()).as("api-service still stopped").isFalse();
        });

        // and the backup made without the API restores to the same data
        String target = arca.sources.freshName("relay_r");
        UUID restoreId = api.requestRestore(orphan, sourceId, target);
        api.awaitRestoreCompleted(restoreId, Duration.ofMinutes(3));
        assertThat(TableChecksums.capture(arca.sources.spec(target))
                .differencesFrom(TableChecksums.capture(arca.sources.spec(database)))).isEmpty();
    }

    private static String awaitState(ArcaSystem arca, UUID backupId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String state = arca.catalogText("select state from backups where id = ?", backupId);
        while (!"completed".equals(state) && !"failed".equals(state) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            state = arca.catalogText("select state from backups where id = ?", backupId);
        }
        return state;
    }
}
