package io.arca.worker.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.archive.store.ObjectStore;
import io.arca.common.crypto.SealingContexts;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Backups through the real topic, catalog, source database and bucket. */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class BackupJobTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectStore store;
    @Inject
    MeterRegistry metrics;

    @Test
    void backupCompletesWithResultsEventsAndManifestAndARepeatedMessageChangesNothing() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(20_000));
        UUID backup = f.pendingBackup(source, "{\"type\":\"full\",\"compression\":{\"algorithm\":\"zstd\",\"level\":3}}");
        String message = Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1);
        f.publish(source.toString(), message);

        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, backup)).isEqualTo("completed");
        assertThat(f.text("select tables_done || '/' || tables_total from backups where id = ?", backup)).isEqualTo("2/2");
        assertThat(f.text("select (logical_size > 0 and stored_size > 0 and new_bytes > 0 and bytes_read > 0 "
                + "and manifest_sha256 ~ '^[0-9a-f]{64}$' and server_version like '15%' and error is null "
                + "and finished_at >= started_at and phase = 'done')::text from backups where id = ?", backup)).isEqualTo("true");
        assertThat(f.text("select table_stats->'public.customers'->>'rows' from backups where id = ?", backup)).isEqualTo("20000");
        assertThat(f.text("select table_stats->'public.orders'->>'rows' from backups where id = ?", backup)).isEqualTo("40000");
        String manifestKey = f.text("select manifest_key from backups where id = ?", backup);
        assertThat(store.exists(manifestKey)).isTrue();
        assertThat(f.text("select string_agg(payload->>'type', ',' order by id) from outbox where stream = 'events' "
                + "and message_key = ? and payload->>'type' <> 'backup.progress'", backup.toString()))
                .isEqualTo("backup.started,backup.completed");
        assertThat(Long.parseLong(f.text("select count(*) from backup_chunks where backup_id = ?", backup))).isPositive();

        // the same message again (at-least-once delivery): once the worker has handled it, nothing has changed
        String version = f.text("select version from backups where id = ?", backup);
        Map<String, Double> before = messageCounts();
        f.publish(source.toString(), message);
        assertThat(awaitNextMessageResult(before)).isEqualTo("not_claimable");
        assertThat(f.text("select version from backups where id = ?", backup)).isEqualTo(version);
        assertThat(f.text("select count(*) from outbox where stream = 'events' and message_key = ? "
                + "and payload->>'type' <> 'backup.progress'", backup.toString())).isEqualTo("2");
    }

    /** {@code arca.jobs.messages}, the worker's count of handled job messages, by result. */
    private Map<String, Double> messageCounts() {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : metrics.find("arca.jobs.messages").counters()) {
            counts.merge(c.getId().getTag("result"), c.count(), Double::sum);
        }
        return counts;
    }

    /** Waits until the worker has handled one more job message; returns that message's result. */
    private String awaitNextMessageResult(Map<String, Double> before) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Double> now = messageCounts();
            for (Map.Entry<String, Double> e : now.entrySet()) {
                if (e.getValue() > before.getOrDefault(e.getKey(), 0.0)) {
                    return e.getKey();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the worker handled no job message within " + WAIT.toSeconds() + " s");
    }

    @Test
    void secondBackupOfAnUnchangedDatabaseStoresAlmostNothingNew() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(50_000));
        UUID first = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(first, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, first)).isEqualTo("completed");
        UUID second = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(second, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, second)).isEqualTo("completed");

        long firstNew = Long.parseLong(f.text("select new_bytes from backups where id = ?", first));
        long secondNew = Long.parseLong(f.text("select new_bytes from backups where id = ?", second));
        // only the schema entries (pg_dump writes a random \restrict token) and the dump plan may be new
        assertThat(secondNew).isLessThan(firstNew / 50);
        assertThat(Double.parseDouble(f.text("select dedup_ratio from backups where id = ?", second))).isGreaterThan(0.9);
    }

    @Test
    void wrongPasswordFailsWithAuthFailedAndANewAttemptSucceedsOnceItIsFixed() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(10), "not-the-password", f.env.pgPort());
        UUID backup = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));

        assertThat(f.await("select state from backups where id = ?", "failed", WAIT, backup)).isEqualTo("failed");
        assertThat(f.text("select error from backups where id = ?", backup)).startsWith("auth-failed: ")
                .doesNotContain("not-the-password");
        assertThat(f.text("select manifest_key from backups where id = ?", backup)).isNull();
        assertThat(f.text("select payload->>'type' from outbox where stream = 'events' and message_key = ? "
                + "order by id desc limit 1", backup.toString())).isEqualTo("backup.failed");

        // the cause goes away (the source gets the right password): a new attempt succeeds
        f.exec("update sources set password_sealed = ? where id = ?", Fixtures.SEALER.seal(
                f.env.pgPassword().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                SealingContexts.sourcePassword(source)), source);
        UUID retry = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(retry, "backup", f.tenantId, source, 1));
        assertThat(f.await("select state from backups where id = ?", "completed", WAIT, retry)).isEqualTo("completed");
    }

    @Test
    void unreachableSourceFailsWithSourceUnreachable() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source("nowhere", "x", 1);
        UUID backup = f.pendingBackup(source, "{}");
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));

        assertThat(f.await("select state from backups where id = ?", "failed", WAIT, backup)).isEqualTo("failed");
        assertThat(f.text("select error from backups where id = ?", backup)).startsWith("source-unreachable: ");
    }
    /**
     * A backup with {@code database_name} (a safety backup of a restore target) dumps that database on its source's
     * server, not the source's own: restored, it equals that database table by table, and not the source's.
     */
    @Test
    void aBackupWithADatabaseNameDumpsThatDatabaseOfTheSourcesServer() throws Exception {
        Fixtures f = new Fixtures(db);
        String own = f.sourceDatabase(1_000);
        String other = f.sourceDatabase(300);
        try (Connection c = new TestDatabases(f.env).connect(other); Statement s = c.createStatement()) {
            s.execute("update customers set note = 'changed in the other database' where id % 10 = 0");
        }
        UUID source = f.source(own);
        UUID backup = f.pendingBackup(source, "{}");
        f.exec("update backups set origin = 'safety', database_name = ? where id = ?", other, backup);
        f.publish(source.toString(), Fixtures.jobMessage(backup, "backup", f.tenantId, source, 1));
        assertThat(f.await("select coalesce(error, state) from backups where id = ?", "completed", WAIT, backup))
                .isEqualTo("completed");

        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        UUID restore = f.pendingRestore(backup, source, target);
        f.publish(source.toString(), Fixtures.jobMessage(restore, "restore", f.tenantId, source, 1));
        try {
            assertThat(f.await("select coalesce(error, state) from restores where id = ?", "completed", WAIT,
                    restore)).isEqualTo("completed");
            DatabaseFingerprint restored = TableChecksums.capture(f.spec(target));
            assertThat(restored.differencesFrom(TableChecksums.capture(f.spec(other)))).isEmpty();
            assertThat(restored.differencesFrom(TableChecksums.capture(f.spec(own)))).isNotEmpty();
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }
}
