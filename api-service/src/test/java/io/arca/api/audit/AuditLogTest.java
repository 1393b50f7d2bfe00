package io.arca.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditLogTest extends ApiTest {

    @Test
    void everyMutatingCallLeavesAnAuditRowWithItsActor() throws Exception {
        TenantKeys tenant = newTenant();
        String sourceId = createSource(tenant.operator(), "audited");
        as(tenant.operator()).body(reachableSource("audited-2")).put("/api/v1/sources/" + sourceId).then().statusCode(200);
        as(tenant.operator()).body(backupRequest(sourceId)).post("/api/v1/backups").then().statusCode(202);
        String other = createSource(tenant.operator(), "to-delete");
        as(tenant.operator()).delete("/api/v1/sources/" + other).then().statusCode(204);
        // a refused call changes nothing and is not audited as a change
        as(tenant.viewer()).body(reachableSource("nope")).post("/api/v1/sources").then().statusCode(403);

        List<String> actions = new ArrayList<>();
        try (Connection c = catalog();
             PreparedStatement s = c.prepareStatement(
                     "select action, actor_key_id is not null from audit_log where tenant_id = ? order by id")) {
            s.setObject(1, tenant.tenantId());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                    assertThat(rs.getBoolean(2)).as("actor recorded").isTrue();
                }
            }
        }
        assertThat(actions).containsExactly("tenant.create", "api-key.create", "api-key.create", "api-key.create",
                "source.create", "source.update", "backup.create", "source.create", "source.delete");
    }
}
