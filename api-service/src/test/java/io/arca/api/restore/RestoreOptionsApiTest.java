package io.arca.api.restore;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.api.backup.TestBackups;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The restore options: each bad input and what it gets (status, problem type, field), and accepted options shown
 * back as stored. The target is a new database, so nothing is overwritten and no confirmation is needed here
 * ({@link DataLossConfirmationTest} covers what is).
 */
@QuarkusTest
class RestoreOptionsApiTest extends ApiTest {
    private static final String INVALID_OPTION = "https://arca.dev/problems/invalid-restore-option";

    private TenantKeys tenant;
    private String sourceId;
    private String backupId;

    @BeforeEach
    void backupOfTwoTables() throws Exception {
        tenant = newTenant();
        sourceId = createSource(tenant.operator(), "shop");
        backupId = TestBackups.request(tenant, sourceId);
        TestBackups.completeWithEntries(backupId, tenant.tenantId(), "public.orders", "public.order_items",
                "sales.items");
    }

    private Map<String, Object> request(Object... options) {
        Map<String, Object> body = new HashMap<>();
        body.put("backupId", backupId);
        body.put("target", Map.of("sourceId", sourceId, "database", "restore_options_new"));
        for (int i = 0; i < options.length; i += 2) {
            body.put((String) options[i], options[i + 1]);
        }
        return body;
    }

    private ValidatableResponse post(Map<String, Object> body) {
        return as(tenant.operator()).body(body).post("/api/v1/restores").then();
    }

    private void refused(String field, Object... options) {
        post(request(options)).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(INVALID_OPTION)).body("field", equalTo(field));
    }

    @Test
    void contradictoryOrOutOfRangeOptionsAre422NamingTheField() throws Exception {
        refused("dataOnly", "dataOnly", true, "schemaOnly", true);
        refused("dropExisting", "dataOnly", true, "dropExisting", true);
        refused("tables", "mode", "merge");
        refused("tables", "mode", "merge", "tables", List.of());
        refused("schemaOnly", "mode", "merge", "tables", List.of("public.orders"), "schemaOnly", true);
        refused("dataOnly", "mode", "merge", "tables", List.of("public.orders"), "dataOnly", true);
        refused("dropExisting", "mode", "merge", "tables", List.of("public.orders"), "dropExisting", true);
        refused("onConflict", "onConflict", "skip");
        refused("onConflict", "mode", "replace", "onConflict", "overwrite");
        refused("onConflict", "mode", "merge", "tables", List.of("public.orders"), "onConflict", "replace");
        refused("mode", "mode", "upsert");
        refused("parallelism", "parallelism", 0);
        refused("parallelism", "parallelism", 17);
        refused("parallelism", "parallelism", -3);
        // patterns are checked as backups check them (same words), as a restore option a 422
        post(request("tables", List.of("public.orders", "no_schema_given"))).statusCode(422)
                .body("type", equalTo(INVALID_OPTION)).body("field", equalTo("tables[1]"))
                .body("detail", containsString("schema.table"));
        refused("tables[0]", "tables", List.of(""));
        refused("tables[0]", "tables", List.of("public.bad\tname"));
        assertThat(restoresOfBackup()).as("nothing recorded for a refused request").isZero();
    }

    @Test
    void patternsMatchingNoTableOfTheBackupAreNamed() throws Exception {
        post(request("tables", List.of("public.orders", "public.missing", "archive.*"))).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://arca.dev/problems/tables-match-nothing"))
                .body("field", equalTo("tables"))
                .body("unmatchedPatterns", equalTo(List.of("public.missing", "archive.*")))
                .body("detail", containsString("[public.missing, archive.*]"));
        // matched as the engine matches: case-sensitive names, '*' any characters
        post(request("tables", List.of("public.Orders"))).statusCode(422)
                .body("unmatchedPatterns", equalTo(List.of("public.Orders")));
        post(request("tables", List.of("public.order*", "*.items"))).statusCode(202);
    }

    @Test
    void wrongTypesAndUnknownFieldsAre400AsForBackups() {
        post(request("dryRun", "yes")).statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/invalid-type")).body("field", equalTo("dryRun"));
        post(request("parallelism", 2.5)).statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/invalid-type")).body("field", equalTo("parallelism"));
        post(request("parallelism", "4")).statusCode(400).body("field", equalTo("parallelism"));
        post(request("tables", "public.orders")).statusCode(400).body("field", equalTo("tables"));
        post(request("confirmDataloss", true)).statusCode(400)
                .body("type", equalTo("https://arca.dev/problems/unknown-field"))
                .body("field", equalTo("confirmDataloss"));
        // the target database name is checked as before: 400 naming target.database
        as(tenant.operator()).body(Map.of("backupId", backupId, "target", Map.of("sourceId", sourceId,
                        "database", "postgres"), "dryRun", true)).post("/api/v1/restores")
                .then().statusCode(400).body("type", equalTo("https://arca.dev/problems/validation-failed"))
                .body("field", equalTo("target.database"));
    }

    @Test
    void acceptedOptionsAreShownBackAsStored() throws Exception {
        String id = post(request("tables", List.of("public.order*"), "schemaOnly", true, "skipOwnership", true,
                "strict", true, "parallelism", 4, "safetyBackup", false, "force", false))
                .statusCode(202)
                .body("dryRun", equalTo(false)).body("preview", nullValue()).body("result", nullValue())
                .body("safetyBackupId", nullValue())
                .body("options.tables", equalTo(List.of("public.order*"))).body("options.mode", equalTo("replace"))
                .body("options.onConflict", equalTo("skip")).body("options.schemaOnly", equalTo(true))
                .body("options.dataOnly", equalTo(false)).body("options.skipOwnership", equalTo(true))
                .body("options.dropExisting", equalTo(false)).body("options.strict", equalTo(true))
                .body("options.confirmDataLoss", equalTo(false)).body("options.safetyBackup", equalTo(false))
                .body("options.parallelism", equalTo(4)).body("options.force", equalTo(false))
                .extract().path("id");
        as(tenant.viewer()).get("/api/v1/restores/" + id).then().statusCode(200)
                .body("options.tables", equalTo(List.of("public.order*"))).body("options.parallelism", equalTo(4))
                .body("options.strict", equalTo(true)).body("dryRun", equalTo(false));
        as(tenant.viewer()).get("/api/v1/restores?backupId=" + backupId).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].options.skipOwnership", equalTo(true))
                .body("items[0].dryRun", equalTo(false));
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select options->>'schemaOnly', options->'tables'->>0, options->>'parallelism', "
                        + "options->>'safetyBackup', dry_run, (options->'dryRun') is not null "
                        + "from restores where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("true");
                assertThat(rs.getString(2)).isEqualTo("public.order*");
                assertThat(rs.getString(3)).isEqualTo("4");
                assertThat(rs.getString(4)).isEqualTo("false");
                assertThat(rs.getBoolean(5)).isFalse();
                assertThat(rs.getBoolean(6)).as("dryRun is its own column, not an option").isFalse();
            }
        }
    }

    @Test
    void defaultsAreStoredAndParallelismLeftToTheWorker() {
        post(request()).statusCode(202)
                .body("options.tables", equalTo(List.of())).body("options.mode", equalTo("replace"))
                .body("options.onConflict", equalTo("skip")).body("options.safetyBackup", equalTo(true))
                .body("options.confirmDataLoss", equalTo(false)).body("options.containsKey('parallelism')",
                        equalTo(false)).body("dryRun", equalTo(false));
    }

    @Test
    void aDryRunIsRecordedAsOne() throws Exception {
        String id = post(request("dryRun", true, "tables", List.of("sales.items"))).statusCode(202)
                .body("dryRun", equalTo(true)).body("state", equalTo("pending"))
                .body("safetyBackupId", nullValue()).extract().path("id");
        as(tenant.viewer()).get("/api/v1/restores/" + id).then().body("dryRun", equalTo(true));
        try (Connection c = catalog(); PreparedStatement s = c.prepareStatement(
                "select dry_run, safety_backup_id from restores where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getObject(2)).isNull();
            }
        }
    }

    @Test
    void anIdempotencyKeyCoversEveryOption() {
        String id = as(tenant.operator()).header("Idempotency-Key", "opts-1")
                .body(request("tables", List.of("public.orders"), "dryRun", true)).post("/api/v1/restores")
                .then().statusCode(202).extract().path("id");
        as(tenant.operator()).header("Idempotency-Key", "opts-1")
                .body(request("tables", List.of("public.orders"), "dryRun", true)).post("/api/v1/restores")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));
        // defaults spelled out are the same request
        as(tenant.operator()).header("Idempotency-Key", "opts-1")
                .body(request("tables", List.of("public.orders"), "dryRun", true, "mode", "replace",
                        "safetyBackup", true)).post("/api/v1/restores")
                .then().statusCode(202).body("id", equalTo(id));
        for (Map<String, Object> changed : List.of(
                request("tables", List.of("public.orders"), "dryRun", false),
                request("tables", List.of("public.orders", "sales.items"), "dryRun", true),
                request("tables", List.of("public.orders"), "dryRun", true, "parallelism", 3),
                request("tables", List.of("public.orders"), "dryRun", true, "skipOwnership", true),
                request("tables", List.of("public.orders"), "dryRun", true, "confirmDataLoss", true),
                request("tables", List.of("public.orders"), "dryRun", true, "safetyBackup", false))) {
            as(tenant.operator()).header("Idempotency-Key", "opts-1").body(changed).post("/api/v1/restores")
                    .then().statusCode(422)
                    .body("type", equalTo("https://arca.dev/problems/idempotency-key-reused"))
                    .body("field", equalTo("Idempotency-Key"));
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryRequestAndViewField() {
        for (String schema : List.of("RestoreRequest", "Restore", "RestoreTarget")) {
            Map<String, Map<String, Object>> properties = given().queryParam("format", "json").get("/q/openapi")
                    .then().statusCode(200).extract().path("components.schemas." + schema + ".properties");
            assertThat(properties).as(schema).isNotEmpty();
            properties.forEach((name, property) -> assertThat(property).as(schema + "." + name)
                    .containsKey("description"));
        }
    }

    private long restoresOfBackup() throws Exception {
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select count(*) from restores where backup_id = ?")) {
            s.setObject(1, UUID.fromString(backupId));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
