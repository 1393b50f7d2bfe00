package io.arca.api.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.arca.api.backup.StoredBackups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DownloadLinkApiTest extends DownloadTest {
    private TenantKeys tenant;
    private StoredBackups.Stored backup;

    @BeforeEach
    void completedBackup() throws Exception {
        tenant = newTenant();
        backup = backUpShop(tenant);
    }

    @Test
    void aLinkWithDefaultsIsSqlGzipForFifteenMinutesAndAudited() throws Exception {
        Instant before = Instant.now();
        JsonPath link = createLink(tenant.operator(), backup.backupId(), body("format", "sql"))
                .then().statusCode(201).contentType("application/json")
                .body("url", matchesPattern("http://[^/]+/api/v1/downloads/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .body("format", equalTo("sql")).body("compression", equalTo("gzip"))
                .body("filename", matchesPattern("shop-[0-9a-f]{6}-\\d{8}T\\d{6}Z\\.sql\\.gz"))
                .extract().jsonPath();
        assertThat(link.getList("tables")).isEmpty();
        Instant expiresAt = Instant.parse(link.getString("expiresAt"));
        assertThat(Duration.between(before, expiresAt).toSeconds()).isBetween(895L, 905L);

        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select actor_key_id is not null, "
                + "target_id, details from audit_log where tenant_id = ? and action = 'download-link.create'")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getString(2)).isEqualTo(backup.backupId().toString());
                JsonPath details = JsonPath.from(rs.getString(3));
                assertThat(details.getString("linkId")).matches("[0-9a-f-]{36}");
                assertThat(details.getString("format")).isEqualTo("sql");
                assertThat(details.getString("compression")).isEqualTo("gzip");
                assertThat(Instant.parse(details.getString("expiresAt"))).isEqualTo(expiresAt);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void optionsAreEchoedAndTheTokenCarriesThem() {
        String url = createLink(tenant.operator(), backup.backupId(), body("format", "csv", "compression", "none",
                "tables", List.of("public.orders", "refunds"), "expiresInSeconds", 60))
                .then().statusCode(201).body("compression", equalTo("none")).body("filename", endsWith(".csv.zip"))
                .extract().path("url");
        DownloadToken token = tokens.verify(url.substring(url.lastIndexOf('/') + 1));
        assertThat(token.tenant()).isEqualTo(tenant.tenantId());
        assertThat(token.backup()).isEqualTo(backup.backupId());
        assertThat(token.format()).isEqualTo("csv");
        assertThat(token.compression()).isEqualTo("none");
        assertThat(token.tables()).containsExactly("public.orders", "refunds");
        assertThat(token.force()).isFalse();
        assertThat(Duration.between(token.issuedAt(), token.expiresAt())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void badOptionsAre422AndNameTheField() {
        expect422(body(), "format", "invalid-export-option");
        expect422(body("format", "xml"), "format", "invalid-export-option");
        expect422(body("format", "sql", "compression", "bz2"), "compression", "invalid-export-option");
        expect422(body("format", "csv", "compression", "zstd"), "compression", "invalid-export-option");
        expect422(body("format", "archive", "compression", "gzip"), "compression", "invalid-export-option");
        expect422(body("format", "archive", "tables", List.of("public.orders")), "tables", "invalid-export-option");
        expect422(body("format", "sql", "tables", List.of(" ")), "tables", "invalid-export-option");
        expect422(body("format", "sql", "tables", List.of("public.orders", "nope.*")), "tables",
                "tables-match-nothing");
        expect422(body("format", "sql", "expiresInSeconds", 0), "expiresInSeconds", "invalid-export-option");
        expect422(body("format", "sql", "expiresInSeconds", 604_801), "expiresInSeconds", "invalid-export-option");
        expect422(body("format", "sql", "expiresInSeconds", -5), "expiresInSeconds", "invalid-export-option");
        // the link must fit a URL: hundreds of patterns do not
        expect422(body("format", "sql", "tables", Collections.nCopies(300, "public.orders")), "tables",
                "invalid-export-option");

        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "expiresInSeconds", 1))
                .then().statusCode(201);
        createLink(tenant.operator(), backup.backupId(), body("format", "archive", "expiresInSeconds", 604_800))
                .then().statusCode(201).body("compression", equalTo("none")).body("filename", endsWith(".tar"));
    }

    @Test
    void malformedBodiesAre400() {
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "expiresIn", 60))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/unknown-field")).body("field", equalTo("expiresIn"));
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "force", "yes"))
                .then().statusCode(400).body("field", equalTo("force"));
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "expiresInSeconds", "60"))
                .then().statusCode(400).body("field", equalTo("expiresInSeconds"));
    }

    @Test
    void onlyCompletedBackupsOfTheCallersTenant() throws Exception {
        String pending = as(tenant.operator()).body(backupRequest(backup.sourceId().toString()))
                .post("/api/v1/backups").then().statusCode(202).extract().path("id");
        createLink(tenant.operator(), UUID.fromString(pending), body("format", "sql"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("pending"));

        TenantKeys other = newTenant();
        createLink(other.operator(), backup.backupId(), body("format", "sql"))
                .then().statusCode(404).contentType("application/problem+json");
        createLink(tenant.operator(), UUID.randomUUID(), body("format", "sql")).then().statusCode(404);
        as(other.operator()).delete("/api/v1/backups/" + backup.backupId() + "/download-links")
                .then().statusCode(404);
    }

    @Test
    void viewersCannotCreateOrRevokeLinks() {
        createLink(tenant.viewer(), backup.backupId(), body("format", "sql")).then().statusCode(403);
        as(tenant.viewer()).delete("/api/v1/backups/" + backup.backupId() + "/download-links")
                .then().statusCode(403);
        createLink(tenant.admin(), backup.backupId(), body("format", "sql")).then().statusCode(201);
    }

    @Test
    void aSchemaOnlyBackupHasNoRowsForCsvOrJson() throws Exception {
        sql("update backups set type = 'schema-only' where id = ?", backup.backupId());
        createLink(tenant.operator(), backup.backupId(), body("format", "csv"))
                .then().statusCode(409).body("type", endsWith("/backup-has-no-data"))
                .body("detail", containsString("schema-only"));
        createLink(tenant.operator(), backup.backupId(), body("format", "json")).then().statusCode(409);
        createLink(tenant.operator(), backup.backupId(), body("format", "sql")).then().statusCode(201);
    }

    @Test
    void aCorruptedBackupNeedsForce() throws Exception {
        sql("update backups set corrupted = true where id = ?", backup.backupId());
        createLink(tenant.operator(), backup.backupId(), body("format", "sql"))
                .then().statusCode(409).body("type", endsWith("/backup-corrupted")).body("field", equalTo("force"));
        String url = linkFor(tenant.operator(), backup.backupId(), body("format", "sql", "force", true));
        assertThat(tokens.verify(url.substring(url.lastIndexOf('/') + 1)).force()).isTrue();
    }

    @Test
    void tablesComeFromTheCatalogRowsBackfilledOnceFromTheManifest() throws Exception {
        // no backup_entries rows (as for a backup completed before V4): the manifest fills them, as for contents
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "tables", List.of("sales.refunds")))
                .then().statusCode(201);
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "tables", List.of("public.elsewhere")))
                .then().statusCode(422).body("detail", containsString("public.elsewhere"));
        int rows = entryRows(backup.backupId());
        assertThat(rows).as("the manifest's entries, written once").isPositive();

        // from then on the rows count: a table only they name is found, one they lost is not
        sql("update backup_entries set table_name = 'only_in_rows' where backup_id = ? and table_name = 'refunds'",
                backup.backupId());
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "tables", List.of("only_in_rows")))
                .then().statusCode(201);
        createLink(tenant.operator(), backup.backupId(), body("format", "sql", "tables", List.of("sales.refunds")))
                .then().statusCode(422).body("type", endsWith("/tables-match-nothing"));
        assertThat(entryRows(backup.backupId())).as("no second backfill").isEqualTo(rows);
    }

    private void expect422(Map<String, ?> body, String field, String type) {
        createLink(tenant.operator(), backup.backupId(), body)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/" + type)).body("field", equalTo(field));
    }

    private static int entryRows(UUID backupId) throws Exception {
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select count(*) from backup_entries where backup_id = ?")) {
            s.setObject(1, backupId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
