package io.arca.api.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupApiTest extends ApiTest {
    private TenantKeys tenant;
    private String sourceId;

    @BeforeEach
    void tenantWithSource() {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
    }

    @Test
    void acceptedBackupIsPendingWithItsJobInTheOutbox() throws Exception {
        var accepted = as(tenant.operator()).body(backupRequest(sourceId)).post("/api/v1/backups")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/backups/"))
                .body("state", equalTo("pending")).body("sourceId", equalTo(sourceId))
                .body("type", equalTo("full"))
                .body("options.tables.include[0]", equalTo("public.*"))
                .body("options.tables.excludeData[0]", equalTo("public.audit_log"))
                .body("options.compression.algorithm", equalTo("zstd"))
                .body("options.compression.level", equalTo(3))
                .body("options.encrypt", equalTo(true))
                .body("labels.reason", equalTo("pre-deploy"))
                .body("progress.bytesRead", equalTo(0)).body("error", nullValue())
                .body("createdAt", notNullValue()).extract();
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/api/v1/backups/" + id);

        as(tenant.viewer()).get("/api/v1/backups/" + id).then().statusCode(200)
                .body("state", equalTo("pending")).body("attempt", equalTo(1));

        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement(
                     "select stream, message_key, payload->>'kind', payload->>'type', payload->>'attempt' from outbox "
                             + "where payload->>'jobId' = ? order by id")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("jobs");
                assertThat(rs.getString(2)).isEqualTo(sourceId);
                assertThat(rs.getString(3)).isEqualTo("backup");
                assertThat(rs.getString(5)).isEqualTo("1");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("events");
                assertThat(rs.getString(2)).isEqualTo(id);
                assertThat(rs.getString(4)).isEqualTo("backup.requested");
                assertThat(rs.next()).isFalse();
            }
        }
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select options::text from backups where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).contains("\"excludeData\"").contains("\"level\": 3");
            }
        }
    }

    @Test
    void defaultsAreApplied() {
        as(tenant.operator()).body(Map.of("sourceId", sourceId)).post("/api/v1/backups").then().statusCode(202)
                .body("type", equalTo("full"))
                .body("options.compression.algorithm", equalTo("zstd"))
                .body("options.compression.level", equalTo(3))
                .body("options.encrypt", equalTo(false))
                .body("options.tables.include.size()", equalTo(0));
        as(tenant.operator()).body(Map.of("sourceId", sourceId, "compression", Map.of("algorithm", "gzip")))
                .post("/api/v1/backups").then().statusCode(202).body("options.compression.level", equalTo(6));
        as(tenant.operator()).body(Map.of("sourceId", sourceId, "compression", Map.of("algorithm", "none")))
                .post("/api/v1/backups").then().statusCode(202).body("options.compression.level", equalTo(0));
    }

    @Test
    void idempotencyKeyReturnsTheSameBackup() throws Exception {
        String first = as(tenant.operator()).header("Idempotency-Key", "deploy-42").body(backupRequest(sourceId))
                .post("/api/v1/backups").then().statusCode(202).extract().path("id");
        var replay = as(tenant.operator()).header("Idempotency-Key", "deploy-42").body(backupRequest(sourceId))
                .post("/api/v1/backups").then().statusCode(202).header("Idempotent-Replayed", "true").extract();
        assertThat((String) replay.path("id")).isEqualTo(first);
        assertThat(replay.header("Location")).endsWith(first);

        Map<String, Object> other = new HashMap<>(backupRequest(sourceId));
        other.put("type", "schema-only");
        as(tenant.operator()).header("Idempotency-Key", "deploy-42").body(other).post("/api/v1/backups")
                .then().statusCode(422).body("type", equalTo("https://arca.dev/problems/idempotency-key-reused"));

        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from outbox where stream = 'jobs' and payload->>'jobId' = ?")) {
            s.setString(1, first);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("one job message for one backup").isEqualTo(1);
            }
        }
    }

    @Test
    void concurrentRetriesWithOneKeyMakeOneBackup() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            threads.add(Thread.ofPlatform().start(() -> ids.add(as(tenant.operator())
                    .header("Idempotency-Key", "race").body(backupRequest(sourceId)).post("/api/v1/backups")
                    .then().statusCode(202).extract().path("id"))));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ids).hasSize(6);
        assertThat(ids.stream().distinct()).hasSize(1);
    }

    @Test
    void listFiltersBySourceStateAndLabelNewestFirstWithCursor() {
        String otherSource = createSource(tenant.operator(), "other");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> request = new HashMap<>(backupRequest(i % 2 == 0 ? sourceId : otherSource));
            request.put("labels", Map.of("n", String.valueOf(i), "parity", i % 2 == 0 ? "even" : "odd"));
            created.add(as(tenant.operator()).body(request).post("/api/v1/backups").then().statusCode(202)
                    .extract().path("id"));
        }
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(tenant.viewer()).queryParam("limit", 2)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/backups").then().statusCode(200).extract();
            all.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(all).containsExactlyElementsOf(created.reversed());

        assertThat(as(tenant.viewer()).queryParam("sourceId", otherSource).get("/api/v1/backups")
                .then().statusCode(200).extract().<List<String>>path("items.id"))
                .containsExactly(created.get(3), created.get(1));
        assertThat(as(tenant.viewer()).queryParam("label", "parity:even").get("/api/v1/backups")
                .then().statusCode(200).extract().<List<String>>path("items.id"))
                .containsExactly(created.get(4), created.get(2), created.get(0));
        assertThat(as(tenant.viewer()).queryParam("state", "pending").queryParam("label", "n:3")
                .get("/api/v1/backups").then().statusCode(200).extract().<List<String>>path("items.id"))
                .containsExactly(created.get(3));
        assertThat(as(tenant.viewer()).queryParam("state", "completed").get("/api/v1/backups")
                .then().statusCode(200).extract().<List<String>>path("items.id")).isEmpty();

        as(tenant.viewer()).queryParam("state", "bogus").get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("state"));
        as(tenant.viewer()).queryParam("label", "nocolon").get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("label"));
        as(tenant.viewer()).queryParam("cursor", "garbage!").get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("cursor"));
        as(tenant.viewer()).queryParam("limit", 0).get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("limit"));
        as(tenant.viewer()).queryParam("limit", "many").get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("limit"));
        as(tenant.viewer()).queryParam("sourceId", "not-a-uuid").get("/api/v1/backups").then().statusCode(400)
                .body("field", equalTo("sourceId"));
    }

    @Test
    void unknownBackupIs404() {
        as(tenant.viewer()).get("/api/v1/backups/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }
}
