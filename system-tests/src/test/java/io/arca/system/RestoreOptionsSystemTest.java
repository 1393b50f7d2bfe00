package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Restores aimed at a running database, through the whole system: selected tables into a database holding others,
 * {@code dropExisting} guarded by {@code confirmDataLoss} with its safety backup, a dry run that changes nothing, and a
 * merge that brings back deleted rows. Runs on pagila (skipped, saying so, when ../shared is absent).
 */
class RestoreOptionsSystemTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ArcaSystem arca;
    private static ArcaClient api;
    private static String pagila;
    private static UUID source;
    private static UUID backup;
    private static DatabaseFingerprint original;

    @BeforeAll
    static void backUpPagila() throws Exception {
        arca = ArcaSystem.shared();
        api = arca.client();
        pagila = arca.sources.pagila();
        source = api.createSource(arca.env, pagila);
        original = TableChecksums.capture(arca.sources.spec(pagila));
        backup = UUID.fromString(api.backupAndAwait(source, ArcaClient.ZSTD_ENCRYPTED, WAIT).getString("id"));
    }

    @Test
    void twoTablesIntoADatabaseHoldingOthersLeaveTheOthersUntouched() throws Exception {
        String target = arca.sources.empty("sel");
        arca.sources.execute(target, "create table keep_me (id int primary key, note text); "
                + "insert into keep_me select g, md5(g::text) from generate_series(1, 500) g");
        DatabaseFingerprint before = TableChecksums.capture(arca.sources.spec(target));

        JsonPath done = restore(target, "\"tables\":[\"public.actor\",\"public.film_actor\"]");

        DatabaseFingerprint after = TableChecksums.capture(arca.sources.spec(target));
        assertThat(after.tables().get("public.keep_me")).isEqualTo(before.tables().get("public.keep_me"));
        assertThat(after.tables().get("public.actor")).isEqualTo(original.tables().get("public.actor"));
        assertThat(after.tables().get("public.film_actor")).isEqualTo(original.tables().get("public.film_actor"));
        assertThat(after.tables()).containsOnlyKeys("public.keep_me", "public.actor", "public.film_actor");
        // film_actor references film, which was left out: reported, not restored
        assertThat(done.getList("result.foreignKeysLeftOut").toString()).contains("film");
        assertThat(done.getInt("progress.tablesTotal")).isEqualTo(2);
        assertThat(done.getLong("result.bytesFetched")).isPositive()
                .isLessThan(api.backup(backup).getLong("result.storedSize"));
    }

    @Test
    void dropExistingNeedsConfirmationAndTakesASafetyBackupOfWhatItOverwrites() throws Exception {
        String target = modifiedCopy("drop");
        DatabaseFingerprint modified = TableChecksums.capture(arca.sources.spec(target));
        String body = restoreBody(target, "\"tables\":[\"public.actor\"],\"dropExisting\":true");

        Response refused = api.request().body(body).post("/api/v1/restores");
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.asString()).contains("actor").contains("\"rows\":180");
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(modified)).isEmpty();

        JsonPath done = restore(target, "\"tables\":[\"public.actor\"],\"dropExisting\":true,"
                + "\"confirmDataLoss\":true");
        DatabaseFingerprint restored = TableChecksums.capture(arca.sources.spec(target));
        assertThat(restored.tables().get("public.actor")).isEqualTo(original.tables().get("public.actor"));
        assertThat(restored.tables().get("public.film")).isEqualTo(modified.tables().get("public.film"));

        // the safety backup holds the modified state: restoring it gives back what was overwritten
        UUID safety = UUID.fromString(done.getString("safetyBackupId"));
        JsonPath safetyBackup = api.backup(safety);
        assertThat(safetyBackup.getString("origin")).isEqualTo("safety");
        assertThat(safetyBackup.getString("state")).isEqualTo("completed");
        String fromSafety = arca.sources.freshName("safety_r");
        api.awaitRestoreCompleted(api.requestRestore(safety, source, fromSafety), WAIT);
        DatabaseFingerprint saved = TableChecksums.capture(arca.sources.spec(fromSafety));
        assertThat(saved.tables().get("public.actor")).isEqualTo(modified.tables().get("public.actor"));
    }

    @Test
    void aDryRunChangesNothingAndForeseesWhatTheRestoreDoes() throws Exception {
        String target = modifiedCopy("dry");
        DatabaseFingerprint before = TableChecksums.capture(arca.sources.spec(target));
        String schemaBefore = arca.sources.schemaDump(target);
        String options = "\"tables\":[\"public.actor\",\"public.film_actor\"],\"dropExisting\":true,"
                + "\"confirmDataLoss\":true";

        JsonPath dry = restore(target, options + ",\"dryRun\":true");
        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(before)).isEmpty();
        assertThat(arca.sources.schemaDump(target)).isEqualTo(schemaBefore);
        assertThat(dry.getBoolean("preview.bucket.allChunksPresent")).isTrue();
        long previewRows = dry.getLong("preview.tables.find { it.table == 'actor' }.rows")
                + dry.getLong("preview.tables.find { it.table == 'film_actor' }.rows");
        assertThat(dry.getLong("preview.tables.find { it.table == 'actor' }.rowsNow")).isEqualTo(180);
        assertThat(dry.getString("safetyBackupId")).isNull();

        JsonPath real = restore(target, options + ",\"safetyBackup\":false");
        assertThat(real.getLong("result.rows")).isEqualTo(previewRows);
        assertThat(real.getString("safetyBackupId")).isNull();
    }

    @Test
    void mergeBringsBackDeletedRowsAndKeepsNewerVersions() throws Exception {
        String target = modifiedCopy("merge");
        DatabaseFingerprint modified = TableChecksums.capture(arca.sources.spec(target));

        JsonPath done = restore(target, "\"tables\":[\"public.actor\"],\"mode\":\"merge\"");

        assertThat(done.getLong("result.tables.'public.actor'.inserted")).isEqualTo(20);
        assertThat(done.getLong("result.tables.'public.actor'.skipped")).isEqualTo(180);
        // every original row is back except the ten updated ones, which keep their newer version
        assertThat(arca.sources.count(target, "select count(*) from public.actor")).isEqualTo(200);
        assertThat(arca.sources.count(target, "select count(*) from public.actor where last_name = 'CHANGED'"))
                .isEqualTo(10);
        assertThat(TableChecksums.capture(arca.sources.spec(target)).tables().get("public.film"))
                .isEqualTo(modified.tables().get("public.film"));
    }

    /**
     * A full copy of pagila (restored by Arca into a new database) in which 20 actors were deleted (those not in any
     * film, after their film_actor rows) and 10 others renamed 'CHANGED': 180 actor rows.
     */
    private String modifiedCopy(String prefix) throws Exception {
        String copy = arca.sources.freshName(prefix);
        api.awaitRestoreCompleted(api.requestRestore(backup, source, copy), WAIT);
        arca.sources.execute(copy, """
                delete from public.film_actor where actor_id <= 20;
                delete from public.actor where actor_id <= 20;
                update public.actor set last_name = 'CHANGED' where actor_id between 21 and 30;
                """);
        return copy;
    }

    private JsonPath restore(String target, String options) throws Exception {
        Response accepted = api.request().body(restoreBody(target, options)).post("/api/v1/restores");
        assertThat(accepted.statusCode()).as(accepted.asString()).isEqualTo(202);
        JsonPath done = api.awaitRestoreCompleted(UUID.fromString(accepted.jsonPath().getString("id")), WAIT);
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo("completed");
        return done;
    }

    private String restoreBody(String target, String options) {
        return "{\"backupId\":\"" + backup + "\",\"target\":{\"sourceId\":\"" + source + "\",\"database\":\"" + target
                + "\"}," + options + "}";
    }
}
