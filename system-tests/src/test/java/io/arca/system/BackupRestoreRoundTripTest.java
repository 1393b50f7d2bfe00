package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Backup and full restore through the whole system (API, outbox relay, Kafka, worker, bucket, catalog): the
 * restored database has the same rows as the original, table by table ({@link TableChecksums}).
 */
class BackupRestoreRoundTripTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void sampleDatabaseZstdEncrypted() throws Exception {
        String database = arca.sources.sample();
        JsonPath backup = roundTrip(database, ArcaClient.ZSTD_ENCRYPTED);
        assertThat(backup.getString("options.compression.algorithm")).isEqualTo("zstd");
        assertThat(backup.getInt("options.compression.level")).isEqualTo(3);
        assertThat(backup.getBoolean("options.encrypt")).isTrue();
        // the sample holds one 8 MiB bytea value; COPY text doubles it (hex)
        assertThat(backup.getLong("result.logicalSize")).isGreaterThan(8L << 20);
    }

    @Test
    void sampleDatabaseGzipUnencrypted() throws Exception {
        String database = arca.sources.sample();
        JsonPath backup = roundTrip(database, ArcaClient.GZIP_PLAIN);
        assertThat(backup.getString("options.compression.algorithm")).isEqualTo("gzip");
        assertThat(backup.getBoolean("options.encrypt")).isFalse();
    }

    @Test
    void pagilaZstdEncrypted() throws Exception {
        roundTrip(arca.sources.pagila(), ArcaClient.ZSTD_ENCRYPTED);
    }

    /** Backs up {@code database}, checks the result, restores it into a new database and compares checksums. */
    private JsonPath roundTrip(String database, String options) throws Exception {
        ArcaClient api = arca.client();
        UUID source = api.createSource(arca.env, database);
        DatabaseFingerprint original = TableChecksums.capture(arca.sources.spec(database));

        UUID backupId = api.requestBackup(source, options);
        JsonPath backup = api.awaitBackupCompleted(backupId, WAIT);
        assertResult(backup, backupId);

        String target = arca.sources.freshName(database + "_r");
        UUID restoreId = api.requestRestore(backupId, source, target);
        JsonPath restore = api.awaitRestoreCompleted(restoreId, WAIT);
        assertThat(restore.getString("backupId")).isEqualTo(backupId.toString());
        assertThat(restore.getString("target.database")).isEqualTo(target);
        assertThat(restore.getInt("progress.tablesDone")).isEqualTo(restore.getInt("progress.tablesTotal"));

        DatabaseFingerprint copy = TableChecksums.capture(arca.sources.spec(target));
        assertThat(original.tables()).isNotEmpty();
        assertThat(copy.differencesFrom(original)).as("restored %s vs original %s", target, database).isEmpty();
        if (database.startsWith("sample")) {
            // fingerprint keys are schema.table, unquoted
            assertThat(copy.tables()).containsKey(SampleDatabase.WEIRD_SCHEMA + "." + SampleDatabase.WEIRD_TABLE);
        }
        System.out.printf("round trip %s (%s): logical %d, stored %d, new %d bytes%n", database, options,
                backup.getLong("result.logicalSize"), backup.getLong("result.storedSize"),
                backup.getLong("result.newBytes"));
        arca.sources.drop(target);
        arca.sources.drop(database);
        return backup;
    }

    private static void assertResult(JsonPath backup, UUID id) {
        assertThat(backup.getString("state")).isEqualTo("completed");
        assertThat(backup.getString("type")).isEqualTo("full");
        assertThat(backup.getInt("attempt")).isEqualTo(1);
        assertThat(backup.getString("error")).isNull();
        assertThat(backup.getString("finishedAt")).isNotNull();
        assertThat(backup.getLong("result.logicalSize")).isPositive();
        assertThat(backup.getLong("result.storedSize")).isPositive();
        assertThat(backup.getLong("result.newBytes")).isPositive();
        assertThat(backup.getDouble("result.dedupRatio")).isBetween(0.0, 1.0);
        assertThat(backup.getString("result.serverVersion")).matches("\\d+.*");
        assertThat(backup.getString("result.manifestKey")).matches("tenants/[0-9a-f-]{36}/backups/" + id + "/manifest");
        assertThat(backup.getInt("progress.tablesTotal")).isPositive();
        assertThat(backup.getInt("progress.tablesDone")).isEqualTo(backup.getInt("progress.tablesTotal"));
        assertThat(backup.getLong("progress.chunksNew")).isPositive();
    }
}
