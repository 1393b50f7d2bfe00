package io.arca.archive.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@link ManifestEntry#sha256() entry hash}: SHA-256 of an entry's whole plaintext, fed in stream order, as the
 * manifest records it (lower-case hex). One definition for the writer that records it and the reader and verifier
 * that check it. A segmented entry's hash (format version 2) is {@link #ofSegments} of its segments' hashes, each
 * defined as above over the segment's bytes. Not thread-safe.
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

    /**
     * The entry hash of a segmented entry: SHA-256 over its segments' SHA-256 digests (32 bytes each, not hex), in
     * segment order.
     */
    public static String ofSegments(List<EntrySegment> segments) {
        EntryHash hash = new EntryHash();
        for (EntrySegment s : segments) {
            byte[] digest = HexFormat.of().parseHex(s.sha256());
            hash.update(digest, 0, digest.length);
        }
        return hash.hex();
    }
}
