package io.arca.archive.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tenant's 256-bit data key, unwrapped. Two independent subkeys derive from it (HMAC-SHA-256 of fixed labels):
 * one encrypts chunk and manifest payloads (AES-256-GCM), one names chunks (HMAC-SHA-256 of the plaintext), so
 * equal content is not recognisable across tenants. The key id is 8 lower-case hex digits (32 bits, never 0) and
 * is written in every object header the key encrypts.
 */
public final class DataKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ENCRYPTION_LABEL = "arca/v1/payload-encryption";
    private static final String NAMING_LABEL = "arca/v1/chunk-naming";

    private final String keyId;
    private final byte[] material;
    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec namingKey;

    public DataKey(String keyId, byte[] material) {
        KeyIds.requireValid(keyId);
        if (material == null || material.length != 32) {
            throw new IllegalArgumentException("data key must be 32 bytes");
        }
        this.keyId = keyId;
        this.material = material.clone();
        this.encryptionKey = new SecretKeySpec(derive(material, ENCRYPTION_LABEL), "AES");
        this.namingKey = new SecretKeySpec(derive(material, NAMING_LABEL), "HmacSHA256");
    }

    /** A fresh random key with a fresh random id. */
    public static DataKey generate() {
        byte[] material = new byte[32];
        RANDOM.nextBytes(material);
        int id;
        do {
            id = RANDOM.nextInt();
        } while (id == 0);
        return new DataKey(KeyIds.format(id), material);
    }

    private static byte[] derive(byte[] material, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The id as it is written in object headers. */
    public int keyIdNumber() {
        return KeyIds.parse(keyId);
    }

    /** The raw key, for wrapping only. */
    byte[] material() {
        return material.clone();
    }

    public SecretKeySpec encryptionKey() {
        return encryptionKey;
    }

    public SecretKeySpec namingKey() {
        return namingKey;
    }

    @Override
    public String toString() {
        return "DataKey[" + keyId + "]";
    }

    /** Key id text form: 8 lower-case hex digits of a non-zero 32-bit number. */
    public static final class KeyIds {
        private KeyIds() {
        }

        public static String format(int id) {
            return HexFormat.of().toHexDigits(id);
        }

        public static int parse(String keyId) {
            requireValid(keyId);
            return HexFormat.fromHexDigits(keyId);
        }

        static void requireValid(String keyId) {
            if (keyId == null || !keyId.matches("[0-9a-f]{8}") || keyId.equals("00000000")) {
                throw new IllegalArgumentException("key id must be 8 lower-case hex digits, not all zero");
            }
        }
    }
}
