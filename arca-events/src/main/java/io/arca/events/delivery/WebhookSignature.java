package io.arca.events.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks 1.0 signing: {@code webhook-signature: v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>}, one
 * space-separated signature per secret in force (during a rotation's overlap, the new and the previous secret), so a
 * receiver that knows either accepts the message.
 */
public final class WebhookSignature {
    private WebhookSignature() {
    }

    /** One {@code v1,<base64>} signature. */
    public static String sign(byte[] secret, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((webhookId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The header value: a signature per secret, newest first, separated by spaces. */
    public static String header(List<byte[]> secrets, String webhookId, long timestampSeconds, byte[] body) {
        return secrets.stream().map(s -> sign(s, webhookId, timestampSeconds, body)).collect(Collectors.joining(" "));
    }
}
