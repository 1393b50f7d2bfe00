package io.arca.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A worker whose lease is taken over while it runs stops and writes nothing: no chunk, no manifest, no completion,
 * no event. The test never sleeps; each step waits for something it can see in PostgreSQL or the worker's metrics:
 * <ol>
 *   <li>the backup's dump waits for a lock the test holds on a source table, so it is provably running;</li>
 *   <li>the test takes the job over in a transaction it keeps open, so the worker's next lease renewal (an update
 *       of the job row) is seen waiting for that row; the test commits, and the renewal finds the row owned by
 *       someone else - the worker must cancel the job now, while its dump is still stuck;</li>
 *   <li>the test releases the source table and waits until the job has ended ({@code arca.jobs.finished} with
 *       outcome {@code lease-lost}); only then does it look for writes.</li>
 * </ol>
 * No chunk may exist: a worker that ignored the lost lease would dump the tables and store their chunks before
 * its last check (before the manifest) stopped it.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class LeaseLossTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    MeterRegistry metrics;

    @Test
    void workerThatLostItsLeaseStopsWithoutWriting() throws Exception {
        Fixtures f = new Fixtures(db);
        String database = f.sourceDatabase(1_000);
        UUID source = f.source(database);
        UUID backup = f.pendingBackup(source, "{}");
        String tenant = f.tenantId.toString();
        double leaseLostBefore = finishedBackups("lease-lost");

        try (Connection blocker = new TestDatabases(f.env).connect(database); Connection thief = db.getConnection()) {
            blocker.setAutoCommit(false);
            execute(blocker, "lock table customers in access exclusive mode");
            f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));
            assertThat(f.await("select state from backups where id = ?", "running", WAIT, backup)).isEqualTo("running");
            int blockerPid = backendPid(blocker);
            awaitTrue("a session of the dump waits for the test's lock on customers",
                    () -> count(f, "select count(*) from pg_stat_activity where datname = ? "
                            + "and ? = any(pg_blocking_pids(pid))", database, blockerPid) > 0);

            // what the orphan sweep plus another worker would do: a new attempt owned by someone else
            thief.setAutoCommit(false);
            try (PreparedStatement ps = thief.prepareStatement(
                    "update backups set worker_id = 'thief', attempt = 2 where id = ?")) {
                ps.setObject(1, backup);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            int thiefPid = backendPid(thief);
            awaitTrue("the worker renews its lease (lease 6 s, a renewal every 2 s) and waits for the stolen row",
                    () -> count(f, "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                            thiefPid) > 0);
            long renewalPid = count(f, "select min(pid) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                    thiefPid);
            String stolenAt = text(thief, "select clock_timestamp()::text");
            thief.commit();
            thief.setAutoCommit(true);
            // The renewal's transaction is over once its session is idle, has started a later transaction (the
            // pool hands the connection on at once: the worker's outbox relay polls on the same pool), or is gone.
            awaitTrue("the worker's lease renewal, which now matches no row, has committed",
                    () -> "t".equals(f.text("select coalesce(bool_or(state = 'idle' or xact_start > ?::timestamptz), "
                            + "true) from pg_stat_activity where pid = ?", stolenAt, renewalPid)));

            blocker.rollback();
        }
        awaitTrue("the job ends with outcome lease-lost", () -> finishedBackups("lease-lost") > leaseLostBefore);

        assertThat(f.text("select state || '/' || worker_id || '/' || attempt from backups where id = ?", backup))
                .isEqualTo("running/thief/2");
        assertThat(f.text("select manifest_key is null from backups where id = ?", backup)).isEqualTo("t");
        assertThat(store.exists(RepositoryLayout.manifestKey(tenant, backup.toString()))).isFalse();
        assertThat(f.text("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' in ('backup.completed', 'backup.failed')", backup.toString())).isEqualTo("0");
        assertThat(f.text("select count(*) from chunks where tenant_id = ?", f.tenantId))
                .as("chunks recorded after the lease was lost").isEqualTo("0");
        assertThat(f.text("select count(*) from backup_chunks where backup_id = ?", backup)).isEqualTo("0");
        assertThat(objectCount(RepositoryLayout.chunksPrefix(tenant))).as("chunk objects stored").isZero();
        assertThat(objectCount(RepositoryLayout.backupsPrefix(tenant))).as("backup objects stored").isZero();
    }

    private double finishedBackups(String outcome) {
        Counter counter = metrics.find("arca.jobs.finished").tags("kind", "backup", "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private long objectCount(String prefix) {
        try (Stream<?> objects = store.list(prefix)) {
            return objects.count();
        }
    }

    private static void awaitTrue(String what, CheckedCondition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    private static long count(Fixtures f, String sql, Object... params) throws SQLException {
        String value = f.text(sql, params);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
