package io.arca.archive.key;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;

/**
 * Names a chunk from its plaintext: lower-case hex SHA-256, or HMAC-SHA-256 under the tenant's naming subkey
 * when encryption is on (equal content is then not recognisable across tenants). Thread-safe.
 */
public abstract sealed class ChunkNamer {
    private static final HexFormat HEX = HexFormat.of();

    public abstract String name(byte[] plaintext, int off, int len);

    public final String name(byte[] plaintext) {
        return name(plaintext, 0, plaintext.length);
    }

    /** {@code sha256} or {@code hmac-sha256}, as recorded in manifests. */
    public abstract String scheme();

    public static ChunkNamer sha256() {
        return Sha256.INSTANCE;
    }

    public static ChunkNamer hmac(DataKey key) {
        return new Hmac(key);
    }

    /** The namer a backup uses: keyed when it is encrypted. */
    public static ChunkNamer forKey(DataKey keyOrNull) {
        return keyOrNull == null ? sha256() : hmac(keyOrNull);
    }

    private static final class Sha256 extends ChunkNamer {
        static final Sha256 INSTANCE = new Sha256();

        @Override
        public String name(byte[] plaintext, int off, int len) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(plaintext, off, len);
                return HEX.formatHex(md.digest());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 unavailable", e);
            }
        }

        @Override
        public String scheme() {
            return "sha256";
        }
    }

    private static final class Hmac extends ChunkNamer {
        private final DataKey key;

        Hmac(DataKey key) {
            this.key = key;
        }

        @Override
        public String name(byte[] plaintext, int off, int len) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key.namingKey());
                mac.update(plaintext, off, len);
                return HEX.formatHex(mac.doFinal());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        @Override
        public String scheme() {
            return "hmac-sha256";
        }
    }
}
