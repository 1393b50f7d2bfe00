package io.arca.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A worker whose lease is taken over while it runs stops and writes nothing: no manifest, no completion, no event.
 * The backup is held in the middle by a lock the test keeps on a source table, so it is provably running when its
 * lease is stolen (the test lease is 6 s, heartbeats every 2 s).
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class LeaseLossTest {
    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;

    @Test
    void workerThatLostItsLeaseStopsWithoutWriting() throws Exception {
        Fixtures f = new Fixtures(db);
        String database = f.sourceDatabase(1_000);
        UUID source = f.source(database);
        UUID backup = f.pendingBackup(source, "{}");
        try (Connection blocker = new TestDatabases(f.env).connect(database)) {
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.execute("lock table customers in access exclusive mode");
            }
            f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));
            assertThat(f.await("select state from backups where id = ?", "running", Duration.ofSeconds(30), backup))
                    .isEqualTo("running");
            Thread.sleep(1000);

            // what the orphan sweep plus another worker would do: a new attempt owned by someone else
            f.exec("update backups set worker_id = 'thief', attempt = 2 where id = ?", backup);
            Thread.sleep(4000); // > one heartbeat interval: the worker notices and cancels
            blocker.rollback();
        }
        Thread.sleep(5000); // the dump could now run to the end, if the worker had not stopped

        assertThat(f.text("select state || '/' || worker_id || '/' || attempt from backups where id = ?", backup))
                .isEqualTo("running/thief/2");
        assertThat(f.text("select manifest_key is null from backups where id = ?", backup)).isEqualTo("t");
        assertThat(store.exists(RepositoryLayout.manifestKey(f.tenantId.toString(), backup.toString()))).isFalse();
        assertThat(f.text("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' in ('backup.completed', 'backup.failed')", backup.toString())).isEqualTo("0");
    }
}
