package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The worker process is killed with SIGKILL in the middle of a backup. Its lease stops being renewed, the scheduler's
 * orphan sweep re-queues the job once the lease expired, a new worker runs it again, and the backup completes
 * exactly once: attempt 2, one manifest in the bucket, one completion event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerCrashTest {
    private static ArcaSystem arca;
    private static LargeDatabase large;
    /** The backup the first test recovered (completed), restored by the second. */
    private static UUID recoveredBackup;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
        large = LargeDatabase.of(arca);
    }

    @Test
    @Order(1)
    void killedWorkersBackupIsResumedByAnotherWorkerAndCompletesOnce() throws Exception {
        ArcaClient api = arca.client();
        UUID backupId = api.requestBackup(large.sourceId, ArcaClient.ZSTD_ENCRYPTED);
        JsonPath running = api.awaitBackup(backupId,
                v -> "running".equals(v.getString("state")) && v.getLong("progress.bytesRead") > 0,
                Duration.ofMinutes(3));
        assertThat(running.getString("state")).as("backup before the kill: %s", running.prettify())
                .isEqualTo("running");
        assertThat(running.getLong("progress.bytesRead")).isPositive();
        String firstWorker = arca.catalogText("select worker_id from backups where id = ?", backupId);

        ServiceProcess killed = arca.worker();
        ServiceProcess replacement = arca.crashAndReplaceWorker();
        System.out.printf("crash: killed %s (pid %d) at %d bytes read; started %s%n", killed.name(), killed.pid(),
                running.getLong("progress.bytesRead"), replacement.name());
        assertThat(killed.isAlive()).isFalse();

        JsonPath done = api.awaitBackupCompleted(backupId, Duration.ofMinutes(6));
        assertThat(done.getInt("attempt")).isEqualTo(2);
        assertThat(done.getLong("result.logicalSize")).isGreaterThan(256L << 20);
        assertThat(arca.catalogText("select worker_id from backups where id = ?", backupId)).isNotEqualTo(firstWorker);

        // exactly once: one manifest under the backup's prefix, one completion and one re-queue event
        String manifestKey = done.getString("result.manifestKey");
        String prefix = manifestKey.substring(0, manifestKey.lastIndexOf('/') + 1);
        List<String> objects = arca.objectKeys(prefix);
        assertThat(objects).as("objects under %s", prefix).containsExactly(manifestKey);
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.completed'", backupId.toString())).isEqualTo("1");
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.requeued'", backupId.toString())).isEqualTo("1");
        assertThat(arca.catalogText("select count(*) from backups where id = ? and state = 'completed'", backupId))
                .isEqualTo("1");

        recoveredBackup = backupId;

        // and the recovered backup restores to the same data
        String target = arca.sources.freshName("crash_r");
        UUID restoreId = api.requestRestore(backupId, large.sourceId, target);
        api.awaitRestoreCompleted(restoreId, Duration.ofMinutes(8));
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(original())).isEmpty();
        arca.sources.drop(target);
    }

    /**
     * The same for a restore: the worker dies while rows are being copied into the target database, which attempt 1
     * created and partly filled. Attempt 2 must still end with a database equal to the original.
     */
    @Test
    @Order(2)
    void killedWorkersRestoreIsRetriedAndRestoresEqualData() throws Exception {
        ArcaClient api = arca.client();
        UUID backupId = backupOfTheLargeDatabase(api);
        String target = arca.sources.freshName("crash_rr");
        UUID restoreId = api.requestRestore(backupId, large.sourceId, target);
        JsonPath running = api.awaitRestore(restoreId,
                v -> "running".equals(v.getString("state")) && v.getLong("progress.bytesRestored") > 0,
                Duration.ofMinutes(3));
        assertThat(running.getString("state")).as("restore before the kill: %s", running.prettify())
                .isEqualTo("running");

        ServiceProcess killed = arca.worker();
        ServiceProcess replacement = arca.crashAndReplaceWorker();
        System.out.printf("crash: killed %s (pid %d) at %d bytes restored; started %s%n", killed.name(), killed.pid(),
                running.getLong("progress.bytesRestored"), replacement.name());

        JsonPath done = api.awaitRestoreCompleted(restoreId, Duration.ofMinutes(8));
        assertThat(done.getInt("attempt")).isEqualTo(2);
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(original())).isEmpty();
        arca.sources.drop(target);
    }

    /**
     * Killed during a selective restore into an existing database, which the restore changes in one transaction: the
     * retry finds the database as it was and ends equal to a clean run (the selected table equals the original's,
     * the database's other table untouched).
     */
    @Test
    @Order(3)
    void killedWorkersSelectiveRestoreIntoAnExistingDatabaseEndsAsACleanRun() throws Exception {
        ArcaClient api = arca.client();
        UUID backupId = backupOfTheLargeDatabase(api);
        String target = arca.sources.empty("crash_sel");
        arca.sources.execute(target, "create table other (id int primary key); "
                + "insert into other select generate_series(1, 1000)");
        DatabaseFingerprint before = TableChecksums.capture(arca.sources.spec(target));
        UUID restoreId = UUID.fromString(api.request().body("{\"backupId\":\"" + backupId + "\",\"target\":{"
                + "\"sourceId\":\"" + large.sourceId + "\",\"database\":\"" + target + "\"},"
                + "\"tables\":[\"public.pgbench_accounts\"]}").post("/api/v1/restores").then().statusCode(202)
                .extract().jsonPath().getString("id"));
        JsonPath running = api.awaitRestore(restoreId,
                v -> "running".equals(v.getString("state")) && v.getLong("progress.bytesRestored") > 0,
                Duration.ofMinutes(3));
        assertThat(running.getString("state")).as("restore before the kill: %s", running.prettify())
                .isEqualTo("running");

        ServiceProcess killed = arca.worker();
        arca.crashAndReplaceWorker();
        System.out.printf("crash: killed %s (pid %d) at %d bytes of a selective restore%n", killed.name(),
                killed.pid(), running.getLong("progress.bytesRestored"));

        JsonPath done = api.awaitRestoreCompleted(restoreId, Duration.ofMinutes(8));
        assertThat(done.getInt("attempt")).isEqualTo(2);
        DatabaseFingerprint after = TableChecksums.capture(arca.sources.spec(target));
        assertThat(after.tables()).containsOnlyKeys("public.other", "public.pgbench_accounts");
        assertThat(after.tables().get("public.other")).isEqualTo(before.tables().get("public.other"));
        assertThat(after.tables().get("public.pgbench_accounts"))
                .isEqualTo(original().tables().get("public.pgbench_accounts"));
        arca.sources.drop(target);
    }

    /** The backup the first test recovered, or (when it ran alone) a new one. */
    private static UUID backupOfTheLargeDatabase(ArcaClient api) throws InterruptedException {
        return recoveredBackup != null ? recoveredBackup
                : UUID.fromString(api.backupAndAwait(large.sourceId, ArcaClient.ZSTD_ENCRYPTED, Duration.ofMinutes(6))
                        .getString("id"));
    }

    private static DatabaseFingerprint original() throws Exception {
        return TableChecksums.capture(arca.sources.spec(large.name));
    }
}
