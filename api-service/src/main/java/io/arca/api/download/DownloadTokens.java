package io.arca.api.download;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.common.crypto.MasterKeyRing;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks download tokens: {@code base64url(JSON payload) "." base64url(HMAC-SHA-256(key, first part))},
 * without padding. The MAC covers the encoded payload as sent, so nothing is decoded before the signature is known
 * to be good, and the comparison is constant-time ({@link MessageDigest#isEqual}). The key comes from configuration
 * ({@code arca.downloads.signing-key}) or is derived from the master key under its own label, so a link never
 * exposes anything computed with the raw master key. Derived: links are signed under the current master key's
 * derivation and accepted under a previous key's too, so a master key rotation does not void links already issued.
 */
// created at start-up, so a bad arca.downloads.signing-key stops the service instead of the first link request
@Startup
@ApplicationScoped
public class DownloadTokens {
    /** HMAC input that derives the signing key from the master key; a new label would void every issued link. */
    static final String DERIVATION_LABEL = "arca download links v1";
    /** Longest token accepted: a link's URL stays well under the API's 4096-character URI limit. */
    static final int MAX_TOKEN_LENGTH = 3500;
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Signs with the first; verifies with any. */
    private final List<SecretKeySpec> keys;
    private final ObjectMapper json;

    public DownloadTokens(DownloadsConfig config, MasterKeyRing masterKeys, ObjectMapper json) {
        this.keys = signingKeys(config, masterKeys).stream().map(k -> new SecretKeySpec(k, HMAC)).toList();
        this.json = json;
    }

    /** The configured key alone, or the derivation under each master key of the ring, current first. */
    static List<byte[]> signingKeys(DownloadsConfig config, MasterKeyRing masterKeys) {
        if (config.signingKey().isPresent() && !config.signingKey().get().isBlank()) {
            byte[] configured;
            try {
                configured = Base64.getDecoder().decode(config.signingKey().get().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("arca.downloads.signing-key is not base64");
            }
            if (configured.length < 32) {
                throw new IllegalStateException("arca.downloads.signing-key must hold at least 32 bytes (has "
                        + configured.length + "); generate one with openssl rand -base64 32");
            }
            return List.of(configured);
        }
        return masterKeys.deriveAll(DERIVATION_LABEL);
    }

    public String sign(DownloadToken token) {
        try {
            String payload = ENCODER.encodeToString(json.writeValueAsBytes(token));
            return payload + "." + signature(keys.get(0), payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("download token not serialisable", e);
        }
    }

    /**
     * The token's payload once its signature and version are good.
     *
     * @throws ProblemException {@code download-link-invalid} (403) for anything else; the detail says no more than
     *                          that, as it answers whoever holds the string
     */
    public DownloadToken verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            throw invalid();
        }
        String payload = token.substring(0, dot);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        boolean signed = false;
        for (SecretKeySpec key : keys) {
            signed |= MessageDigest.isEqual(signature(key, payload).getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!signed) {
            throw invalid();
        }
        DownloadToken parsed;
        try {
            parsed = json.readValue(DECODER.decode(payload), DownloadToken.class);
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
        if (parsed.version() != DownloadToken.VERSION || parsed.linkId() == null || parsed.tenant() == null
                || parsed.backup() == null || parsed.issuedAt() == null || parsed.expiresAt() == null) {
            throw invalid();
        }
        return parsed;
    }

    private static String signature(SecretKeySpec key, String payload) {
        return ENCODER.encodeToString(mac(key, payload.getBytes(StandardCharsets.US_ASCII)));
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemType.DOWNLOAD_LINK_INVALID,
                "this download link is not valid (altered, truncated or not issued by this service)", null);
    }
}
