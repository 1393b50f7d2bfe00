package io.arca.api.restore;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.arca.testing.InfraEnv;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Targets are told apart by what the server is (its system identifier), not by how a source names it: Arca's own
 * catalog database and the backed-up database are refused whichever host alias, and whatever database of that
 * server, the target source is configured with.
 */
@QuarkusTest
class RestoreTargetGuardTest extends ApiTest {

    /** The same test server under the other loopback name than the one the test environment uses. */
    private static String alias() {
        return "localhost".equals(InfraEnv.require().pgHost()) ? "127.0.0.1" : "localhost";
    }

    private static String source(TenantKeys tenant, String name, String host, String database) {
        Map<String, Object> body = new HashMap<>(reachableSource(name));
        body.put("host", host);
        body.put("database", database);
        return as(tenant.operator()).body(body).post("/api/v1/sources").then().statusCode(201).extract().path("id");
    }

    private static String completedBackup(TenantKeys tenant, String sourceId) throws Exception {
        String id = as(tenant.operator()).body(backupRequest(sourceId)).post("/api/v1/backups")
                .then().statusCode(202).extract().path("id");
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement("update backups set state = 'completed' where id = ?")) {
            s.setObject(1, UUID.fromString(id));
            s.executeUpdate();
        }
        return id;
    }

    private static io.restassured.response.Response restore(TenantKeys tenant, String backup, String target,
            String database) {
        return as(tenant.operator()).body(Map.of("backupId", backup, "target", Map.of("sourceId", target,
                "database", database))).post("/api/v1/restores");
    }

    @Test
    void arcasOwnCatalogDatabaseIsRefusedThroughAnySourceOfItsServer() throws Exception {
        TenantKeys tenant = newTenant();
        String catalogDatabase = System.getProperty("arca.test.database");
        String backup = completedBackup(tenant, createSource(tenant.operator(), "shop"));
        // a source of the catalog's server under another name, configured with another database of it
        String alias = source(tenant, "maintenance", alias(), "postgres");

        restore(tenant, backup, alias, catalogDatabase).then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("target.database"))
                .body("detail", containsString("Arca's own catalog database"));
        restore(tenant, backup, alias, "restored_beside_the_catalog").then().statusCode(202);
    }

    @Test
    void theBackedUpDatabaseIsRefusedThroughAnotherHostNameOfItsServer() throws Exception {
        TenantKeys tenant = newTenant();
        String database = "guard_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = catalog(); Statement s = c.createStatement()) {
            s.execute("create database " + database);
        }
        try {
            String backup = completedBackup(tenant, source(tenant, "orders", InfraEnv.require().pgHost(), database));
            String alias = source(tenant, "orders-by-another-name", alias(), "postgres");

            restore(tenant, backup, alias, database).then().statusCode(409).body("field", equalTo("target.database"))
                    .body("detail", containsString("backed-up database"));
            restore(tenant, backup, alias, database + "_copy").then().statusCode(202);
        } finally {
            try (Connection c = catalog(); Statement s = c.createStatement()) {
                s.execute("drop database if exists " + database);
            }
        }
    }
}
