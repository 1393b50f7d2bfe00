package io.arca.common.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (source passwords, wrapped data keys) with AES-256-GCM under a 256-bit master key.
 * Sealed form: {@code [1 byte format=1][12 byte nonce][ciphertext + 16 byte tag]}. The associated data binds a
 * sealed value to where it is stored ({@link SealingContexts}), so a value copied into another row does not open.
 * A fresh random nonce per seal; with a 96-bit nonce that is safe far beyond the number of secrets a catalog holds.
 */
public final class SecretSealer {
    private static final byte FORMAT_V1 = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretSealer(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 32 bytes (256 bits)");
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** @param base64MasterKey 32 bytes, base64 (what {@code openssl rand -base64 32} prints) */
    public static SecretSealer fromBase64(String base64MasterKey) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64MasterKey.trim());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("master key is not valid base64");
        }
        return new SecretSealer(decoded);
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT_V1).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * HMAC-SHA-256 of {@code label} under the master key: a key for another purpose (download links, fingerprints)
     * that reveals nothing about the master key itself.
     */
    public byte[] derive(byte[] label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** @throws SecretUnsealException when the value is malformed, was sealed under another key, or was altered */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        requireWellFormed(sealed);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretUnsealException("sealed secret does not open: wrong master key or altered value");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws SecretUnsealException when the value cannot be a sealed secret, whatever the key */
    static void requireWellFormed(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnsealException("sealed secret is truncated");
        }
        if (sealed[0] != FORMAT_V1) {
            throw new SecretUnsealException("unknown sealed secret format " + sealed[0]);
        }
    }
}
