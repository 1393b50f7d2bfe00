package io.arca.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.error.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} of job requests (backups, restores): the header's shape, and the hash of the canonical
 * request stored beside it, so a retry with the same key returns the same job and the same key with another request
 * is refused (422 {@code idempotency-key-reused}).
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private IdempotencyKeys() {
    }

    /** @return the key, or null when the request has none; a malformed key is a 400 naming the header */
    public static String check(String key) {
        if (key != null && !KEY.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, HEADER + " is 1-255 visible ASCII characters");
        }
        return key;
    }

    /** SHA-256 (hex) of {@code canonical} as JSON: the request as it was validated and normalised. */
    public static String requestHash(ObjectMapper json, Object canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(canonical)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
