package io.arca.api.source;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.arca.testing.InfraEnv;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The source destination policy with production's defaults (link-local and "this network" denied, the catalog's own
 * server refused: {@code allow-catalog-server} is off here, unlike the other tests) plus one deny rule with ports.
 * Each refused destination gets 422 {@code source-destination-not-allowed} naming the field {@code host} and the
 * reason, and nothing is saved; allowed ones are saved (saving never connects).
 */
@QuarkusTest
@TestProfile(SourceDestinationPolicyTest.ProductionDefaults.class)
class SourceDestinationPolicyTest extends ApiTest {
    private static final String PROBLEM = "https://arca.dev/problems/source-destination-not-allowed";
    private TenantKeys tenant;

    /** Production's source destination settings, and port 6000-6010 of 127.0.0.3 denied to show port rules. */
    public static class ProductionDefaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arca.sources.destinations.allow-catalog-server", "false",
                    "arca.sources.destinations.deny", "169.254.0.0/16,fe80::/10,0.0.0.0/8,::/128,127.0.0.3/32:6000-6010");
        }
    }

    @BeforeEach
    void tenant() {
        tenant = newTenant();
    }

    @Test
    void linkLocalAndTheMetadataAddressAreRefused() {
        refused(source("meta", "169.254.169.254", 80), "169.254.0.0/16");
        refused(source("ll6", "fe80::1", 5432), "fe80::/10");
        refused(source("zero", "0.0.0.0", 5432), "0.0.0.0/8");
        as(tenant.viewer()).get("/api/v1/sources").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void theCatalogsOwnServerIsRefusedUnderItsAddressAndItsName() {
        InfraEnv env = InfraEnv.require();
        refused(source("catalog", env.pgHost(), env.pgPort()), "catalog's own PostgreSQL server");
        refused(source("catalog-by-name", "localhost", env.pgPort()), "allow-catalog-server=true");
        // the same machine on another port is another server: allowed
        accepted(source("next-door", env.pgHost(), env.pgPort() + 1));
    }

    @Test
    void aDenyRuleWithPortsRefusesOnlyThosePorts() {
        refused(source("ports-in", "127.0.0.3", 6005), "127.0.0.3/32:6000-6010");
        accepted(source("ports-out", "127.0.0.3", 6011));
    }

    @Test
    void anUpdateToADeniedDestinationIsRefusedAndChangesNothing() {
        String id = accepted(source("movable", "127.0.0.3", 5432));
        as(tenant.operator()).body(source("movable", "169.254.169.254", 5432)).put("/api/v1/sources/" + id)
                .then().statusCode(422).contentType("application/problem+json").body("type", equalTo(PROBLEM))
                .body("field", equalTo("host"));
        as(tenant.viewer()).get("/api/v1/sources/" + id).then().statusCode(200).body("host", equalTo("127.0.0.3"));
    }

    /** A source saved before the policy (or DNS) changed is refused when checked: the API never connects to it. */
    @Test
    void checkingASourceThatBecameDisallowedIsRefused() throws Exception {
        String id = accepted(source("stale", "127.0.0.3", 5432));
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update sources set host = '169.254.169.254' where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            ps.executeUpdate();
        }
        as(tenant.operator()).post("/api/v1/sources/" + id + "/check")
                .then().statusCode(422).contentType("application/problem+json").body("type", equalTo(PROBLEM))
                .body("detail", containsString("169.254.0.0/16"));
        // another tenant's source stays invisible: 404 before any policy answer
        as(newTenant().operator()).post("/api/v1/sources/" + id + "/check").then().statusCode(404);
    }

    private Map<String, Object> source(String name, String host, int port) {
        Map<String, Object> body = new HashMap<>(reachableSource(name));
        body.put("host", host);
        body.put("port", port);
        return body;
    }

    private void refused(Map<String, Object> body, String reason) {
        as(tenant.operator()).body(body).post("/api/v1/sources")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(PROBLEM)).body("field", equalTo("host"))
                .body("detail", containsString(reason));
    }

    private String accepted(Map<String, Object> body) {
        return as(tenant.operator()).body(body).post("/api/v1/sources").then().statusCode(201).extract().path("id");
    }
}
