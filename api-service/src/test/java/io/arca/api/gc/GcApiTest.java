package io.arca.api.gc;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/admin/gc}: the bootstrap key records and reads garbage collection runs. */
@QuarkusTest
class GcApiTest extends ApiTest {
    static final String TYPE = "https://arca.dev/problems/";

    @Test
    void theBootstrapKeyRecordsOneUnfinishedRunPerTenantAndReadsIt() {
        TenantKeys tenant = newTenant();
        Response created = as(BOOTSTRAP_KEY).body(Map.of("tenantId", tenant.tenantId())).post("/api/v1/admin/gc");
        created.then().statusCode(202).body("runs", hasSize(1))
                .body("runs[0].tenantId", equalTo(tenant.tenantId().toString()))
                .body("runs[0].trigger", equalTo("admin")).body("runs[0].graceSeconds", equalTo(86400))
                .body("runs[0].state", equalTo("pending")).body("runs[0].chunksDeleted", equalTo(0));
        String run = created.path("runs[0].id");
        // unfinished: asked again, the same run
        as(BOOTSTRAP_KEY).body(Map.of("tenantId", tenant.tenantId(), "gracePeriod", "PT48H"))
                .post("/api/v1/admin/gc").then().statusCode(202).body("runs[0].id", equalTo(run))
                .body("runs[0].graceSeconds", equalTo(86400));
        as(BOOTSTRAP_KEY).get("/api/v1/admin/gc/" + run).then().statusCode(200).body("id", equalTo(run));
        as(BOOTSTRAP_KEY).queryParam("tenantId", tenant.tenantId().toString()).get("/api/v1/admin/gc").then()
                .statusCode(200).body("items.id", equalTo(List.of(run)));
    }

    @Test
    void otherKeysAndBadInputAreRefused() {
        TenantKeys tenant = newTenant();
        as(tenant.admin()).body(Map.of()).post("/api/v1/admin/gc").then().statusCode(403)
                .body("type", equalTo(TYPE + "forbidden"));
        as(tenant.admin()).get("/api/v1/admin/gc").then().statusCode(403);
        as(tenant.operator()).body(Map.of()).post("/api/v1/admin/gc").then().statusCode(403);
        as(BOOTSTRAP_KEY).body(Map.of("tenantId", tenant.tenantId(), "gracePeriod", "PT1M"))
                .post("/api/v1/admin/gc").then().statusCode(400).body("field", equalTo("gracePeriod"));
        as(BOOTSTRAP_KEY).body(Map.of("tenantId", tenant.tenantId(), "gracePeriod", "one day"))
                .post("/api/v1/admin/gc").then().statusCode(400).body("field", equalTo("gracePeriod"));
        as(BOOTSTRAP_KEY).body(Map.of("tenantId", UUID.randomUUID())).post("/api/v1/admin/gc").then()
                .statusCode(404);
        as(BOOTSTRAP_KEY).body(Map.of("tenantId", "not-a-uuid")).post("/api/v1/admin/gc").then().statusCode(400);
        as(BOOTSTRAP_KEY).get("/api/v1/admin/gc/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void withoutATenantEveryTenantWithChunksGetsARun() throws Exception {
        TenantKeys tenant = newTenant();
        try (var c = catalog(); var ps = c.prepareStatement("insert into chunks (tenant_id, name, stored_size) "
                + "values (?, ?, 1)")) {
            ps.setObject(1, tenant.tenantId());
            ps.setString(2, "ef".repeat(32));
            ps.executeUpdate();
        }
        as(BOOTSTRAP_KEY).post("/api/v1/admin/gc").then().statusCode(202);
        as(BOOTSTRAP_KEY).queryParam("tenantId", tenant.tenantId().toString()).get("/api/v1/admin/gc").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].trigger", equalTo("admin"));
    }

    @Test
    void withoutATenantTheListPagesThroughEveryTenantsRunsNewestFirst() {
        String older = as(BOOTSTRAP_KEY).body(Map.of("tenantId", newTenant().tenantId())).post("/api/v1/admin/gc")
                .path("runs[0].id");
        String newer = as(BOOTSTRAP_KEY).body(Map.of("tenantId", newTenant().tenantId())).post("/api/v1/admin/gc")
                .path("runs[0].id");
        Response first = as(BOOTSTRAP_KEY).queryParam("limit", 1).get("/api/v1/admin/gc");
        first.then().statusCode(200).body("items.id", equalTo(List.of(newer)));
        as(BOOTSTRAP_KEY).queryParam("limit", 1).queryParam("cursor", first.<String>path("nextCursor"))
                .get("/api/v1/admin/gc").then().statusCode(200).body("items.id", equalTo(List.of(older)));
    }
}
