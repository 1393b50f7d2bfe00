package io.arca.scheduler.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks 1.0 verification a receiver does, written from the specification and independently of
 * Arca's signing code: HMAC-SHA256, keyed with the base64-decoded part of {@code whsec_...}, over
 * {@code <webhook-id>.<webhook-timestamp>.<body>}; the message is authentic when any {@code v1,} signature in the
 * space-separated header equals it (compared in constant time) and the timestamp is within 5 minutes of now.
 */
final class StandardWebhooksVerifier {
    private static final long TOLERANCE_SECONDS = 300;

    private StandardWebhooksVerifier() {
    }

    static boolean verify(String secret, String webhookId, String timestamp, String signatureHeader, byte[] body)
            throws Exception {
        if (webhookId == null || timestamp == null || signatureHeader == null) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signed = webhookId + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8);
        byte[] expected = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
        for (String signature : signatureHeader.split(" ")) {
            String[] versionAndValue = signature.split(",", 2);
            if (versionAndValue.length == 2 && versionAndValue[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versionAndValue[1]))) {
                return true;
            }
        }
        return false;
    }

    static boolean verify(String secret, Receiver.Request request) throws Exception {
        return verify(secret, request.webhookId(), request.timestamp(), request.signature(), request.body());
    }
}
