package io.arca.api.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.api.backup.StoredBackups;
import io.arca.api.backup.TestBackups;
import io.arca.archive.store.ObjectStore;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requesting, listing and deleting exports, and what each bad request gets. Downloads: ExportDownloadTest. */
@QuarkusTest
class ExportApiTest extends ApiTest {
    @Inject
    ObjectStore store;

    @Inject
    io.arca.storage.TenantKeys keys;

    private TenantKeys tenant;
    private String sourceId;
    private String backupId;

    @BeforeEach
    void tenantWithACompletedBackup() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(backupId, tenant.tenantId(), "public.orders", "sales.items");
    }

    static Map<String, Object> exportBody(Object... keyValues) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    private Response export(Map<String, Object> body) {
        return as(tenant.operator()).body(body).post("/api/v1/backups/" + backupId + "/exports");
    }

    @Test
    void anExportIsQueuedWithItsDefaultsExpiryAndJobMessage() throws Exception {
        Instant before = Instant.now();
        Response accepted = export(exportBody("format", "sql"));
        String id = accepted.then().statusCode(202)
                .header("Location", endsWith("/api/v1/exports/" + accepted.path("id")))
                .body("backupId", equalTo(backupId)).body("sourceId", equalTo(sourceId))
                .body("format", equalTo("sql")).body("compression", equalTo("gzip"))
                .body("tables", hasSize(0)).body("force", equalTo(false)).body("state", equalTo("pending"))
                .body("expired", equalTo(false)).body("url", nullValue()).body("size", nullValue())
                .extract().path("id");
        Instant expiresAt = Instant.parse(accepted.path("expiresAt"));
        assertThat(expiresAt).isBetween(before.plus(Duration.ofDays(7)).minusSeconds(5),
                Instant.now().plus(Duration.ofDays(7)).plusSeconds(5));

        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select e.format, e.compression, "
                + "e.options::text, e.source_id, o.stream, o.message_key, o.payload->>'kind' from exports e "
                + "join outbox o on o.payload->>'jobId' = e.id::text where e.id = ? order by o.id")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("sql");
                assertThat(rs.getString(2)).isEqualTo("gzip");
                assertThat(rs.getString(3)).isEqualTo("{\"force\": false, \"tables\": []}");
                assertThat(rs.getString(4)).isEqualTo(sourceId);
                assertThat(rs.getString(5)).isEqualTo("jobs");
                assertThat(rs.getString(6)).isEqualTo(sourceId);
                assertThat(rs.getString(7)).isEqualTo("export");
            }
        }
    }

    @Test
    void tablesAndCompressionAreKeptAsRequested() {
        export(exportBody("format", "csv", "compression", "none", "tables", List.of("sales.*", "orders")))
                .then().statusCode(202).body("format", equalTo("csv")).body("compression", equalTo("none"))
                .body("tables", equalTo(List.of("sales.*", "orders")));
        export(exportBody("format", "archive")).then().statusCode(202).body("compression", equalTo("none"));
        export(exportBody("format", "json", "compression", "gzip")).then().statusCode(202);
    }

    @Test
    void optionsTheRendererCannotHonourAreRefused() {
        refused(exportBody("format", "xml"), 422, "invalid-export-option", "unknown format");
        refused(exportBody("compression", "gzip"), 422, "invalid-export-option", "format is required");
        refused(exportBody("format", "sql", "compression", "brotli"), 422, "invalid-export-option",
                "unknown compression");
        refused(exportBody("format", "csv", "compression", "zstd"), 422, "invalid-export-option", "zip");
        refused(exportBody("format", "archive", "compression", "gzip"), 422, "invalid-export-option", "none");
        refused(exportBody("format", "archive", "tables", List.of("public.orders")), 422, "invalid-export-option",
                "whole backup");
        refused(exportBody("format", "sql", "tables", List.of(" ")), 422, "invalid-export-option", "blank");
        refused(exportBody("format", "sql", "tables", Collections.nCopies(1001, "public.orders")), 422,
                "invalid-export-option", "at most 1000");
        refused(exportBody("format", "sql", "tables", List.of("public.orders", "nowhere.*", "ghost")), 422,
                "tables-match-nothing", "[nowhere.*, ghost]");
    }

    @Test
    void csvOfASchemaOnlyBackupIsAConflict() throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update backups set type = 'schema-only' where id = ?")) {
            ps.setObject(1, UUID.fromString(backupId));
            ps.executeUpdate();
        }
        refused(exportBody("format", "csv"), 409, "backup-has-no-data", "schema-only");
        export(exportBody("format", "sql")).then().statusCode(202);
    }

    @Test
    void malformedBodiesGetProblems() {
        as(tenant.operator()).post("/api/v1/backups/" + backupId + "/exports").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("body is required"));
        as(tenant.operator()).body("{\"format\": \"sql\"").post("/api/v1/backups/" + backupId + "/exports").then()
                .statusCode(400).body("type", equalTo("https://arca.dev/problems/malformed-json"));
        export(exportBody("format", "sql", "tables", "public.orders")).then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/invalid-type")).body("field", equalTo("tables"));
        export(exportBody("format", "sql", "expiresInSeconds", 60)).then().statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/unknown-field"));
        export(exportBody("format", "sql", "force", "yes")).then().statusCode(400).body("field", equalTo("force"));
    }

    @Test
    void onlyACompletedIntactBackupOfTheTenantIsExportedUnlessForced() throws Exception {
        TestBackups.setVerification(backupId, "{\"state\":\"corrupted\",\"problems\":[{\"chunk\":\"ab\"}]}", true,
                null);
        refused(exportBody("format", "sql"), 409, "backup-corrupted", "1 problem");
        export(exportBody("format", "sql", "force", true)).then().statusCode(202).body("force", equalTo(true));

        TestBackups.setState(backupId, "failed");
        refused(exportBody("format", "sql", "force", true), 409, "conflict", "failed");
        as(tenant.operator()).body(exportBody("format", "sql"))
                .post("/api/v1/backups/" + UUID.randomUUID() + "/exports").then().statusCode(404);
        TenantKeys other = newTenant();
        as(other.operator()).body(exportBody("format", "sql")).post("/api/v1/backups/" + backupId + "/exports")
                .then().statusCode(404).body("type", equalTo("https://arca.dev/problems/not-found"));
        as(tenant.viewer()).body(exportBody("format", "sql")).post("/api/v1/backups/" + backupId + "/exports")
                .then().statusCode(403);
    }

    @Test
    void listsFilterByBackupAndStateAndPage() throws Exception {
        String otherBackup = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(otherBackup, tenant.tenantId(), "public.orders");
        List<String> ofBackup = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ofBackup.add(0, export(exportBody("format", "sql")).then().statusCode(202).extract().path("id"));
        }
        String ofOther = as(tenant.operator()).body(exportBody("format", "json"))
                .post("/api/v1/backups/" + otherBackup + "/exports").then().statusCode(202).extract().path("id");
        ExportDownloadTest.setExportState(ofBackup.get(0), "running");

        as(tenant.viewer()).queryParam("backupId", backupId).get("/api/v1/exports").then().statusCode(200)
                .body("items.id", equalTo(ofBackup)).body("items[0].url", nullValue());
        as(tenant.viewer()).queryParam("backupId", otherBackup).get("/api/v1/exports").then()
                .body("items.id", equalTo(List.of(ofOther)));
        as(tenant.viewer()).queryParam("state", "running").get("/api/v1/exports").then()
                .body("items.id", equalTo(List.of(ofBackup.get(0))));
        Response page = as(tenant.viewer()).queryParam("limit", 3).get("/api/v1/exports");
        page.then().statusCode(200).body("items", hasSize(3)).body("nextCursor", notNullValue());
        as(tenant.viewer()).queryParam("limit", 3).queryParam("cursor", page.path("nextCursor").toString())
                .get("/api/v1/exports").then().body("items", hasSize(1)).body("nextCursor", nullValue());

        as(tenant.viewer()).queryParam("state", "done").get("/api/v1/exports").then().statusCode(400)
                .body("field", equalTo("state"));
        as(tenant.viewer()).queryParam("backupId", "nope").get("/api/v1/exports").then().statusCode(400)
                .body("field", equalTo("backupId"));
        as(newTenant().viewer()).get("/api/v1/exports").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void patternsAreCheckedAgainstTheManifestOfABackupCompletedWithoutCatalogRows() throws Exception {
        String database = TestBackups.smallDatabase();
        try {
            String id = new StoredBackups(store, keys).backUp(tenant, "small", database).backupId().toString();
            String exports = "/api/v1/backups/" + id + "/exports";
            as(tenant.operator()).body(exportBody("format", "csv", "tables", List.of("public.items"))).post(exports)
                    .then().statusCode(422).body("type", equalTo("https://arca.dev/problems/tables-match-nothing"));
            as(tenant.operator()).body(exportBody("format", "csv", "tables", List.of("sales.items", "orders")))
                    .post(exports).then().statusCode(202);
        } finally {
            new TestDatabases(InfraEnv.require()).drop(database);
        }
    }

    private void refused(Map<String, Object> body, int status, String slug, String detail) {
        export(body).then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/" + slug)).body("detail", containsString(detail));
    }
}
