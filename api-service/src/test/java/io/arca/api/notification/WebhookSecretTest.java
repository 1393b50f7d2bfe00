package io.arca.api.notification;

import static io.arca.api.notification.Channels.PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.arca.api.ApiTest;
import io.arca.common.crypto.SealingContexts;
import io.arca.common.crypto.SecretSealer;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A webhook's secret is shown only by create and rotate, and stored sealed under the master key with the channel's
 * context (opened here as scheduler-service opens it); during a rotation's overlap the previous secret is kept sealed
 * beside the new one.
 */
@QuarkusTest
class WebhookSecretTest extends ApiTest {
    /** Same value as {@code %test.arca.security.master-key}. */
    private static final SecretSealer MASTER = SecretSealer.fromBase64("dGVzdC1vbmx5LW1hc3Rlci1rZXktMzItYnl0ZXMhISE=");

    record StoredSecrets(byte[] current, byte[] previous, Instant previousExpiresAt, String rowText) {
    }

    @Test
    void theSecretIsStoredSealedAndOpensOnlyWithItsChannelsContext() throws Exception {
        TenantKeys tenant = newTenant();
        var created = Channels.create(tenant.admin(), Channels.webhook("hook"));
        UUID id = UUID.fromString(created.path("id"));
        String secret = created.path("secret");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);

        StoredSecrets stored = stored(id);
        assertThat(open(id, stored.current())).isEqualTo(secret);
        assertThat(new String(stored.current(), StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                .doesNotContain(secret.substring(6, 20));
        assertThat(stored.rowText()).doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(stored.previous()).isNull();
        // bound to its row: the same bytes do not open as another channel's secret
        assertThatThrownBy(() -> MASTER.open(stored.current(), SealingContexts.webhookSecret(UUID.randomUUID())))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void rotationShowsTheNewSecretOnceAndKeepsThePreviousForTheOverlap() throws Exception {
        TenantKeys tenant = newTenant();
        var created = Channels.create(tenant.admin(), Channels.webhook("hook"));
        UUID id = UUID.fromString(created.path("id"));
        String first = created.path("secret");

        Instant before = Instant.now();
        var rotated = as(tenant.admin()).body(Map.of("overlapHours", 2)).post(PATH + "/" + id + "/rotate-secret")
                .then().statusCode(200).extract();
        String second = rotated.path("secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        Instant expires = Instant.parse(rotated.path("previousSecretExpiresAt"));
        assertThat(expires).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(1),
                Instant.now().plus(Duration.ofHours(2)).plusSeconds(1));

        StoredSecrets stored = stored(id);
        assertThat(open(id, stored.current())).isEqualTo(second);
        assertThat(open(id, stored.previous())).isEqualTo(first);
        assertThat(stored.previousExpiresAt()).isEqualTo(expires);
        String view = as(tenant.admin()).get(PATH + "/" + id).then().statusCode(200)
                .body("previousSecretExpiresAt", equalTo(rotated.path("previousSecretExpiresAt"))).extract().asString();
        assertThat(view).doesNotContain(first).doesNotContain(second);

        // without a body: the default overlap of 24 hours; the first secret is gone, the second is now previous
        String third = as(tenant.admin()).post(PATH + "/" + id + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        stored = stored(id);
        assertThat(open(id, stored.current())).isEqualTo(third);
        assertThat(open(id, stored.previous())).isEqualTo(second);
        assertThat(Duration.between(Instant.now(), stored.previousExpiresAt()).toHours()).isEqualTo(23);

        // overlap 0: the previous secret stops signing at once
        as(tenant.admin()).body(Map.of("overlapHours", 0)).post(PATH + "/" + id + "/rotate-secret")
                .then().statusCode(200).body("previousSecretExpiresAt", nullValue());
        stored = stored(id);
        assertThat(stored.previous()).isNull();
        assertThat(stored.previousExpiresAt()).isNull();
        assertThat(stored.rowText()).doesNotContain(third.substring(6));
    }

    private static String open(UUID channelId, byte[] sealed) {
        return new String(MASTER.open(sealed, SealingContexts.webhookSecret(channelId)), StandardCharsets.UTF_8);
    }

    private static StoredSecrets stored(UUID channelId) throws Exception {
        try (Connection c = catalog(); PreparedStatement ps = c.prepareStatement("select secret_sealed, "
                + "previous_secret_sealed, previous_secret_expires_at, row_to_json(n)::text from notification_channels n "
                + "where id = ?")) {
            ps.setObject(1, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                var expires = rs.getObject(3, java.time.OffsetDateTime.class);
                return new StoredSecrets(rs.getBytes(1), rs.getBytes(2), expires == null ? null : expires.toInstant(),
                        rs.getString(4));
            }
        }
    }
}
