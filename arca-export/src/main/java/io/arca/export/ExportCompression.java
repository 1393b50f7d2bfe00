package io.arca.export;

import java.util.Locale;

/** How a download or export is compressed. Wire names are part of the API and of signed tokens: never renamed. */
public enum ExportCompression {
    NONE,
    GZIP,
    ZSTD;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static ExportCompression fromWireName(String value) {
        for (ExportCompression c : values()) {
            if (c.wireName().equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression \"" + value + "\"; one of gzip, zstd, none");
    }
}
