package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.arca.jobs.OrphanedJobs;
import io.arca.pg.verify.TableChecksums;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.TestDatabases;
import io.arca.worker.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A restore linked to a safety backup ({@code restores.safety_backup_id}) touches nothing before that backup has
 * completed: it waits in the queue while the backup runs, fails clearly when the backup failed, and once it has run
 * past that point, any failure says where the safety backup is and how to restore it.
 */
@QuarkusTest
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class SafetyBackupGateTest {
    @Inject
    AgroalDataSource db;
    @Inject
    OrphanedJobs orphans;

    /** A safety backup row of {@code database} on the source's server, in {@code state}. */
    private static UUID safetyBackup(Fixtures f, UUID source, String database, String state) throws Exception {
        UUID id = f.pendingBackup(source, "{}");
        f.exec("update backups set origin = 'safety', database_name = ?, state = ? where id = ?", database, state, id);
        return id;
    }

    @Test
    void theRestoreWaitsWithoutUsingAttemptsUntilItsSafetyBackupCompletesThenRestores() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        String sourceDb = f.sourceDatabase(1_000);
        UUID source = f.source(sourceDb);
        UUID backup = f.completedBackup(source, "{}");
        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        UUID safety = safetyBackup(f, source, target, "running");
        UUID restore = restores.pending(backup, source, target, "{}", false);
        f.exec("update restores set safety_backup_id = ? where id = ?", safety, restore);
        try {
            assertThat(restores.run(restore, 1)).isEqualTo("deferred");
            assertThat(f.text("select concat_ws('/', state, attempt, phase) from restores where id = ?", restore))
                    .isEqualTo("queued/1/" + SafetyBackupGate.WAITING);
            assertThat(f.text("select payload->'data'->>'reason' from outbox where message_key = ? "
                    + "and payload->>'type' = 'restore.deferred'", restore.toString()))
                    .isEqualTo("safety backup " + safety + " of the target is running; the restore starts once it "
                            + "has completed");
            assertThat(f.text("select count(*)::text from pg_database where datname = ?", target))
                    .as("nothing created while waiting").isEqualTo("0");

            f.exec("update backups set state = 'completed' where id = ?", safety);
            assertThat(restores.republishWhenDue(orphans, restore)).isEqualTo("completed");
            assertThat(f.text("select attempt from restores where id = ?", restore)).isEqualTo("1");
            assertThat(TableChecksums.capture(f.spec(target))
                    .differencesFrom(TableChecksums.capture(f.spec(sourceDb)))).isEmpty();
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }

    /** A safety backup that completes while the claimed restore looks again in place: no trip through the queue. */
    @Test
    void aSafetyBackupCompletingWithinTheInlineWaitLetsTheRestoreGoOnAtOnce() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        String sourceDb = f.sourceDatabase(100);
        UUID source = f.source(sourceDb);
        UUID backup = f.completedBackup(source, "{}");
        String target = "restored_" + UUID.randomUUID().toString().substring(0, 8);
        UUID safety = safetyBackup(f, source, target, "running");
        UUID restore = restores.pending(backup, source, target, "{}", false);
        f.exec("update restores set safety_backup_id = ? where id = ?", safety, restore);
        Thread completer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(SafetyBackupGate.INLINE_WAIT.toMillis() / 5);
                f.exec("update backups set state = 'completed' where id = ?", safety);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(restores.run(restore, 1)).isEqualTo("completed");
            assertThat(f.text("select count(*)::text from outbox where message_key = ? "
                    + "and payload->>'type' = 'restore.deferred'", restore.toString())).isEqualTo("0");
            assertThat(TableChecksums.capture(f.spec(target))
                    .differencesFrom(TableChecksums.capture(f.spec(sourceDb)))).isEmpty();
        } finally {
            completer.join();
            new TestDatabases(f.env).drop(target);
        }
    }

    @Test
    void aFailedSafetyBackupFailsTheRestoreSayingNothingWasOverwritten() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.completedBackup(source, "{}");
        String target = "never_created_" + UUID.randomUUID().toString().substring(0, 8);
        UUID safety = safetyBackup(f, source, target, "failed");
        f.exec("update backups set error = 'source-unreachable: connection refused' where id = ?", safety);
        UUID restore = restores.pending(backup, source, target, "{}", false);
        f.exec("update restores set safety_backup_id = ? where id = ?", safety, restore);

        assertThat(restores.run(restore, 1)).isEqualTo("failed");
        assertThat(f.text("select error from restores where id = ?", restore)).isEqualTo("safety-backup-failed: the "
                + "safety backup " + safety + " of the target failed (source-unreachable: connection refused), so "
                + "the restore did not start: nothing in the target was overwritten. Retry the restore (a new safety "
                + "backup is taken), or request it with safetyBackup: false to go without one");
        assertThat(f.text("select count(*)::text from pg_database where datname = ?", target)).isEqualTo("0");
    }

    @Test
    void aRestoreThatFailsAfterItsSafetyBackupCompletedSaysWhereItIsAndHowToRestoreIt() throws Exception {
        Fixtures f = new Fixtures(db);
        RestoreRows restores = new RestoreRows(f);
        UUID source = f.source(f.sourceDatabase(100));
        UUID backup = f.completedBackup(source, "{}");
        // the target already holds the backup's tables: the restore fails on them
        String target = f.sourceDatabase(10);
        try {
            UUID safety = safetyBackup(f, source, target, "completed");
            UUID restore = restores.pending(backup, source, target, "{}", false);
            f.exec("update restores set safety_backup_id = ? where id = ?", safety, restore);

            assertThat(restores.run(restore, 1)).isEqualTo("failed");
            assertThat(f.text("select error from restores where id = ?", restore)).endsWith("; the target's objects "
                    + "as they were before this restore are in safety backup " + safety + ": to bring them back, POST "
                    + "/api/v1/restores {\"backupId\": \"" + safety + "\", \"target\": {\"sourceId\": \"" + source
                    + "\", \"database\": \"" + target + "\"}, \"dropExisting\": true, \"confirmDataLoss\": true}");
        } finally {
            new TestDatabases(f.env).drop(target);
        }
    }
}
