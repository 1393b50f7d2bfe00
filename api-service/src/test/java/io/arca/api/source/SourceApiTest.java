package io.arca.api.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class SourceApiTest extends ApiTest {
    private TenantKeys tenant;

    @BeforeEach
    void tenant() {
        tenant = newTenant();
    }

    @Test
    void createGetUpdateListDelete() throws Exception {
        var created = as(tenant.operator()).body(reachableSource("shop")).post("/api/v1/sources")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/sources/"))
                .body("name", equalTo("shop")).body("type", equalTo("postgresql"))
                .body("sslMode", equalTo("disable")).body("labels.env", equalTo("test"))
                .body("$", not(hasKey("password")))
                .extract();
        String id = created.path("id");

        as(tenant.viewer()).get("/api/v1/sources/" + id).then().statusCode(200)
                .body("database", equalTo(System.getProperty("arca.test.database")))
                .body("$", not(hasKey("password")));

        Map<String, Object> update = new HashMap<>(reachableSource("shop-renamed"));
        update.remove("password"); // keeps the stored password
        update.put("labels", Map.of("env", "prod"));
        as(tenant.operator()).body(update).put("/api/v1/sources/" + id).then().statusCode(200)
                .body("name", equalTo("shop-renamed")).body("labels.env", equalTo("prod"));
        as(tenant.operator()).post("/api/v1/sources/" + id + "/check").then().statusCode(200)
                .body("ok", equalTo(true));

        createSource(tenant.operator(), "second");
        as(tenant.viewer()).queryParam("limit", 1).get("/api/v1/sources").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].name", equalTo("second"))
                .body("nextCursor", notNullValue());

        as(tenant.operator()).delete("/api/v1/sources/" + id).then().statusCode(204);
        as(tenant.viewer()).get("/api/v1/sources/" + id).then().statusCode(404);
    }

    @Test
    void passwordIsSealedAtRest() throws Exception {
        String id = createSource(tenant.operator(), "sealed");
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("select password_sealed from sources where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                byte[] sealed = rs.getBytes(1);
                String password = (String) reachableSource("x").get("password");
                assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(password);
                assertThat(sealed.length).isGreaterThan(1 + 12 + 16);
            }
        }
    }

    @Test
    void duplicateNameIs409() {
        createSource(tenant.operator(), "dup");
        as(tenant.operator()).body(reachableSource("dup")).post("/api/v1/sources").then().statusCode(409)
                .body("field", equalTo("name"));
    }

    @Test
    void sourceWithBackupsCannotBeDeleted() {
        String id = createSource(tenant.operator(), "busy");
        as(tenant.operator()).body(backupRequest(id)).post("/api/v1/backups").then().statusCode(202);
        as(tenant.operator()).delete("/api/v1/sources/" + id).then().statusCode(409);
    }

    @ParameterizedTest
    @CsvSource({
            "name, ''", "name, 'bad name!'", "type, mysql", "host, ''", "host, 'evil host/'", "port, 0",
            "port, 70000", "database, ''", "username, ''", "sslMode, sometimes", "password, "})
    void invalidFieldsAre400WithTheField(String field, String value) {
        Map<String, Object> body = new HashMap<>(reachableSource("valid"));
        if (field.equals("port")) {
            body.put(field, Integer.parseInt(value));
        } else {
            body.put(field, value);
        }
        as(tenant.operator()).body(body).post("/api/v1/sources").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }

    @Test
    void checkReportsPreciseReasons() {
        String ok = createSource(tenant.operator(), "ok");
        as(tenant.operator()).post("/api/v1/sources/" + ok + "/check").then().statusCode(200)
                .body("ok", equalTo(true)).body("serverVersion", notNullValue())
                .body("databaseSizeBytes", greaterThan(0));

        Map<String, Object> wrongPassword = new HashMap<>(reachableSource("wrong-password"));
        wrongPassword.put("password", "definitely-not-the-password");
        assertReason(wrongPassword, "auth-failed");

        Map<String, Object> missingDb = new HashMap<>(reachableSource("missing-db"));
        missingDb.put("database", "no_such_database_" + System.nanoTime());
        assertReason(missingDb, "database-missing");

        Map<String, Object> closedPort = new HashMap<>(reachableSource("closed-port"));
        closedPort.put("host", "127.0.0.1");
        closedPort.put("port", 1);
        assertReason(closedPort, "unreachable");
    }

    private void assertReason(Map<String, Object> body, String reason) {
        String id = as(tenant.operator()).body(body).post("/api/v1/sources").then().statusCode(201)
                .extract().path("id");
        as(tenant.operator()).post("/api/v1/sources/" + id + "/check").then().statusCode(200)
                .body("ok", equalTo(false)).body("reason", equalTo(reason)).body("detail", notNullValue());
    }
}
