package io.arca.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Creating and revoking a key puts a key.created / key.revoked event (the public envelope) into the outbox in the same
 * transaction, with the key's name and role and never its secret, hash or prefix; a refused revocation adds none.
 */
@QuarkusTest
class ApiKeyEventsTest extends ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(String key, String text, JsonNode payload) {
    }

    @Test
    void createAndRevokeAppendTheirEventsWithoutTheSecret() throws Exception {
        TenantKeys tenant = newTenant();
        IssuedKey key = IssuedKey.issue(tenant.admin(), "operator");
        as(tenant.admin()).delete("/api/v1/api-keys/" + key.id()).then().statusCode(204);
        // revoking again changes nothing, so it tells nothing either
        as(tenant.admin()).delete("/api/v1/api-keys/" + key.id()).then().statusCode(204);

        List<Row> events = eventsAbout(key.id());
        assertThat(events).extracting(r -> r.payload().get("type").asText())
                .containsExactly("key.created", "key.revoked");
        for (Row row : events) {
            JsonNode e = row.payload();
            assertThat(row.key()).as("keyed by the key id: its events stay in order").isEqualTo(key.id());
            assertThat(e.get("version").asInt()).isEqualTo(1);
            assertThat(UUID.fromString(e.get("id").asText())).isNotNull();
            assertThat(e.get("tenantId").asText()).isEqualTo(tenant.tenantId().toString());
            assertThat(e.get("subject").get("keyId").asText()).isEqualTo(key.id());
            assertThat(e.get("data").get("name").asText()).isEqualTo("operator-key");
            assertThat(e.get("data").get("role").asText()).isEqualTo("operator");
            assertThat(e.get("data").size()).isEqualTo(2);
            assertThat(e.get("time").isNull()).isFalse();
            assertThat(row.text()).doesNotContain(key.secret()).doesNotContain(key.secret().substring(0, 12));
        }
    }

    @Test
    void aTenantsFirstAdminKeyIsAnnouncedAndARefusedRevocationIsNot() throws Exception {
        TenantKeys tenant = newTenant();
        String adminId = as(tenant.admin()).get("/api/v1/api-keys").then().extract()
                .<List<Map<String, Object>>>path("items").stream()
                .filter(k -> "admin".equals(k.get("role"))).map(k -> (String) k.get("id")).findFirst().orElseThrow();
        // the tenant's last admin key: 409, rolled back with its event
        as(tenant.admin()).delete("/api/v1/api-keys/" + adminId).then().statusCode(409);
        assertThat(eventsAbout(adminId)).extracting(r -> r.payload().get("type").asText())
                .containsExactly("key.created");
    }

    private static List<Row> eventsAbout(String keyId) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select message_key, payload::text "
                + "from outbox where stream = 'events' and payload->'subject'->>'keyId' = ? order by id")) {
            ps.setString(1, keyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), JSON.readTree(rs.getString(2))));
                }
            }
        }
        return rows;
    }
}
