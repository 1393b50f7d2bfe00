package io.arca.api;

import static io.restassured.RestAssured.given;

import io.arca.testing.ArcaInfraTestResource;
import io.arca.testing.InfraEnv;
import io.arca.testing.TestDatabases;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Base of the module's {@code @QuarkusTest}s: the one place that binds the real infrastructure (so Quarkus starts
 * once for all of them), plus helpers to create tenants, keys and sources through the API.
 */
@QuarkusTestResource(value = ArcaInfraTestResource.class, restrictToAnnotatedClass = false)
public abstract class ApiTest {
    /** Same value as {@code %test.arca.security.bootstrap-admin-key}. */
    public static final String BOOTSTRAP_KEY = "arca_testBootstrapKey000000000000000000000000";

    /** The keys of a freshly created tenant. */
    public record TenantKeys(UUID tenantId, String admin, String operator, String viewer) {
    }

    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** A new tenant with an admin, an operator and a viewer key. */
    public static TenantKeys newTenant() {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = as(BOOTSTRAP_KEY).body(Map.of("name", name)).post("/api/v1/tenants");
        created.then().statusCode(201);
        String admin = created.path("adminKey.secret");
        UUID tenantId = UUID.fromString(created.path("tenant.id"));
        return new TenantKeys(tenantId, admin, newKey(admin, "operator"), newKey(admin, "viewer"));
    }

    public static String newKey(String adminKey, String role) {
        return as(adminKey).body(Map.of("name", role + "-key", "role", role)).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("secret");
    }

    /** Request body of a source that points at the real test PostgreSQL (the catalog's server). */
    public static Map<String, Object> reachableSource(String name) {
        InfraEnv env = InfraEnv.require();
        return Map.of("name", name, "type", "postgresql", "host", env.pgHost(), "port", env.pgPort(),
                "database", System.getProperty("arca.test.database"), "username", env.pgUser(),
                "password", env.pgPassword(), "sslMode", "disable", "labels", Map.of("env", "test"));
    }

    public static String createSource(String key, String name) {
        return as(key).body(reachableSource(name)).post("/api/v1/sources")
                .then().statusCode(201).extract().path("id");
    }

    public static Map<String, Object> backupRequest(String sourceId) {
        return Map.of("sourceId", sourceId, "type", "full",
                "tables", Map.of("include", java.util.List.of("public.*"), "exclude", java.util.List.of(),
                        "excludeData", java.util.List.of("public.audit_log")),
                "compression", Map.of("algorithm", "zstd", "level", 3),
                "encrypt", true, "labels", Map.of("reason", "pre-deploy"));
    }

    /** A connection to this run's catalog database, as the superuser. */
    public static Connection catalog() throws SQLException {
        return new TestDatabases(InfraEnv.require()).connect(System.getProperty("arca.test.database"));
    }
}
