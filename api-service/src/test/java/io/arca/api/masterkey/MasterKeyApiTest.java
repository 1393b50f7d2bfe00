package io.arca.api.masterkey;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.arca.api.ApiTest;
import io.arca.archive.key.DataKeys;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.store.ObjectStore;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.common.crypto.SealingContexts;
import io.arca.common.crypto.SecretSealer;
import io.arca.testing.InfraEnv;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/admin/master-key}: values sealed under the previous master key (the test profile configures one)
 * are counted, re-sealed under the current key once, and then open without the previous key; a value no configured
 * key opens is reported by id, not a 500; only the bootstrap key may call either endpoint.
 */
@QuarkusTest
class MasterKeyApiTest extends ApiTest {
    /** Same values as {@code %test.arca.security.master-key} and {@code previous-master-keys}. */
    static final String CURRENT = "dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=";
    static final SecretSealer PREVIOUS = SecretSealer.fromBase64("dGVzdC1vbmx5LXByZXZpb3VzLW1hc3Rlci1rZXktMzI=");
    /** Configured nowhere: what a retired key sealed looks like. */
    static final SecretSealer UNKNOWN = new SecretSealer("some-master-key-nobody-has-32byt".getBytes(UTF_8));

    @Inject
    ObjectStore store;

    @Test
    void valuesUnderThePreviousKeyAreCountedRewrappedOnceAndThenOpenWithoutIt() throws Exception {
        TenantKeys tenant = newTenant();
        UUID source = UUID.fromString(createSource(tenant.admin(), "rotated"));
        String password = InfraEnv.require().pgPassword();
        setSealed("sources", "password_sealed", source, PREVIOUS.seal(password.getBytes(UTF_8),
                SealingContexts.sourcePassword(source)));
        UUID channel = insertWebhook(tenant.tenantId(), PREVIOUS);
        WrappedDataKey dataKey = new DataKeys(PREVIOUS).generate(tenant.tenantId().toString());
        insertTenantKey(dataKey);
        new BucketKeys(store).put(dataKey);

        JsonPath before = status();
        assertThat(before.getLong("onPreviousKeys")).isGreaterThanOrEqualTo(5);
        assertThat(before.getBoolean("previousKeysRetirable")).isFalse();
        assertThat(before.getString("currentKey")).isEqualTo(MasterKeyRing.fromBase64(CURRENT, List.of())
                .currentFingerprint());
        assertThat(before.getList("previousKeys")).containsExactly(MasterKeyRing.of(PREVIOUS).currentFingerprint());
        for (String kind : List.of("source-password", "tenant-key", "tenant-key-object", "webhook-secret",
                "webhook-previous-secret")) {
            assertThat(kindCount(before, kind, "onPreviousKey")).as(kind).isGreaterThanOrEqualTo(1);
        }

        JsonPath rewrap = as(BOOTSTRAP_KEY).post("/api/v1/admin/master-key/rewrap").then().statusCode(200)
                .extract().jsonPath();
        assertThat(rewrap.getLong("rewrapped")).isEqualTo(before.getLong("onPreviousKeys"));
        assertThat(rewrap.getLong("onPreviousKeys")).isZero();
        JsonPath after = status();
        assertThat(after.getLong("onPreviousKeys")).isZero();
        assertThat(after.getBoolean("previousKeysRetirable")).isTrue();
        assertThat(as(BOOTSTRAP_KEY).post("/api/v1/admin/master-key/rewrap").then().statusCode(200).extract()
                .jsonPath().getLong("rewrapped")).as("a second run finds nothing left").isZero();

        // the current key alone (the previous one retired) opens all of them, with the same plaintext
        MasterKeyRing retired = MasterKeyRing.fromBase64(CURRENT, List.of());
        assertThat(new String(retired.open(sealed("sources", "password_sealed", source),
                SealingContexts.sourcePassword(source)), UTF_8)).isEqualTo(password);
        assertThat(new String(retired.open(sealed("notification_channels", "previous_secret_sealed", channel),
                SealingContexts.webhookSecret(channel)), UTF_8)).isEqualTo("whsec_previous");
        DataKeys retiredKeys = new DataKeys(retired);
        WrappedDataKey inBucket = new BucketKeys(store).get(dataKey.tenant(), dataKey.keyId()).orElseThrow();
        assertThat(retiredKeys.unwrap(inBucket).namingKey()).isEqualTo(new DataKeys(PREVIOUS).unwrap(dataKey)
                .namingKey());
    }

    @Test
    void aValueNoConfiguredKeyOpensIsReportedByIdAndLeftAlone() throws Exception {
        TenantKeys tenant = newTenant();
        UUID source = UUID.fromString(createSource(tenant.admin(), "lost"));
        byte[] lost = UNKNOWN.seal("pw".getBytes(UTF_8), SealingContexts.sourcePassword(source));
        setSealed("sources", "password_sealed", source, lost);
        try {
            JsonPath rewrap = as(BOOTSTRAP_KEY).post("/api/v1/admin/master-key/rewrap").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(rewrap.getLong("unreadable")).isGreaterThanOrEqualTo(1);
            List<Map<String, String>> listed = rewrap.getList("unreadableValues");
            assertThat(listed).anySatisfy(v -> {
                assertThat(v).containsEntry("kind", "source-password").containsEntry("id", source.toString());
                assertThat(v.get("reason")).contains("sealed under a master key this deployment no longer has");
            });
            assertThat(sealed("sources", "password_sealed", source)).isEqualTo(lost);
            status();
        } finally {
            setSealed("sources", "password_sealed", source, MasterKeyRing.fromBase64(CURRENT, List.of())
                    .seal("pw".getBytes(UTF_8), SealingContexts.sourcePassword(source)));
        }
    }

    @Test
    void onlyTheBootstrapKeyMayReadOrRewrap() {
        TenantKeys tenant = newTenant();
        as(tenant.admin()).get("/api/v1/admin/master-key").then().statusCode(403)
                .body("type", equalTo("https://arca.dev/problems/forbidden"));
        as(tenant.admin()).post("/api/v1/admin/master-key/rewrap").then().statusCode(403)
                .body("type", equalTo("https://arca.dev/problems/forbidden"));
        as(tenant.operator()).post("/api/v1/admin/master-key/rewrap").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/admin/master-key").then().statusCode(401);
    }

    private static JsonPath status() {
        return as(BOOTSTRAP_KEY).get("/api/v1/admin/master-key").then().statusCode(200).extract().jsonPath();
    }

    private static long kindCount(JsonPath report, String kind, String field) {
        return report.getLong("kinds.find { it.kind == '" + kind + "' }." + field);
    }

    private static void setSealed(String table, String column, UUID id, byte[] value) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "update " + table + " set " + column + " = ? where id = ?")) {
            ps.setBytes(1, value);
            ps.setObject(2, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static byte[] sealed(String table, String column, UUID id) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "select " + column + " from " + table + " where id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private static UUID insertWebhook(UUID tenantId, SecretSealer sealer) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("insert into notification_channels "
                + "(id, tenant_id, name, kind, event_types, url, secret_sealed, previous_secret_sealed, "
                + "previous_secret_expires_at) values (?, ?, ?, 'webhook', '{backup.*}', 'https://example.invalid/h', "
                + "?, ?, now() + interval '1 hour')")) {
            ps.setObject(1, id);
            ps.setObject(2, tenantId);
            ps.setString(3, "hook-" + id);
            ps.setBytes(4, sealer.seal("whsec_current".getBytes(UTF_8), SealingContexts.webhookSecret(id)));
            ps.setBytes(5, sealer.seal("whsec_previous".getBytes(UTF_8), SealingContexts.webhookSecret(id)));
            ps.executeUpdate();
        }
        return id;
    }

    private static void insertTenantKey(WrappedDataKey key) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement(
                "insert into tenant_keys (tenant_id, key_id, wrapped_key, active) values (?, ?, ?, true)")) {
            ps.setObject(1, UUID.fromString(key.tenant()));
            ps.setString(2, key.keyId());
            ps.setBytes(3, key.wrapped());
            ps.executeUpdate();
        }
    }
}
