package io.arca.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/audit-log: the tenant's own rows, newest first, filtered, paged; admin only. */
@QuarkusTest
class AuditLogApiTest extends ApiTest {

    @Test
    void listsTheTenantsActionsNewestFirstWithTheirActorsName() {
        TenantKeys tenant = newTenant();
        TenantKeys other = newTenant();
        String sourceId = createSource(tenant.operator(), "audited");
        createSource(other.operator(), "elsewhere");
        JsonPath page = as(tenant.admin()).get("/api/v1/audit-log").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.action", String.class)).containsExactly("source.create", "api-key.create",
                "api-key.create", "api-key.create", "tenant.create");
        assertThat(page.getString("items[0].targetId")).isEqualTo(sourceId);
        assertThat(page.getString("items[0].targetType")).isEqualTo("source");
        assertThat(page.getString("items[0].actorKeyName")).isNotBlank();
    }

    @Test
    void filtersByActionOrPrefixAndTargetAndPagesWithTheCursor() {
        TenantKeys tenant = newTenant();
        createSource(tenant.operator(), "a");
        createSource(tenant.operator(), "b");
        as(tenant.admin()).queryParam("action", "source.create").get("/api/v1/audit-log").then().statusCode(200)
                .body("items.size()", equalTo(2));
        as(tenant.admin()).queryParam("action", "api-key.*").get("/api/v1/audit-log").then().statusCode(200)
                .body("items.size()", equalTo(3));
        as(tenant.admin()).queryParam("targetType", "tenant").get("/api/v1/audit-log").then().statusCode(200)
                .body("items.size()", equalTo(1));

        List<Object> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(tenant.admin()).queryParam("limit", "2");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/audit-log").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(ids).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void badFiltersAre400sAndOnlyAdminsReadIt() {
        TenantKeys tenant = newTenant();
        as(tenant.admin()).queryParam("action", "drop table").get("/api/v1/audit-log").then().statusCode(400)
                .body("field", equalTo("action"));
        as(tenant.admin()).queryParam("actorKeyId", "me").get("/api/v1/audit-log").then().statusCode(400)
                .body("field", equalTo("actorKeyId"));
        as(tenant.admin()).queryParam("cursor", "nope").get("/api/v1/audit-log").then().statusCode(400)
                .body("field", equalTo("cursor"));
        as(tenant.operator()).get("/api/v1/audit-log").then().statusCode(403);
    }
}
