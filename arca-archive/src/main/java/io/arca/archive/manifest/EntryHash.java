package io.arca.archive.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@link ManifestEntry#sha256() entry hash}: SHA-256 of an entry's whole plaintext, fed in stream order, as the
 * manifest records it (lower-case hex). One definition for the writer that records it and the reader and verifier
 * that check it. Not thread-safe.
 */
public final class EntryHash {
    private final MessageDigest sha256;

    public EntryHash() {
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public void update(byte[] data, int off, int len) {
        sha256.update(data, off, len);
    }

    /** The hash of everything fed so far, as the manifest writes it; resets this instance. */
    public String hex() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
