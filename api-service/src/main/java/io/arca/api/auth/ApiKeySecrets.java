package io.arca.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * API key secrets: {@code arca_} + 40 base62 characters (about 238 bits), stored only as their SHA-256. A fast hash
 * is right here: the secret is long and random, so there is nothing to brute-force as there would be for a password.
 */
public final class ApiKeySecrets {
    public static final String PREFIX = "arca_";
    /** How many leading characters of a secret are stored and shown so people can tell keys apart. */
    public static final int SHOWN_PREFIX_LENGTH = 12;
    private static final int RANDOM_CHARS = 40;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String generate() {
        StringBuilder secret = new StringBuilder(PREFIX.length() + RANDOM_CHARS).append(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            secret.append(BASE62[RANDOM.nextInt(BASE62.length)]);
        }
        return secret.toString();
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public static String shownPrefix(String secret) {
        return secret.substring(0, Math.min(SHOWN_PREFIX_LENGTH, secret.length()));
    }
}
