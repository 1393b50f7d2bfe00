package io.arca.api.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restore that would overwrite or drop data the target holds needs {@code confirmDataLoss: true}: without it, 409
 * {@code data-loss-unconfirmed} whose {@code wouldOverwrite} lists the target's tables with their rows now; with it,
 * the restore and a safety backup of exactly those tables are recorded together. Nothing overwritten, a dry run, or
 * {@code safetyBackup: false}: no safety backup. The target is a real database on the test server.
 */
@QuarkusTest
class DataLossConfirmationTest extends ApiTest {
    private static final String UNCONFIRMED = "https://arca.dev/problems/data-loss-unconfirmed";

    private final TestDatabases databases = new TestDatabases(InfraEnv.require());
    private TenantKeys tenant;
    private String sourceId;
    private String backupId;
    /** Holds public.orders (3 rows) and public.items (empty), as a live database would. */
    private String target;

    @BeforeEach
    void liveTargetAndABackupOfItsTables() throws Exception {
        target = databases.createFresh("live");
        try (Connection c = databases.connect(target); Statement s = c.createStatement()) {
            s.execute("create table public.orders (id int primary key, note text)");
            s.execute("insert into public.orders values (1, 'a'), (2, 'b'), (3, 'c')");
            s.execute("create table public.items (id int primary key)");
        }
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(backupId, tenant.tenantId(), "public.orders", "public.items",
                "public.invoices");
    }

    @AfterEach
    void dropTarget() {
        databases.drop(target);
    }

    private ValidatableResponse restore(String database, Object... options) {
        Map<String, Object> body = new HashMap<>();
        body.put("backupId", backupId);
        body.put("target", Map.of("sourceId", sourceId, "database", database));
        for (int i = 0; i < options.length; i += 2) {
            body.put((String) options[i], options[i + 1]);
        }
        return as(tenant.operator()).body(body).post("/api/v1/restores").then();
    }

    @Test
    void dropExistingOverExistingTablesIsRefusedListingThemWithTheirRows() throws Exception {
        restore(target, "dropExisting", true, "tables", List.of("public.*")).statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(UNCONFIRMED))
                .body("field", equalTo("confirmDataLoss"))
                .body("detail", containsString("public.orders: 3 rows"))
                .body("wouldOverwrite.database", equalTo(target))
                .body("wouldOverwrite.backedUpDatabase", equalTo(false))
                // dropExisting replaces every existing restored table, even an empty one; invoices is not there
                .body("wouldOverwrite.tables", hasSize(2))
                .body("wouldOverwrite.tables.find { it.table == 'orders' }.rows", equalTo(3))
                .body("wouldOverwrite.tables.find { it.table == 'orders' }.rowsEstimated", equalTo(false))
                .body("wouldOverwrite.tables.find { it.table == 'items' }.rows", equalTo(0))
                .body("wouldOverwrite.rows", equalTo(3));
        assertThat(count("select count(*) from restores where backup_id = ?", backupId)).isZero();
    }

    @Test
    void confirmedRestoreIsRecordedWithASafetyBackupOfExactlyTheOverwrittenTables() throws Exception {
        String id = restore(target, "dropExisting", true, "tables", List.of("public.orders", "public.invoices"),
                "confirmDataLoss", true).statusCode(202)
                .body("safetyBackupId", notNullValue()).extract().path("id");
        String safetyId = as(tenant.viewer()).get("/api/v1/restores/" + id).then().statusCode(200)
                .extract().path("safetyBackupId");
        as(tenant.viewer()).get("/api/v1/backups/" + safetyId).then().statusCode(200)
                .body("origin", equalTo("safety")).body("sourceId", equalTo(sourceId))
                .body("databaseName", equalTo(target)).body("state", equalTo("pending"))
                .body("type", equalTo("full"))
                .body("options.tables.include", equalTo(List.of("\"public\".\"orders\"")))
                .body("labels.'arca.restore'", equalTo(id));
        as(tenant.viewer()).get("/api/v1/backups?sourceId=" + sourceId).then().statusCode(200)
                .body("items.find { it.id == '" + safetyId + "' }.origin", equalTo("safety"));
        assertThat(count("select count(*) from restores where safety_backup_id = ?", safetyId)).isEqualTo(1);
        // a backup of the target's overwritten tables is no recovery point of the source
        String backupCreatedAt = as(tenant.viewer()).get("/api/v1/backups/" + backupId).then().extract()
                .path("createdAt");
        as(tenant.viewer()).get("/api/v1/sources/" + sourceId).then().statusCode(200)
                .body("lastBackupAt", equalTo(backupCreatedAt));
        // the safety backup's job message is in the outbox like any backup's, before the restore's, same key
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement("select payload->>'jobId', "
                + "payload->>'kind', message_key from outbox where stream = 'jobs' and payload->>'jobId' in (?, ?) "
                + "order by id")) {
            s.setString(1, safetyId);
            s.setString(2, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(safetyId);
                assertThat(rs.getString(2)).isEqualTo("backup");
                assertThat(rs.getString(3)).isEqualTo(sourceId);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(id);
                assertThat(rs.getString(2)).isEqualTo("restore");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void dropExistingAlsoListsTablesTheBackupDefinesWithoutTheirRows() throws Exception {
        // the test backups leave out public.audit_log's rows (excludeData): no catalog row names it, but a restore
        // with dropExisting re-creates it empty, so the target's rows there are lost too
        try (Connection c = databases.connect(target); Statement s = c.createStatement()) {
            s.execute("create table public.audit_log (id int, what text)");
            s.execute("insert into public.audit_log values (1, 'x'), (2, 'y')");
            s.execute("create schema sales");
            s.execute("create table sales.other (id int)");
        }
        restore(target, "dropExisting", true).statusCode(409).body("type", equalTo(UNCONFIRMED))
                .body("wouldOverwrite.tables.table", containsInAnyOrder("orders", "items", "audit_log"))
                .body("wouldOverwrite.tables.find { it.table == 'audit_log' }.rows", equalTo(2))
                // only schemas the backup's tables live in; public is never dropped
                .body("wouldOverwrite.schemas", hasSize(0));
        restore(target, "dropExisting", true, "tables", List.of("public.orders")).statusCode(409)
                .body("wouldOverwrite.tables.table", equalTo(List.of("orders")));
        String safetyId = restore(target, "dropExisting", true, "confirmDataLoss", true).statusCode(202)
                .extract().path("safetyBackupId");
        as(tenant.viewer()).get("/api/v1/backups/" + safetyId).then()
                .body("options.tables.include", containsInAnyOrder("\"public\".\"orders\"",
                        "\"public\".\"items\"", "\"public\".\"audit_log\""));
        // dataOnly loads only the rows the backup holds: audit_log is not touched
        restore(target, "dataOnly", true, "tables", List.of("public.items")).statusCode(202)
                .body("safetyBackupId", nullValue());
    }

    @Test
    void dataOnlyNeedsConfirmationOnlyForTablesHoldingRows() throws Exception {
        restore(target, "dataOnly", true, "tables", List.of("public.items")).statusCode(202)
                .body("safetyBackupId", nullValue());
        restore(target, "dataOnly", true, "tables", List.of("public.items", "public.orders")).statusCode(409)
                .body("type", equalTo(UNCONFIRMED)).body("wouldOverwrite.tables", hasSize(1))
                .body("wouldOverwrite.tables[0].schema", equalTo("public"))
                .body("wouldOverwrite.tables[0].table", equalTo("orders"))
                .body("wouldOverwrite.tables[0].rows", equalTo(3))
                .body("wouldOverwrite.tables[0].bytes", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void mergeNeedsConfirmationOnlyToOverwrite() {
        restore(target, "mode", "merge", "tables", List.of("public.orders")).statusCode(202)
                .body("safetyBackupId", nullValue()).body("options.onConflict", equalTo("skip"));
        restore(target, "mode", "merge", "tables", List.of("public.orders"), "onConflict", "overwrite")
                .statusCode(409).body("type", equalTo(UNCONFIRMED))
                .body("wouldOverwrite.tables[0].table", equalTo("orders"));
        restore(target, "mode", "merge", "tables", List.of("public.orders"), "onConflict", "overwrite",
                "confirmDataLoss", true).statusCode(202).body("safetyBackupId", notNullValue());
    }

    @Test
    void nothingOverwrittenNeedsNoConfirmationAndTakesNoSafetyBackup() throws Exception {
        restore(target + "_new", "dropExisting", true).statusCode(202).body("safetyBackupId", nullValue());
        restore(target, "dropExisting", true, "tables", List.of("public.invoices")).statusCode(202)
                .body("safetyBackupId", nullValue());
        assertThat(count("select count(*) from backups where origin = 'safety' and tenant_id = ?",
                tenant.tenantId().toString())).isZero();
    }

    @Test
    void aDryRunNeedsNoConfirmationAndTakesNoSafetyBackup() throws Exception {
        String id = restore(target, "dropExisting", true, "dryRun", true).statusCode(202)
                .body("dryRun", equalTo(true)).body("safetyBackupId", nullValue()).extract().path("id");
        assertThat(count("select count(*) from restores where id = ? and dry_run", id)).isEqualTo(1);
        assertThat(count("select count(*) from backups where origin = 'safety' and tenant_id = ?",
                tenant.tenantId().toString())).isZero();
    }

    @Test
    void safetyBackupFalseSkipsIt() {
        restore(target, "dropExisting", true, "confirmDataLoss", true, "safetyBackup", false).statusCode(202)
                .body("safetyBackupId", nullValue()).body("options.safetyBackup", equalTo(false));
    }

    @Test
    void aReplayedIdempotencyKeyNeitherInspectsAgainNorTakesASecondSafetyBackup() throws Exception {
        Map<String, Object> body = Map.of("backupId", backupId, "target", Map.of("sourceId", sourceId,
                "database", target), "dataOnly", true, "confirmDataLoss", true);
        String safetyId = as(tenant.operator()).header("Idempotency-Key", "dl-1").body(body)
                .post("/api/v1/restores").then().statusCode(202).extract().path("safetyBackupId");
        databases.drop(target); // a replay that inspected would now fail or find nothing to save
        as(tenant.operator()).header("Idempotency-Key", "dl-1").body(body).post("/api/v1/restores")
                .then().statusCode(202).header("Idempotent-Replayed", "true")
                .body("safetyBackupId", equalTo(safetyId));
        assertThat(count("select count(*) from backups where origin = 'safety' and tenant_id = ?",
                tenant.tenantId().toString())).isEqualTo(1);
    }

    @Test
    void aTargetThatCannotBeInspectedIsRefusedOnlyWhenDataMayBeOverwritten() {
        Map<String, Object> unreachable = new HashMap<>(reachableSource("gone"));
        unreachable.put("port", 1);
        String gone = as(tenant.operator()).body(unreachable).post("/api/v1/sources").then().statusCode(201)
                .extract().path("id");
        Map<String, Object> body = new HashMap<>(Map.of("backupId", backupId,
                "target", Map.of("sourceId", gone, "database", "somewhere")));
        as(tenant.operator()).body(body).post("/api/v1/restores").then().statusCode(202);
        body.put("dropExisting", true);
        as(tenant.operator()).body(body).post("/api/v1/restores").then().statusCode(409)
                .body("type", equalTo("https://arca.dev/problems/target-not-inspectable"))
                .body("field", equalTo("target.sourceId")).body("detail", containsString("unreachable"));
        body.put("confirmDataLoss", true);
        body.put("safetyBackup", false);
        as(tenant.operator()).body(body).post("/api/v1/restores").then().statusCode(202);
    }

    @Test
    void theBackedUpDatabaseItselfTakesDropExistingDataOnlyOrMergeAndAlwaysConfirmation() throws Exception {
        Map<String, Object> own = new HashMap<>(reachableSource("live"));
        own.put("database", target);
        String ownSource = as(tenant.operator()).body(own).post("/api/v1/sources").then().statusCode(201)
                .extract().path("id");
        String ownBackup = TestBackups.request(tenant, ownSource);
        TestBackups.completeWithEntries(ownBackup, tenant.tenantId(), "public.orders", "public.items");
        Map<String, Object> base = Map.of("backupId", ownBackup, "target", Map.of("sourceId", ownSource,
                "database", target));

        // a plain restore would conflict with every object: refused, confirmed or not, dry run or not
        for (Map<String, Object> plain : List.of(Map.<String, Object>of(), Map.<String, Object>of(
                "confirmDataLoss", true), Map.<String, Object>of("dryRun", true))) {
            post(base, plain).statusCode(409).body("type", equalTo("https://arca.dev/problems/conflict"))
                    .body("field", equalTo("target.database")).body("detail", containsString("backed-up database"));
        }
        // merge with skip overwrites nothing, but the backed-up database is confirmed all the same
        post(base, Map.of("mode", "merge", "tables", List.of("public.orders"))).statusCode(409)
                .body("type", equalTo(UNCONFIRMED)).body("wouldOverwrite.backedUpDatabase", equalTo(true))
                .body("wouldOverwrite.tables", hasSize(0));
        post(base, Map.of("dataOnly", true)).statusCode(409).body("type", equalTo(UNCONFIRMED))
                .body("wouldOverwrite.backedUpDatabase", equalTo(true))
                .body("wouldOverwrite.tables.table", equalTo(List.of("orders")));
        post(base, Map.of("dataOnly", true, "dryRun", true)).statusCode(202).body("safetyBackupId", nullValue());
        post(base, Map.of("mode", "merge", "tables", List.of("public.orders"), "confirmDataLoss", true))
                .statusCode(202).body("safetyBackupId", nullValue());
        String safetyId = post(base, Map.of("dataOnly", true, "confirmDataLoss", true)).statusCode(202)
                .extract().path("safetyBackupId");
        // the source's own database: databaseName stays null, as for every other backup of the source
        as(tenant.viewer()).get("/api/v1/backups/" + safetyId).then().body("origin", equalTo("safety"))
                .body("databaseName", nullValue()).body("sourceId", equalTo(ownSource))
                .body("options.tables.include", equalTo(List.of("\"public\".\"orders\"")));

        // through another host name of the same server, the same database is recognised by server identity
        Map<String, Object> alias = new HashMap<>(reachableSource("alias"));
        alias.put("host", "localhost".equals(InfraEnv.require().pgHost()) ? "127.0.0.1" : "localhost");
        alias.put("database", "postgres");
        String aliasSource = as(tenant.operator()).body(alias).post("/api/v1/sources").then().statusCode(201)
                .extract().path("id");
        post(Map.of("backupId", ownBackup, "target", Map.of("sourceId", aliasSource, "database", target)),
                Map.of("dataOnly", true)).statusCode(409).body("type", equalTo(UNCONFIRMED))
                .body("wouldOverwrite.backedUpDatabase", equalTo(true));
    }

    @Test
    void arcasCatalogDatabaseIsRefusedWhateverTheOptions() {
        String catalogDatabase = System.getProperty("arca.test.database");
        for (Map<String, Object> options : List.of(Map.<String, Object>of("dropExisting", true,
                "confirmDataLoss", true), Map.<String, Object>of("dataOnly", true, "confirmDataLoss", true,
                "safetyBackup", false), Map.<String, Object>of("dryRun", true))) {
            post(Map.of("backupId", backupId, "target", Map.of("sourceId", sourceId, "database", catalogDatabase)),
                    options).statusCode(409).body("field", equalTo("target.database"))
                    .body("detail", containsString("catalog database"));
        }
    }

    private ValidatableResponse post(Map<String, Object> base, Map<String, Object> options) {
        Map<String, Object> body = new HashMap<>(base);
        body.putAll(options);
        return as(tenant.operator()).body(body).post("/api/v1/restores").then();
    }

    private static long count(String sql, String id) throws Exception {
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
