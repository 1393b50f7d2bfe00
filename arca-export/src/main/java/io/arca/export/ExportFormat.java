package io.arca.export;

import java.util.Locale;

/** What a download or export holds. Wire names are part of the API and of signed download tokens: never renamed. */
public enum ExportFormat {
    /** One plain SQL script that {@code psql -v ON_ERROR_STOP=1 -f} loads into an empty database. */
    SQL,
    /** A zip: one RFC 4180 CSV file per table plus {@code schema.sql}. */
    CSV,
    /** A zip: one JSON Lines file per table plus {@code schema.sql}. */
    JSON,
    /** The backup's objects (manifest, chunks, data keys) as one tar an offline tool reads. */
    ARCHIVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ExportFormat fromWireName(String value) {
        for (ExportFormat f : values()) {
            if (f.wireName().equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format \"" + value + "\"; one of sql, csv, json, archive");
    }
}
