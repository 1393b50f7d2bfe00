package io.arca.api.contents;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.api.backup.StoredBackups;
import io.arca.api.backup.TestBackups;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.DumpPlan;
import io.arca.pg.EntryKind;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupContentsApiTest extends ApiTest {
    @Inject
    ObjectStore store;

    @Inject
    io.arca.storage.TenantKeys keys;

    private TenantKeys tenant;
    private String sourceId;

    @BeforeEach
    void tenantWithASource() {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
    }

    @Test
    void listsTheCatalogRowsInRestoreOrderWithoutTheDumpPlan() throws Exception {
        String id = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(id, tenant.tenantId(), "public.orders", "sales.items", "public.audit");

        as(tenant.viewer()).get("/api/v1/backups/" + id + "/contents").then().statusCode(200)
                .body("items", hasSize(5)).body("nextCursor", nullValue())
                .body("items.kind", equalTo(List.of("pre-data", "table-data", "table-data", "table-data",
                        "post-data")))
                .body("items[1].name", equalTo("data/16385")).body("items[1].schema", equalTo("public"))
                .body("items[1].table", equalTo("orders")).body("items[1].rows", equalTo(10))
                .body("items[1].bytes", equalTo(1000)).body("items[1].storedBytes", equalTo(500))
                .body("items[1].chunkCount", equalTo(1))
                .body("items[2].table", equalTo("items")).body("items[2].schema", equalTo("sales"))
                .body("items[0].rows", nullValue()).body("items[0].table", nullValue());
    }

    @Test
    void pagesFollowTheRestoreOrder() throws Exception {
        String id = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(id, tenant.tenantId(), "public.a", "public.b", "public.c");

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = as(tenant.viewer()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/backups/" + id + "/contents").then().statusCode(200)
                    .extract().jsonPath();
            names.addAll(page.getList("items.name"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("pre-data", "data/16385", "data/16386", "data/16387", "post-data");
    }

    @Test
    void aBackupWithoutRowsGetsThemFromItsManifestOnce() throws Exception {
        TestDatabases databases = new TestDatabases(InfraEnv.require());
        String database = TestBackups.smallDatabase();
        try {
            StoredBackups.Stored stored = new StoredBackups(store, keys).backUp(tenant, "small", database);
            String id = stored.backupId().toString();
            Manifest manifest = stored.manifest();
            assertThat(entryRows(id)).as("a backup completed before catalog rows existed").isZero();

            JsonPath contents = as(tenant.viewer()).get("/api/v1/backups/" + id + "/contents").then()
                    .statusCode(200).extract().jsonPath();

            // restore order: the manifest's entries by kind (stable: one kind's entries keep the manifest's order)
            List<ManifestEntry> listed = manifest.entries().stream()
                    .filter(e -> !e.kind().equals(DumpPlan.ENTRY_KIND))
                    .sorted(Comparator.comparing(e -> EntryKind.ofLabel(e.kind()).orElseThrow())).toList();
            assertThat(contents.getList("items.name")).containsExactlyElementsOf(
                    listed.stream().map(ManifestEntry::name).toList());
            for (int i = 0; i < listed.size(); i++) {
                ManifestEntry e = listed.get(i);
                Map<String, Object> item = contents.getMap("items[" + i + "]");
                assertThat(item.get("kind")).isEqualTo(e.kind());
                assertThat(((Number) item.get("bytes")).longValue()).isEqualTo(e.size());
                assertThat(((Number) item.get("storedBytes")).longValue()).isEqualTo(e.storedSize());
                assertThat(item.get("chunkCount")).isEqualTo(e.chunks().size());
            }
            assertThat(contents.getList("items.table")).contains("orders", "items");
            assertThat(contents.getInt("items.find { it.table == 'orders' }.rows")).isEqualTo(120);
            assertThat(contents.getInt("items.find { it.table == 'items' }.rows")).isEqualTo(7);
            assertThat(contents.getString("items.find { it.table == 'items' }.schema")).isEqualTo("sales");
            assertThat(entryRows(id)).isEqualTo(manifest.entries().size());

            // from now on the catalog answers: the manifest is not read again
            store.delete(RepositoryLayout.manifestKey(tenant.tenantId().toString(), id));
            as(tenant.viewer()).get("/api/v1/backups/" + id + "/contents").then().statusCode(200)
                    .body("items.name", equalTo(contents.getList("items.name")));
        } finally {
            databases.drop(database);
        }
    }

    @Test
    void aManifestMissingFromTheBucketIsAClearConflict() throws Exception {
        String id = TestBackups.request(tenant, sourceId);
        TestBackups.setState(id, "completed");
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update backups set manifest_sha256 = ? where id = ?")) {
            ps.setString(1, "ab".repeat(32));
            ps.setObject(2, UUID.fromString(id));
            ps.executeUpdate();
        }
        as(tenant.viewer()).get("/api/v1/backups/" + id + "/contents").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/manifest-unreadable"))
                .body("detail", containsString("missing from the bucket"));
    }

    @Test
    void aReplacedManifestIsRefused() throws Exception {
        String database = TestBackups.smallDatabase();
        try {
            String id = new StoredBackups(store, keys).backUp(tenant, "small", database).backupId().toString();
            try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                    "update backups set manifest_sha256 = ? where id = ?")) {
                ps.setString(1, "cd".repeat(32));
                ps.setObject(2, UUID.fromString(id));
                ps.executeUpdate();
            }
            as(tenant.viewer()).get("/api/v1/backups/" + id + "/contents").then().statusCode(409)
                    .body("type", equalTo("https://arca.dev/problems/manifest-unreadable"))
                    .body("detail", containsString("SHA-256"));
            assertThat(entryRows(id)).isZero();
        } finally {
            new TestDatabases(InfraEnv.require()).drop(database);
        }
    }

    @Test
    void onlyACompletedBackupHasContents() {
        String id = TestBackups.request(tenant, sourceId);
        as(tenant.viewer()).get("/api/v1/backups/" + id + "/contents").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/conflict"))
                .body("detail", containsString("pending"));
    }

    @Test
    void unknownOrForeignBackupsAndBadParametersGetProblems() throws Exception {
        String id = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(id, tenant.tenantId(), "public.orders");
        TenantKeys other = newTenant();

        as(other.admin()).get("/api/v1/backups/" + id + "/contents").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://arca.dev/problems/not-found"));
        as(tenant.viewer()).get("/api/v1/backups/" + UUID.randomUUID() + "/contents").then().statusCode(404)
                .body("type", equalTo("https://arca.dev/problems/not-found"));
        as(tenant.viewer()).get("/api/v1/backups/not-a-uuid/contents").then().statusCode(404)
                .contentType("application/problem+json");
        as(tenant.viewer()).queryParam("cursor", "garbage").get("/api/v1/backups/" + id + "/contents").then()
                .statusCode(400).body("field", equalTo("cursor"));
        as(tenant.viewer()).queryParam("limit", "0").get("/api/v1/backups/" + id + "/contents").then()
                .statusCode(400).body("field", equalTo("limit"));
        given().get("/api/v1/backups/" + id + "/contents").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private static long entryRows(String backupId) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from backup_entries where backup_id = ?")) {
            ps.setObject(1, UUID.fromString(backupId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
