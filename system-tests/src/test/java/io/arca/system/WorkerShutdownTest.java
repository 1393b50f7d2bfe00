package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SIGTERM to a worker (Kubernetes scaling down, a rolling update, {@code docker compose stop}): running jobs may
 * finish within {@code arca.worker.shutdown-grace}; a job still running after it is released at once, back to
 * {@code queued} with no lease and its attempt not spent, and another worker finishes it. The lease in these tests
 * is ten minutes, so its expiry (orphan recovery) cannot be what re-queues the job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String LONG_LEASE = "600";
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    /** The next test classes get an ordinary worker again. */
    @AfterAll
    static void ordinaryWorker() throws Exception {
        arca.replaceWorker(Map.of());
    }

    /**
     * The backup is provably still running when the grace ends: its dump waits for a lock the test holds on one of the
     * source's tables (a backup stalled on its source, the case the grace cannot cover). The test lets go of the lock
     * only once the worker said it stops the job, so the dump goes on into a stopped job and nothing can complete it.
     * (Timing the signal against a backup that moves data was tried first: on a quiet machine the whole backup
     * sometimes finished within the 2 s grace.)
     */
    @Test
    @Order(1)
    void backupStillRunningAfterTheGraceIsReleasedAtOnceAndCompletedByAnotherWorker() throws Exception {
        LargeDatabase large = LargeDatabase.of(arca);
        ServiceProcess worker = arca.replaceWorker(Map.of("ARCA_WORKER_SHUTDOWN_GRACE", "2s",
                "ARCA_JOBS_LEASE_SECONDS", LONG_LEASE));
        ArcaClient api = arca.client();
        UUID backupId;
        String firstWorker;
        try (Connection blocker = arca.databases.connect(large.name)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table pgbench_branches in access exclusive mode");
            }
            int blockerPid = backendPid(blocker);
            backupId = api.requestBackup(large.sourceId, ArcaClient.ZSTD_ENCRYPTED);
            awaitCatalog("a session of the dump waits for the test's lock", "t",
                    () -> arca.catalogText("select count(*) > 0 from pg_stat_activity where datname = ? "
                            + "and ? = any(pg_blocking_pids(pid))", large.name, blockerPid));
            assertThat(api.backup(backupId).getString("state")).isEqualTo("running");
            firstWorker = arca.catalogText("select worker_id from backups where id = ?", backupId);
            assertThat(arca.catalogText("select lease_expires_at > now() + interval '5 minutes' from backups "
                    + "where id = ?", backupId)).as("the lease cannot expire during the test").isEqualTo("t");

            worker.signalTerm();
            awaitCatalog("the worker's log says the grace is over", "true", () -> String.valueOf(
                    worker.logContains("shutdown: grace of 2 s over; stopping and releasing 1 job(s)")));
            blocker.rollback();
        }
        // released: queued, same attempt, no worker, no lease - long before the ten-minute lease could expire
        awaitCatalog("state/attempt/worker/lease of the backup", "queued/1/true/true",
                () -> arca.catalogText("select state || '/' || attempt || '/' || (worker_id is null) || '/' "
                        + "|| (lease_expires_at is null) from backups where id = ?", backupId));
        assertThat(worker.awaitExit(WAIT)).as("%s exited after SIGTERM", worker.name()).isTrue();
        assertThat(worker.logContains("released: back to queued")).isTrue();
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.requeued' and payload->'data'->>'reason' = 'released'",
                backupId.toString())).isEqualTo("1");
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'jobs' "
                + "and payload->>'jobId' = ?", backupId.toString()))
                .as("the job command: requested, then published again by the release").isEqualTo("2");

        ServiceProcess next = arca.replaceWorker(Map.of());
        JsonPath done = api.awaitBackupCompleted(backupId, Duration.ofMinutes(6));
        assertThat(done.getInt("attempt")).as("a release does not spend an attempt").isEqualTo(1);
        assertThat(arca.catalogText("select worker_id from backups where id = ?", backupId))
                .isNotEqualTo(firstWorker).startsWith(workerIdPrefix(next));
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.completed'", backupId.toString())).isEqualTo("1");

        String target = arca.sources.freshName("term_r");
        UUID restoreId = api.requestRestore(backupId, large.sourceId, target);
        api.awaitRestoreCompleted(restoreId, Duration.ofMinutes(8));
        assertThat(TableChecksums.capture(arca.sources.spec(target))
                .differencesFrom(TableChecksums.capture(arca.sources.spec(large.name)))).isEmpty();
        arca.sources.drop(target);
    }

    /**
     * A job that fits in the grace completes on the worker that got SIGTERM, which exits only afterwards. The backup's
     * dump is held on a lock the test owns, so it is provably still running when the signal arrives.
     */
    @Test
    @Order(2)
    void jobThatFitsInTheGraceCompletesBeforeTheWorkerExits() throws Exception {
        ServiceProcess worker = arca.replaceWorker(Map.of("ARCA_WORKER_SHUTDOWN_GRACE", "5m",
                "ARCA_JOBS_LEASE_SECONDS", LONG_LEASE));
        String database = arca.sources.empty("term_grace");
        arca.sources.execute(database, "create table items (id int primary key, note text); "
                + "insert into items select g, md5(g::text) from generate_series(1, 20000) g");
        ArcaClient api = arca.client();
        UUID sourceId = api.createSource(arca.env, database);
        UUID backupId;
        try (Connection blocker = arca.databases.connect(database)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table items in access exclusive mode");
            }
            int blockerPid = backendPid(blocker);
            backupId = api.requestBackup(sourceId, ArcaClient.GZIP_PLAIN);
            awaitCatalog("a session of the dump waits for the test's lock", "t",
                    () -> arca.catalogText("select count(*) > 0 from pg_stat_activity where datname = ? "
                            + "and ? = any(pg_blocking_pids(pid))", database, blockerPid));
            assertThat(api.backup(backupId).getString("state")).isEqualTo("running");

            worker.signalTerm();
            awaitCatalog("the worker's log says it waits for its running job", "true",
                    () -> String.valueOf(worker.logContains("waiting up to 300 s (arca.worker.shutdown-grace)")));
            assertThat(worker.isAlive()).as("the worker waits for its job instead of exiting").isTrue();
            blocker.rollback();
        }
        assertThat(worker.awaitExit(Duration.ofMinutes(3))).as("%s exited after its job", worker.name()).isTrue();
        assertThat(arca.catalogText("select state || '/' || attempt from backups where id = ?", backupId))
                .as("when the worker has exited").isEqualTo("completed/1");
        assertThat(arca.catalogText("select worker_id from backups where id = ?", backupId))
                .startsWith(workerIdPrefix(worker));
        assertThat(arca.catalogText("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' = 'backup.requeued'", backupId.toString())).isEqualTo("0");
        assertThat(worker.logContains("shutdown: every running job finished within the grace")).isTrue();
    }

    /** Worker ids are host name, pid and a random suffix ({@code WorkerIdentity}): the pid tells the process. */
    private static String workerIdPrefix(ServiceProcess worker) throws Exception {
        return InetAddress.getLocalHost().getHostName() + "-" + worker.pid() + "-";
    }

    private static void awaitCatalog(String what, String expected, Callable<String> value) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String seen = value.call();
        while (!expected.equals(seen) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            seen = value.call();
        }
        assertThat(seen).as("%s within %d s", what, WAIT.toSeconds()).isEqualTo(expected);
    }

    private static int backendPid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
