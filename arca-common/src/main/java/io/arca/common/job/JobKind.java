package io.arca.common.job;

import java.util.Locale;

/** What a job does. The wire name goes into job messages; values are never renamed or reused. */
public enum JobKind {
    BACKUP,
    RESTORE,
    /** Re-reads a backup's chunks (and, deep, restores it into a scratch database) to prove it is intact. */
    VERIFY,
    /** Renders a backup in a download format into one object in the bucket. */
    EXPORT,
    /** Removes a backup's manifest and chunk references; the backup row stays as history ({@code deleted}). */
    DELETE,
    /** Deletes a tenant's chunks that no backup references and that are older than the grace period. */
    GC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobKind fromWireName(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown job kind: " + value);
        }
    }
}
