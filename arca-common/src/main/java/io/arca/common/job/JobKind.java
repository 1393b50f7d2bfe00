package io.arca.common.job;

import java.util.Locale;

/** What a job does. The wire name goes into job messages; values are never renamed or reused. */
public enum JobKind {
    BACKUP,
    RESTORE;

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
