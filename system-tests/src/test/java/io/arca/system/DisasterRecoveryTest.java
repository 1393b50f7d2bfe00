package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.cli.ExitCode;
import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.SampleDatabase;
import io.arca.pg.verify.TableChecksums;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team lost its Arca deployment: the services are gone and the catalog database is dropped; what is left is the
 * bucket and the master key. {@code arca repo} (no API, no catalog, no Kafka) lists the backup, verifies it, restores
 * it into a database equal to the source table by table, and writes a plain SQL script that psql loads into an equal
 * database. A wrong master key is refused before anything is created; a damaged chunk is found.
 * Runs on a dedicated system (its own catalog and bucket), so the shared one is untouched.
 */
class DisasterRecoveryTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ArcaSystem shared;
    private static ArcaSystem lost;
    private static String database;
    private static UUID backupId;
    private static DatabaseFingerprint original;
    private static Cli repo;

    @BeforeAll
    static void backUpThenLoseTheDeployment() throws Exception {
        shared = ArcaSystem.shared();
        lost = ArcaSystem.startDedicated();
        ArcaClient tenant = lost.client().createTenant("dr-" + UUID.randomUUID().toString().substring(0, 6));
        database = shared.sources.sample();
        original = TableChecksums.capture(shared.sources.spec(database));
        UUID source = tenant.createSource(lost.env, database);
        backupId = tenant.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
        tenant.awaitBackupCompleted(backupId, WAIT);

        lost.stopServices();
        lost.dropCatalog();
        assertThat(lost.catalogExists()).isFalse();

        repo = Cli.of(shared, "unused").withEnv("ARCA_URL", null).withEnv("ARCA_API_KEY", null)
                .withEnv("ARCA_S3_ENDPOINT", lost.env.s3Endpoint()).withEnv("ARCA_S3_BUCKET", lost.bucket)
                .withEnv("ARCA_S3_REGION", lost.env.s3Region()).withEnv("ARCA_S3_ACCESS_KEY", lost.env.s3AccessKey())
                .withEnv("ARCA_S3_SECRET_KEY", lost.env.s3SecretKey()).withEnv("ARCA_MASTER_KEY", lost.masterKey())
                .withEnv("PGPASSWORD", lost.env.pgPassword());
    }

    @AfterAll
    static void cleanUp() {
        if (lost != null) {
            lost.destroy();
        }
    }

    @Test
    void listsVerifiesRestoresAndDumpsFromTheBucketAlone() throws Exception {
        Cli.Result ls = repo.run("repo", "ls", "-o", "json");
        assertThat(ls.exit()).as(ls.toString()).isZero();
        JsonNode listed = find(ls.json(), backupId.toString());
        assertThat(listed.path("source").asText()).isEqualTo(database);
        assertThat(listed.path("tenantName").asText()).startsWith("dr-");
        assertThat(listed.path("encrypted").asBoolean()).isTrue();
        assertThat(listed.path("tables").asInt()).isPositive();
        assertThat(listed.path("logicalSize").asLong()).isGreaterThan(8L << 20);
        Cli.Result table = repo.run("repo", "ls");
        assertThat(table.out()).contains("SOURCE").contains(backupId.toString()).contains(database);

        Cli.Result verify = repo.run("repo", "verify", backupId.toString());
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.out()).containsPattern("ok:\\s+true");

        String restored = shared.sources.freshName(database + "_dr");
        Cli.Result restore = repo.run("repo", "restore", backupId.toString(), "--to", target(restored));
        assertThat(restore.exit()).as(restore.toString()).isZero();
        DatabaseFingerprint copy = TableChecksums.capture(shared.sources.spec(restored));
        assertThat(copy.differencesFrom(original)).as("repo restore vs original").isEmpty();
        assertThat(copy.tables()).containsKey(SampleDatabase.WEIRD_SCHEMA + "." + SampleDatabase.WEIRD_TABLE);

        // the same command again, after someone started using the database: refused, nothing dropped or changed
        shared.sources.execute(restored, "create table written_since (id int); insert into written_since values (1)");
        Cli.Result again = repo.run("repo", "restore", backupId.toString(), "--to", target(restored));
        assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCode.JOB_FAILED);
        assertThat(again.err()).contains("left as it was");
        assertThat(shared.sources.count(restored, "select count(*) from written_since")).isEqualTo(1);
        assertThat(TableChecksums.capture(shared.sources.spec(restored)).differencesFrom(original))
                .as("after the refused second restore").hasSize(1).allMatch(d -> d.contains("written_since"));

        Path sql = Files.createTempDirectory("arca-dr").resolve("backup.sql");
        Cli.Result dump = repo.run("repo", "dump", backupId.toString(), "--format", "sql", "-o", sql.toString());
        assertThat(dump.exit()).as(dump.toString()).isZero();
        assertThat(sql.resolveSibling("backup.sql.part")).doesNotExist();
        String fromSql = shared.sources.empty("dr_sql");
        shared.sources.load(fromSql, sql);
        assertThat(TableChecksums.capture(shared.sources.spec(fromSql)).differencesFrom(original))
                .as("psql of repo dump vs original").isEmpty();
    }

    @Test
    void aWrongMasterKeyIsRefusedBeforeAnythingIsCreated() throws Exception {
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        String target = shared.sources.freshName("dr_wrong_key");
        Cli.Result restore = repo.withEnv("ARCA_MASTER_KEY", Base64.getEncoder().encodeToString(other))
                .run("repo", "restore", backupId.toString(), "--to", target(target));
        assertThat(restore.exit()).as(restore.toString()).isEqualTo(ExitCode.AUTH);
        assertThat(restore.err()).contains("cannot unwrap tenant key");
        assertThat(shared.sources.count("postgres", "select count(*) from pg_database where datname = '"
                + target + "'")).isZero();

        Cli.Result none = repo.withEnv("ARCA_MASTER_KEY", null).run("repo", "ls");
        assertThat(none.exit()).as(none.toString()).isEqualTo(ExitCode.AUTH);
        assertThat(none.err()).contains("ARCA_MASTER_KEY");
        Cli.Result malformed = repo.withEnv("ARCA_MASTER_KEY", "not-a-key").run("repo", "ls");
        assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(malformed.err()).contains("master key is not valid");
    }

    @Test
    void badInputsGetClearAnswers() {
        Cli.Result unknown = repo.run("repo", "verify", UUID.randomUUID().toString());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(unknown.err()).contains("no backup");
        Cli.Result noBucket = repo.withEnv("ARCA_S3_BUCKET", null).run("repo", "ls");
        assertThat(noBucket.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noBucket.err()).contains("ARCA_S3_BUCKET").contains("--bucket");
        Cli.Result badTarget = repo.run("repo", "restore", backupId.toString(), "--to", "mysql://x/y");
        assertThat(badTarget.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badTarget.err()).contains("postgresql://user@host:port/database");
        Cli.Result unreachable = repo.withEnv("ARCA_S3_ENDPOINT", "http://127.0.0.1:1").run("repo", "ls");
        assertThat(unreachable.exit()).as(unreachable.toString()).isEqualTo(ExitCode.SERVER);
    }

    /** Damages one chunk (one flipped bit: its AES-GCM tag fails), then puts it back for the other tests. */
    @Test
    void aDamagedChunkIsFoundByVerify() {
        String chunk = lost.objectKeys("tenants/").stream().filter(k -> k.contains("/chunks/")).findFirst()
                .orElseThrow();
        byte[] intact = lost.object(chunk);
        byte[] damaged = intact.clone();
        damaged[damaged.length - 1] ^= 0x01;
        lost.putObject(chunk, damaged);
        try {
            Cli.Result verify = repo.run("repo", "verify", backupId.toString());
            assertThat(verify.exit()).as(verify.toString()).isEqualTo(ExitCode.JOB_FAILED);
            assertThat(verify.err()).contains("authentication-failed")
                    .contains(chunk.substring(chunk.lastIndexOf('/') + 1));
        } finally {
            lost.putObject(chunk, intact);
        }
    }

    private static String target(String db) {
        return "postgresql://" + lost.env.pgUser() + "@" + lost.env.pgHost() + ":" + lost.env.pgPort() + "/" + db;
    }

    private static JsonNode find(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (id.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("backup " + id + " not in " + items);
    }
}
