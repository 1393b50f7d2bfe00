package io.arca.api.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.arca.api.error.ProblemException;
import io.arca.common.crypto.MasterKeyRing;
import io.arca.export.ExportRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signing key's derivation and the token round trip, without the service. */
class DownloadTokensTest {
    private static final String MASTER = Base64.getEncoder().encodeToString(new byte[32]);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void withoutAConfiguredKeyTheKeyIsDerivedFromTheMasterKeyUnderItsOwnLabel() throws Exception {
        byte[] key = DownloadTokens.signingKeys(config(null), security(MASTER)).get(0);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(MASTER), "HmacSHA256"));
        assertThat(key).isEqualTo(mac.doFinal("arca download links v1".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Base64.getDecoder().decode(MASTER));
    }

    @Test
    void aConfiguredKeyIsUsedAndMustHoldAtLeast32Bytes() {
        byte[] configured = new byte[48];
        configured[0] = 7;
        assertThat(DownloadTokens.signingKeys(config(Base64.getEncoder().encodeToString(configured)), security(MASTER)))
                .containsExactly(configured);
        assertThatThrownBy(() -> DownloadTokens.signingKeys(config(Base64.getEncoder().encodeToString(new byte[31])),
                security(MASTER))).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> DownloadTokens.signingKeys(config("not base64!"), security(MASTER)))
                .hasMessageContaining("not base64");
    }

    @Test
    void aTokenSignedUnderOneKeyIsRefusedUnderAnother() {
        DownloadTokens derived = new DownloadTokens(config(null), security(MASTER), JSON);
        DownloadTokens configured = new DownloadTokens(config(Base64.getEncoder().encodeToString(new byte[32])),
                security(MASTER), JSON);
        Instant now = Instant.parse("2026-11-30T08:00:00.123456Z");
        DownloadToken token = DownloadToken.issue(UUID.randomUUID(), UUID.randomUUID(),
                ExportRequest.parse("csv", null, List.of("public.*")), true, now, now.plusSeconds(60));

        String signed = derived.sign(token);
        assertThat(derived.verify(signed)).isEqualTo(token);
        assertThatThrownBy(() -> configured.verify(signed)).isInstanceOf(ProblemException.class);
        String payload = new String(Base64.getUrlDecoder().decode(signed.substring(0, signed.indexOf('.'))),
                StandardCharsets.UTF_8);
        assertThat(payload).startsWith("{\"v\":1,\"link\":").contains("\"format\":\"csv\"",
                "\"compression\":\"gzip\"", "\"tables\":[\"public.*\"]", "\"force\":true",
                "\"issuedAt\":\"2026-11-30T08:00:00.123456Z\"");
    }

    @Test
    void aLinkIssuedBeforeAMasterKeyRotationStaysValidWhileTheOldKeyIsPreviousAndNotAfter() {
        String newMaster = Base64.getEncoder().encodeToString("a-new-master-key-of-32-bytes!!!!".getBytes(
                StandardCharsets.US_ASCII));
        DownloadTokens before = new DownloadTokens(config(null), security(MASTER), JSON);
        DownloadTokens rotating = new DownloadTokens(config(null), MasterKeyRing.fromBase64(newMaster,
                List.of(MASTER)), JSON);
        DownloadTokens retired = new DownloadTokens(config(null), security(newMaster), JSON);
        Instant now = Instant.parse("2026-11-30T08:00:00Z");
        DownloadToken token = DownloadToken.issue(UUID.randomUUID(), UUID.randomUUID(),
                ExportRequest.parse("csv", null, List.of("public.*")), false, now, now.plusSeconds(60));

        String issuedBefore = before.sign(token);
        assertThat(rotating.verify(issuedBefore)).isEqualTo(token);
        assertThat(retired.verify(rotating.sign(token))).as("new links are signed under the new key").isEqualTo(token);
        assertThatThrownBy(() -> retired.verify(issuedBefore)).isInstanceOf(ProblemException.class);
    }

    private static DownloadsConfig config(String signingKey) {
        return new DownloadsConfig() {
            @Override
            public Optional<String> signingKey() {
                return Optional.ofNullable(signingKey);
            }

            @Override
            public Optional<String> baseUrl() {
                return Optional.empty();
            }

            @Override
            public int maxConcurrent() {
                return 4;
            }

            @Override
            public int readerLeaseSeconds() {
                return 60;
            }
        };
    }

    private static MasterKeyRing security(String masterKey) {
        return MasterKeyRing.fromBase64(masterKey, List.of());
    }
}
