package io.arca.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.pg.verify.DatabaseFingerprint;
import io.arca.pg.verify.TableChecksums;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backup's whole life through the three real services: the scheduler process fires a schedule (twice), the worker
 * backs up, retention (keepLast 1) expires the older backup, the worker's delete job removes its manifest and
 * references, garbage collection removes the chunks only it used, the survivor restores equal to the database, a
 * drill proves it restorable, and deleting the source with its backups leaves the tenant's part of the bucket empty.
 *
 * <p>Time is moved the way the scheduler sees it: a due slot is written into {@code next_run_at} /
 * {@code next_drill_at}, and chunks are aged past the grace period in the catalog, instead of waiting for them.
 */
class ScheduledLifecycleTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static ArcaSystem arca;

    @BeforeAll
    static void start() throws Exception {
        arca = ArcaSystem.shared();
    }

    @Test
    void scheduledBackupsExpireAreCollectedAndTheSurvivorRestoresEqual() throws Exception {
        ArcaClient api = arca.client().createTenant("lifecycle-" + arca.runId);
        String database = arca.sources.sample();
        UUID source = api.createSource(arca.env, database);
        String tenant = arca.catalogText("select tenant_id::text from sources where id = ?", source);

        Response created = api.request().body(Map.of("name", "nightly", "sourceId", source.toString(),
                "type", "full", "compression", Map.of("algorithm", "zstd", "level", 3), "encrypt", true,
                "timing", Map.of("preset", "daily", "at", "03:00"), "timeZone", "Europe/Berlin",
                "retention", Map.of("keepLast", 1),
                "drill", Map.of("every", "P1D", "targetSourceId", source.toString()))).post("/api/v1/schedules");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        UUID schedule = UUID.fromString(created.jsonPath().getString("id"));

        JsonPath first = fire(api, schedule, source, Set.of());
        String firstId = first.getString("id");
        arca.sources.execute(database, "update public.book set title = title || ' (2nd ed.)' where id % 3 = 0");
        JsonPath second = fire(api, schedule, source, Set.of(firstId));
        String secondId = second.getString("id");
        JsonPath lastRun = api.request().get("/api/v1/schedules/" + schedule).jsonPath();
        assertThat(lastRun.getString("lastRun.backupId")).isEqualTo(secondId);

        // retention keeps the newest: the first expires, and its delete job runs
        JsonPath deleted = awaitBackup(api, firstId, b -> "deleted".equals(b.getString("lifecycle")));
        assertThat(deleted.getString("lifecycle")).as(deleted.prettify()).isEqualTo("deleted");
        assertThat(deleted.getString("deletion.reason")).isEqualTo("retention");
        assertThat(arca.objectKeys("tenants/" + tenant + "/backups/" + firstId + "/")).isEmpty();
        assertThat(api.backup(UUID.fromString(secondId)).getString("lifecycle")).isEqualTo("live");

        JsonPath gc = collect(tenant);
        assertThat(gc.getLong("chunksDeleted")).as(gc.prettify()).isPositive();
        assertThat(chunkObjects(tenant)).as("the chunks left are exactly the survivor's")
                .isEqualTo(referencedChunks(secondId));

        // the survivor restores equal to the database as it is now
        String target = arca.sources.freshName("lifecycle_r");
        JsonPath restore = api.awaitRestoreCompleted(api.requestRestore(UUID.fromString(secondId), source, target),
                WAIT);
        assertThat(restore.getString("state")).isEqualTo("completed");
        DatabaseFingerprint original = TableChecksums.capture(arca.sources.spec(database));
        assertThat(TableChecksums.capture(arca.sources.spec(target)).differencesFrom(original)).isEmpty();
        arca.sources.drop(target);

        drillProvesTheSurvivor(api, schedule, source, secondId);

        Response sourceDeleted = api.request().queryParam("deleteBackups", "true").delete("/api/v1/sources/" + source);
        assertThat(sourceDeleted.statusCode()).as(sourceDeleted.asString()).isEqualTo(204);
        assertThat(api.request().get("/api/v1/sources/" + source).statusCode()).isEqualTo(404);
        assertThat(api.request().get("/api/v1/schedules/" + schedule).statusCode()).isEqualTo(404);
        JsonPath last = awaitBackup(api, secondId, b -> "deleted".equals(b.getString("lifecycle")));
        assertThat(last.getString("deletion.reason")).as(last.prettify()).isEqualTo("source-deleted");
        collect(tenant);
        assertThat(arca.objectKeys("tenants/" + tenant + "/chunks/")).as("every chunk of the tenant collected")
                .isEmpty();
        assertThat(arca.objectKeys("tenants/" + tenant + "/backups/")).isEmpty();
        arca.sources.drop(database);
    }

    /** Makes the schedule due a few seconds ago and waits for the scheduler's backup of that slot to complete. */
    private static JsonPath fire(ArcaClient api, UUID schedule, UUID source, Set<String> earlier) throws Exception {
        Instant slot = Instant.now().minusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        arca.catalogUpdate("update schedules set next_run_at = ? where id = ?", Timestamp.from(slot), schedule);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String id = null;
        while (id == null && System.nanoTime() < deadline) {
            List<String> ids = api.request().queryParam("sourceId", source.toString()).get("/api/v1/backups")
                    .jsonPath().getList("items.id", String.class);
            id = ids.stream().filter(i -> !earlier.contains(i)).findFirst().orElse(null);
            Thread.sleep(200);
        }
        assertThat(id).as("the scheduler fired schedule %s", schedule).isNotNull();
        JsonPath backup = api.awaitBackupCompleted(UUID.fromString(id), WAIT);
        assertThat(backup.getString("origin")).isEqualTo("schedule");
        assertThat(backup.getString("schedule.scheduleId")).isEqualTo(schedule.toString());
        assertThat(Instant.parse(backup.getString("schedule.scheduledFor"))).isEqualTo(slot);
        assertThat(backup.getLong("schedule.lateByMs")).isGreaterThanOrEqualTo(3000);
        assertThat(backup.getString("options.compression.algorithm")).isEqualTo("zstd");
        return backup;
    }

    /** Ages the tenant's chunks past the grace period and runs garbage collection to its end. */
    private static JsonPath collect(String tenant) throws Exception {
        arca.catalogUpdate("update chunks set created_at = created_at - interval '2 days' where tenant_id = ?::uuid",
                tenant);
        Response started = arca.client().request().body(Map.of("tenantId", tenant)).post("/api/v1/admin/gc");
        assertThat(started.statusCode()).as(started.asString()).isEqualTo(202);
        return arca.client().awaitCompleted("/api/v1/admin/gc/" + started.jsonPath().getString("runs[0].id"), WAIT);
    }

    private static void drillProvesTheSurvivor(ArcaClient api, UUID schedule, UUID source, String backupId)
            throws Exception {
        assertThat(api.request().get("/api/v1/sources/" + source).jsonPath().getString("drillStatus"))
                .isEqualTo("never");
        arca.catalogUpdate("update schedules set next_drill_at = now() - interval '1 second' where id = ?", schedule);
        long deadline = System.nanoTime() + WAIT.toNanos();
        String drill = null;
        while (drill == null && System.nanoTime() < deadline) {
            drill = arca.catalogText("select id::text from verifications where schedule_id = ? and origin = 'drill'",
                    schedule);
            Thread.sleep(200);
        }
        assertThat(drill).as("the scheduler started a drill").isNotNull();
        JsonPath verification = api.awaitCompleted("/api/v1/verifications/" + drill, WAIT);
        assertThat(verification.getString("backupId")).isEqualTo(backupId);
        assertThat(verification.getBoolean("deep")).isTrue();
        assertThat(verification.getString("result")).isEqualTo("ok");
        JsonPath view = api.request().get("/api/v1/sources/" + source).jsonPath();
        assertThat(view.getString("lastProvenRestorableAt")).isNotNull();
        assertThat(view.getString("drillStatus")).isEqualTo("ok");
    }

    private static JsonPath awaitBackup(ArcaClient api, String id, Predicate<JsonPath> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonPath view = api.backup(UUID.fromString(id));
        while (!condition.test(view) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            view = api.backup(UUID.fromString(id));
        }
        return view;
    }

    private static Set<String> chunkObjects(String tenant) {
        Set<String> names = new HashSet<>();
        for (String key : arca.objectKeys("tenants/" + tenant + "/chunks/")) {
            names.add(key.substring(key.lastIndexOf('/') + 1));
        }
        return names;
    }

    private static Set<String> referencedChunks(String backupId) throws Exception {
        String joined = arca.catalogText("select coalesce(string_agg(chunk_name, ','), '') from backup_chunks "
                + "where backup_id = ?::uuid", backupId);
        return joined.isEmpty() ? Set.of() : Set.of(joined.split(","));
    }
}
