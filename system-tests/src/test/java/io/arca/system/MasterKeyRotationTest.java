package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A master key rotation through the whole system (docs/operations.md, "Master key rotation"): a backup taken under key
 * A; every service restarted with B current and A previous; the old backup restores and a new one runs (the source
 * password sealed under A still opens); the re-wrap leaves nothing on A; with A retired both backups restore, equal to
 * the source table by table; a worker holding only a key nobody sealed with fails its jobs with reasons that say so.
 */
class MasterKeyRotationTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final String NO_LONGER_HAS = "sealed under a master key this deployment no longer has";
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void backupsTakenBeforeAndAfterARotationRestoreOnceTheOldKeyIsRetired() throws Exception {
        ArcaClient api = arca.client().createTenant("keys-" + arca.runId);
        String database = arca.sources.demo();
        UUID source = api.createSource(arca.env, database);
        DatabaseFingerprint original = TableChecksums.capture(arca.sources.spec(database));
        UUID first = UUID.fromString(api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, WAIT).getString("id"));

        String keyA = arca.masterKey();
        String keyB = randomKey();
        boolean retired = false;
        try {
            arca.restartWithMasterKeys(keyB, List.of(keyA));
            restoreAndCompare(api, first, source, original, "under B with A previous");
            UUID second = UUID.fromString(api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, WAIT)
                    .getString("id"));

            JsonPath before = masterKey("get", "");
            assertThat(before.getList("previousKeys")).hasSize(1);
            assertThat(kind(before, "source-password", "onPreviousKey")).isPositive();
            assertThat(kind(before, "tenant-key", "onPreviousKey")).isPositive();
            assertThat(kind(before, "tenant-key-object", "onPreviousKey")).isPositive();
            assertThat(before.getBoolean("previousKeysRetirable")).isFalse();
            JsonPath rewrap = masterKey("post", "/rewrap");
            assertThat(rewrap.getLong("rewrapped")).isEqualTo(before.getLong("onPreviousKeys"));
            assertThat(rewrap.getLong("unreadable")).isZero();
            JsonPath after = masterKey("get", "");
            assertThat(after.getLong("onPreviousKeys")).isZero();
            assertThat(after.getBoolean("previousKeysRetirable")).isTrue();

            arca.restartWithMasterKeys(keyB, List.of());
            retired = true;
            JsonPath withoutA = masterKey("get", "");
            assertThat(withoutA.getList("previousKeys")).isEmpty();
            assertThat(withoutA.getLong("onPreviousKeys")).isZero();
            assertThat(withoutA.getLong("unreadable")).isZero();
            restoreAndCompare(api, first, source, original, "backup #1 with A retired");
            restoreAndCompare(api, second, source, original, "backup #2 with A retired");

            aWorkerWithOnlyAWrongKeyFailsWithAClearReason(api, source, first);
        } finally {
            if (!retired) {
                // leave the shared system in a state that opens everything the other tests stored
                arca.restartWithMasterKeys(keyB, List.of(keyA));
            }
        }
        arca.sources.drop(database);
    }

    private static void aWorkerWithOnlyAWrongKeyFailsWithAClearReason(ArcaClient api, UUID source, UUID backup)
            throws Exception {
        arca.replaceWorker(Map.of("ARCA_SECURITY_MASTER_KEY", randomKey()));
        try {
            // the source password does not open: the backup fails before it reads anything
            UUID third = api.requestBackup(source, ArcaClient.ZSTD_ENCRYPTED);
            JsonPath failed = api.awaitBackup(third, view -> false, WAIT);
            assertThat(failed.getString("state")).isEqualTo("failed");
            assertThat(failed.getString("error")).startsWith("credentials-unreadable: ").contains(NO_LONGER_HAS);
            // the data key does not unwrap: a verification fails as such (it does not call the backup damaged)
            Response accepted = api.request().body(Map.of("deep", false)).post("/api/v1/backups/" + backup + "/verify");
            assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
            JsonPath verification = awaitTerminal(api, "/api/v1/verifications/" + accepted.path("id"));
            assertThat(verification.getString("state")).as(verification.prettify()).isEqualTo("failed");
            assertThat(verification.getString("error")).startsWith("key-unavailable: ").contains(NO_LONGER_HAS);
            assertThat(api.backup(backup).getBoolean("corrupted")).isFalse();
        } finally {
            arca.replaceWorker(Map.of());
        }
    }

    private static void restoreAndCompare(ArcaClient api, UUID backup, UUID source, DatabaseFingerprint original,
            String when) throws Exception {
        String target = arca.sources.freshName("keys_r");
        api.awaitRestoreCompleted(api.requestRestore(backup, source, target), WAIT);
        DatabaseFingerprint copy = TableChecksums.capture(arca.sources.spec(target));
        assertThat(original.tables()).isNotEmpty();
        assertThat(copy.differencesFrom(original)).as("restore of %s %s", backup, when).isEmpty();
        arca.sources.drop(target);
    }

    private static JsonPath masterKey(String method, String path) {
        Response response = arca.client().request().request(method, "/api/v1/admin/master-key" + path);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    private static long kind(JsonPath report, String kind, String field) {
        return report.getLong("kinds.find { it.kind == '" + kind + "' }." + field);
    }

    private static JsonPath awaitTerminal(ArcaClient api, String path) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonPath view = api.request().get(path).jsonPath();
        while (!List.of("completed", "failed", "cancelled").contains(view.getString("state"))
                && System.nanoTime() < deadline) {
            Thread.sleep(300);
            view = api.request().get(path).jsonPath();
        }
        return view;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
