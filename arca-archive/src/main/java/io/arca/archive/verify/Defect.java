package io.arca.archive.verify;

import java.util.Locale;

/**
 * One defect a verification found in a backup: a chunk that is missing or does not decode, or an entry whose
 * content does not match the manifest. {@code chunkIndex} is the chunk's position in its entry (-1 for an
 * entry-level defect), {@code chunkName} null for entry-level defects.
 */
public record Defect(String entry, int chunkIndex, String chunkName, Kind kind, String detail) {
    /** What is wrong. */
    public enum Kind {
        /** The chunk object does not exist. */
        MISSING,
        /** Not an Arca chunk, or an unknown format version, codec or cipher. */
        UNSUPPORTED_FORMAT,
        TRUNCATED,
        /** The AES-GCM tag does not verify: wrong key or altered bytes. */
        AUTHENTICATION_FAILED,
        /** The plaintext does not hash to the chunk's name. */
        HASH_MISMATCH,
        /** The payload does not decompress, or has another length than recorded. */
        CORRUPT,
        /** The data key the chunk names is not available. */
        KEY_UNAVAILABLE,
        /** The object store failed to return the chunk. */
        READ_ERROR,
        /** All chunks are good but the entry's SHA-256 or size does not match the manifest. */
        ENTRY_HASH_MISMATCH;

        /** The kind as users read it in a verification's problems, e.g. {@code authentication-failed}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Override
    public String toString() {
        return chunkName == null ? entry + ": " + kind + " (" + detail + ")"
                : entry + " chunk #" + chunkIndex + " " + chunkName + ": " + kind + " (" + detail + ")";
    }
}
