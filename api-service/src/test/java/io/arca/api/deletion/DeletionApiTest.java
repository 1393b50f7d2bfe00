package io.arca.api.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code DELETE /api/v1/backups/{id}}, {@code /api/v1/deletions} and the refusal of reads of deleted backups. */
@QuarkusTest
class DeletionApiTest extends ApiTest {
    static final String TYPE = "https://arca.dev/problems/";

    private TenantKeys tenant;
    private String source;

    @BeforeEach
    void tenant() {
        tenant = newTenant();
        source = createSource(tenant.operator(), "src");
    }

    private String completedBackup() throws Exception {
        String backup = TestBackups.request(tenant, source);
        TestBackups.completeWithEntries(backup, tenant.tenantId(), "public.orders");
        return backup;
    }

    @Test
    void deletingABackupAnswersTheDeleteJobAndEveryReadIsRefusedFromThenOn() throws Exception {
        String backup = completedBackup();
        Response accepted = as(tenant.operator()).delete("/api/v1/backups/" + backup);
        accepted.then().statusCode(202).body("backupId", equalTo(backup)).body("reason", equalTo("user"))
                .body("state", equalTo("pending")).body("sourceId", equalTo(source));
        String deletion = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/v1/deletions/" + deletion);
        assertThat(text("select concat_ws('/', payload->>'kind', message_key) from outbox where stream = 'jobs' "
                + "and payload->>'jobId' = ?", deletion)).isEqualTo("delete/" + source);

        as(tenant.viewer()).get("/api/v1/backups/" + backup).then().statusCode(200)
                .body("lifecycle", equalTo("deleting")).body("deletion.reason", equalTo("user"));
        // asked again while the job has not finished: the same job
        as(tenant.operator()).delete("/api/v1/backups/" + backup).then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(deletion));
        as(tenant.viewer()).get("/api/v1/deletions/" + deletion).then().statusCode(200)
                .body("progress.objectsDeleted", equalTo(0));
        as(tenant.viewer()).queryParam("backupId", backup).get("/api/v1/deletions").then().statusCode(200)
                .body("items.id", equalTo(List.of(deletion)));

        assertReadsRefused(backup, 409, "backup-being-deleted");
        String live = completedBackup();
        as(tenant.viewer()).queryParam("lifecycle", "deleting").get("/api/v1/backups").then().statusCode(200)
                .body("items.id", equalTo(List.of(backup)));
        as(tenant.viewer()).queryParam("lifecycle", "live").get("/api/v1/backups").then().statusCode(200)
                .body("items.id", equalTo(List.of(live)));
        as(tenant.viewer()).get("/api/v1/backups").then().body("items.id", equalTo(List.of(live, backup)));
        as(tenant.viewer()).queryParam("lifecycle", "gone").get("/api/v1/backups").then().statusCode(400)
                .body("type", equalTo(TYPE + "validation-failed"))
                .body("detail", equalTo("lifecycle must be live, expiring, deleting or deleted"));

        exec("update backups set lifecycle = 'deleted', deleted_at = now() where id = ?::uuid", backup);
        exec("update backup_deletions set state = 'completed', finished_at = now() where id = ?::uuid", deletion);
        as(tenant.operator()).delete("/api/v1/backups/" + backup).then().statusCode(410)
                .body("type", equalTo(TYPE + "backup-gone"));
        assertReadsRefused(backup, 410, "backup-gone");
        as(tenant.viewer()).get("/api/v1/backups/" + backup).then().statusCode(200)
                .body("lifecycle", equalTo("deleted"));
    }

    private void assertReadsRefused(String backup, int status, String slug) {
        String type = TYPE + slug;
        as(tenant.operator()).body(Map.of("backupId", backup, "target", Map.of("sourceId", source, "database",
                "restored_here"))).post("/api/v1/restores").then().statusCode(status).body("type", equalTo(type));
        as(tenant.operator()).body(Map.of()).post("/api/v1/backups/" + backup + "/verify").then().statusCode(status)
                .body("type", equalTo(type));
        as(tenant.operator()).body(Map.of("format", "sql")).post("/api/v1/backups/" + backup + "/exports").then()
                .statusCode(status).body("type", equalTo(type));
        as(tenant.operator()).body(Map.of("format", "sql")).post("/api/v1/backups/" + backup + "/download-links")
                .then().statusCode(status).body("type", equalTo(type));
        as(tenant.viewer()).get("/api/v1/backups/" + backup + "/contents").then().statusCode(status)
                .body("type", equalTo(type));
    }

    @Test
    void pinnedUnfinishedUnknownAndOtherTenantsBackupsAreRefused() throws Exception {
        String pinned = completedBackup();
        exec("update backups set pinned_at = now(), pin_reason = 'audit' where id = ?::uuid", pinned);
        as(tenant.operator()).delete("/api/v1/backups/" + pinned).then().statusCode(409)
                .body("type", equalTo(TYPE + "backup-pinned")).body("detail", startsWith("backup " + pinned
                        + " is pinned (audit)"));

        String running = TestBackups.request(tenant, source);
        TestBackups.setState(running, "running");
        as(tenant.operator()).delete("/api/v1/backups/" + running).then().statusCode(409)
                .body("type", equalTo(TYPE + "unfinished-jobs"));

        as(tenant.operator()).delete("/api/v1/backups/" + UUID.randomUUID()).then().statusCode(404);
        TenantKeys other = newTenant();
        as(other.operator()).delete("/api/v1/backups/" + completedBackup()).then().statusCode(404);
        as(tenant.viewer()).delete("/api/v1/backups/" + pinned).then().statusCode(403);
        as(tenant.viewer()).get("/api/v1/deletions/" + UUID.randomUUID()).then().statusCode(404);
        as(tenant.viewer()).queryParam("backupId", "nope").get("/api/v1/deletions").then().statusCode(400)
                .body("field", equalTo("backupId"));
        assertThat(text("select lifecycle from backups where id = ?::uuid", pinned)).isEqualTo("live");
    }

    @Test
    void aSourceWithBackupsIsDeletedOnlyWithTheFlagAndThenAnswers404() throws Exception {
        String first = completedBackup();
        String second = completedBackup();
        as(tenant.operator()).delete("/api/v1/sources/" + source).then().statusCode(409)
                .body("type", equalTo(TYPE + "source-has-backups"))
                .body("detail", startsWith("source " + source + " has 2 backups;"));

        String running = TestBackups.request(tenant, source);
        as(tenant.operator()).queryParam("deleteBackups", "true").delete("/api/v1/sources/" + source).then()
                .statusCode(409).body("type", equalTo(TYPE + "unfinished-jobs"))
                .body("detail", equalTo("source " + source + " has unfinished jobs: 1 backup; cancel them or wait "
                        + "until they end"));
        TestBackups.setState(running, "failed");
        as(tenant.operator()).queryParam("deleteBackups", "maybe").delete("/api/v1/sources/" + source).then()
                .statusCode(400).body("field", equalTo("deleteBackups"));

        as(tenant.operator()).queryParam("deleteBackups", "true").delete("/api/v1/sources/" + source).then()
                .statusCode(204);
        as(tenant.viewer()).get("/api/v1/sources/" + source).then().statusCode(404);
        as(tenant.viewer()).get("/api/v1/sources").then().statusCode(200).body("items.size()", equalTo(0));
        as(tenant.operator()).body(backupRequest(source)).post("/api/v1/backups").then().statusCode(400)
                .body("type", equalTo(TYPE + "unknown-source"));
        for (String backup : List.of(first, second, running)) {
            as(tenant.viewer()).get("/api/v1/backups/" + backup).then().statusCode(200)
                    .body("lifecycle", equalTo("deleting")).body("deletion.reason", equalTo("source-deleted"));
        }
        as(tenant.viewer()).queryParam("sourceId", source).get("/api/v1/deletions").then().statusCode(200)
                .body("items.size()", equalTo(3));
        // the name is free again
        createSource(tenant.operator(), "src");
    }

    private static String text(String sql, Object... params) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void exec(String sql, Object... params) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void theListPagesNewestFirstWithinTheFilter() throws Exception {
        String older = as(tenant.operator()).delete("/api/v1/backups/" + completedBackup()).path("id");
        String newer = as(tenant.operator()).delete("/api/v1/backups/" + completedBackup()).path("id");
        Response first = as(tenant.viewer()).queryParam("sourceId", source).queryParam("limit", 1)
                .get("/api/v1/deletions");
        first.then().statusCode(200).body("items.id", equalTo(List.of(newer)));
        as(tenant.viewer()).queryParam("sourceId", source).queryParam("limit", 1)
                .queryParam("cursor", first.<String>path("nextCursor")).get("/api/v1/deletions").then()
                .statusCode(200).body("items.id", equalTo(List.of(older))).body("nextCursor", equalTo(null));
    }
}
