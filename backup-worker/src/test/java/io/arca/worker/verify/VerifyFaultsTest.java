package io.arca.worker.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.arca.archive.store.ObjectStore;
import io.arca.archive.store.ObjectStoreException;
import io.arca.archive.store.RetryingObjectStore;
import io.arca.archive.store.S3ObjectStore;
import io.arca.pg.PgConnectionSpec;
import io.arca.storage.StorageConfig;
import io.arca.testing.ArcaInfraTestResource;
import io.arca.worker.Fixtures;
import io.arca.worker.storage.DelegatingObjectStore;
import io.minio.MinioClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verifications that meet a fault outside the backup: a restore into the scratch database that differs from the
 * backup (a test hook alters restored rows), and an object store that stops answering for chunks.
 */
@QuarkusTest
@TestProfile(VerifyFaultsTest.Faults.class)
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
class VerifyFaultsTest {
    /** SQL run in every scratch database after its restore (null: none). */
    static volatile String tamper;
    /** Keys the object store fails to read, as a transient outage (null: none). */
    static volatile Predicate<String> unavailable;

    public static class Faults implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FaultyStoreProducer.class, TamperingHook.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class FaultyStoreProducer {
        @Produces
        @ApplicationScoped
        ObjectStore store(MinioClient client, StorageConfig config) {
            ObjectStore s3 = new S3ObjectStore(client, config.bucket());
            return new RetryingObjectStore(new DelegatingObjectStore(s3) {
                @Override
                public byte[] get(String key) {
                    Predicate<String> down = unavailable;
                    if (down != null && down.test(key)) {
                        throw new ObjectStoreException("S3 get " + key + " failed: 503 SlowDown (test)", true, null);
                    }
                    return super.get(key);
                }
            }, new RetryingObjectStore.RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        }
    }

    @Alternative
    @ApplicationScoped
    public static class TamperingHook implements ScratchDatabaseHook {
        @Override
        public void restored(PgConnectionSpec scratch) throws Exception {
            String sql = tamper;
            if (sql != null) {
                try (Connection c = DriverManager.getConnection(scratch.jdbcUrl(), scratch.jdbcProperties());
                     Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
        }
    }

    @Inject
    AgroalDataSource db;

    @AfterEach
    void heal() {
        tamper = null;
        unavailable = null;
    }

    @Test
    void aDeepVerifyWhoseRestoreDiffersReportsRestoreMismatchAndProvesNothing() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(2_000));
        UUID backup = f.completedBackup(source, "{}");
        tamper = "update public.customers set name = name || '!' where id = 7; delete from public.orders where id = 3";
        UUID verification = f.pendingVerification(backup, true, source);
        assertThat(VerifyJobTest.verify(f, backup, verification, source)).isEqualTo("completed");

        JsonNode v = VerifyJobTest.json(f, "select verification::text from backups where id = ?", backup);
        assertThat(v.path("state").asText()).isEqualTo("restore-mismatch");
        assertThat(v.path("restorable").asBoolean(true)).isFalse();
        assertThat(v.path("problems")).hasSize(2);
        for (JsonNode p : v.path("problems")) {
            assertThat(p.path("reason").asText()).isEqualTo("restore-mismatch");
            assertThat(p.path("chunk").isNull()).isTrue();
        }
        JsonNode customers = table(v, "customers");
        assertThat(customers.path("checksumMatch").asBoolean()).isFalse();
        assertThat(customers.path("restoredRows").asLong()).isEqualTo(2_000).isEqualTo(customers.path("rows").asLong());
        JsonNode orders = table(v, "orders");
        assertThat(orders.path("rows").asLong()).isEqualTo(4_000);
        assertThat(orders.path("restoredRows").asLong()).isEqualTo(3_999);
        assertThat(f.text("select concat_ws('/', result, corrupted::text, (proven_restorable_at is null)::text) "
                + "from verifications v join backups b on b.id = v.backup_id where v.id = ?", verification))
                .isEqualTo("restore-mismatch/false/true");
        assertThat(f.text("select (last_proven_restorable_at is null)::text from sources where id = ?", source))
                .isEqualTo("true");
        assertThat(f.text("select count(*)::text from pg_database where datname = ?",
                VerifyJobTest.scratchName(verification))).isEqualTo("0");
    }

    private static JsonNode table(JsonNode verification, String name) {
        for (JsonNode t : verification.path("tables")) {
            if (name.equals(t.path("table").asText())) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + verification);
    }

    @Test
    void anObjectStoreOutageFailsTheVerifyAndLeavesTheBackupAlone() throws Exception {
        Fixtures f = new Fixtures(db);
        UUID source = f.source(f.sourceDatabase(1_000));
        UUID backup = f.completedBackup(source, "{}");
        unavailable = key -> key.contains("/chunks/");
        UUID verification = f.pendingVerification(backup, false, null);
        assertThat(VerifyJobTest.verify(f, backup, verification, source)).isEqualTo("failed");

        assertThat(f.text("select error from verifications where id = ?", verification))
                .startsWith("object-store-unavailable: ").contains("503 SlowDown");
        assertThat(f.text("select concat_ws('/', (v.result is null)::text, (b.verification is null)::text, "
                + "b.corrupted::text, (b.verified_at is null)::text) from verifications v "
                + "join backups b on b.id = v.backup_id where v.id = ?", verification))
                .isEqualTo("true/true/false/true");
    }
}
