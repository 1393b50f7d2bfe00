package io.arca.api.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyLastUsedTest extends ApiTest {

    @Test
    void aRequestRecordsTheUseAndASecondOneWithinTheMinuteWritesNothing() throws Exception {
        TenantKeys tenant = newTenant();
        IssuedKey key = IssuedKey.issue(tenant.admin(), "viewer");
        as(tenant.admin()).get("/api/v1/api-keys/" + key.id()).then().body("lastUsedAt", nullValue());
        assertThat(lastUsedInCatalog(key.id())).isNull();

        Instant before = Instant.now();
        as(key.secret()).get("/api/v1/sources").then().statusCode(200);
        Timestamp first = lastUsedInCatalog(key.id());
        assertThat(first).isNotNull();
        // the catalog's clock, not this JVM's, but both run on this machine
        assertThat(first.toInstant()).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
        String shown = as(tenant.admin()).get("/api/v1/api-keys/" + key.id()).then().statusCode(200)
                .extract().path("lastUsedAt");
        assertThat(Instant.parse(shown)).isEqualTo(first.toInstant());

        as(key.secret()).get("/api/v1/sources").then().statusCode(200);
        as(key.secret()).get("/api/v1/backups").then().statusCode(200);
        assertThat(lastUsedInCatalog(key.id())).isEqualTo(first);
        List<Map<String, Object>> listed = as(tenant.admin()).get("/api/v1/api-keys").then().extract().path("items");
        assertThat(listed).filteredOn(k -> key.id().equals(k.get("id")))
                .singleElement().extracting(k -> Instant.parse((String) k.get("lastUsedAt")))
                .isEqualTo(first.toInstant());
    }

    /** Another replica, which has not seen this key yet, must not write it either: the update's condition holds. */
    @Test
    void theUpdateItselfWritesAtMostOnceAMinute() throws Exception {
        TenantKeys tenant = newTenant();
        IssuedKey key = IssuedKey.issue(tenant.admin(), "viewer");
        // whole microseconds, as PostgreSQL stores them (it would round the nanoseconds)
        Instant recent = Instant.now().minus(Duration.ofSeconds(20)).truncatedTo(ChronoUnit.MICROS);
        setLastUsed(key.id(), Timestamp.from(recent));
        as(key.secret()).get("/api/v1/sources").then().statusCode(200);
        assertThat(lastUsedInCatalog(key.id()).toInstant()).isEqualTo(recent);
    }

    @Test
    void aKeyThatIsRefusedRecordsNothing() throws Exception {
        TenantKeys tenant = newTenant();
        IssuedKey key = IssuedKey.issue(tenant.admin(), "viewer");
        as(tenant.admin()).delete("/api/v1/api-keys/" + key.id()).then().statusCode(204);
        as(key.secret()).get("/api/v1/sources").then().statusCode(401);
        assertThat(lastUsedInCatalog(key.id())).isNull();
    }

    private static Timestamp lastUsedInCatalog(String id) throws Exception {
        try (Connection catalog = catalog();
             PreparedStatement query = catalog.prepareStatement("select last_used_at from api_keys where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getTimestamp(1);
            }
        }
    }

    private static void setLastUsed(String id, Timestamp at) throws Exception {
        try (Connection catalog = catalog();
             PreparedStatement update = catalog.prepareStatement("update api_keys set last_used_at = ? where id = ?")) {
            update.setTimestamp(1, at);
            update.setObject(2, UUID.fromString(id));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
