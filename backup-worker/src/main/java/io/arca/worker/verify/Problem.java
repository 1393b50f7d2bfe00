package io.arca.worker.verify;

import io.arca.archive.manifest.ManifestEntry;
import java.util.List;

/**
 * One problem a verification found, as stored in {@code verifications.problems} and in the backup's
 * {@code verification.problems}: a bad chunk (with every entry that uses it), an entry whose content does not match
 * the manifest, a damaged manifest, or (deep) a table whose restore differs from the backup.
 *
 * @param chunk      the chunk's name, null for entry-, manifest- and table-level problems
 * @param chunkIndex the chunk's position in the first entry that uses it, null when {@code chunk} is
 * @param reason     {@code missing}, {@code authentication-failed}, {@code hash-mismatch}, {@code truncated},
 *                   {@code corrupt}, {@code unsupported-format}, {@code key-unavailable}, {@code entry-hash-mismatch}
 *                   or {@code restore-mismatch}
 */
record Problem(String chunk, Integer chunkIndex, List<EntryRef> entries, String reason, String detail) {
    static final String RESTORE_MISMATCH = "restore-mismatch";

    Problem {
        entries = List.copyOf(entries);
    }

    /** An entry as a problem names it: its name in the manifest, and its table when it holds one. */
    record EntryRef(String name, String schema, String table) {
        static EntryRef of(ManifestEntry e) {
            return new EntryRef(e.name(), e.schema(), e.table());
        }
    }

    /**
     * Whether the problem means the stored objects are damaged (the backup becomes {@code corrupted}). A restore that
     * differs from intact objects is not damage: the backup is then only not proven restorable.
     */
    boolean damagesBackup() {
        return !RESTORE_MISMATCH.equals(reason);
    }
}
