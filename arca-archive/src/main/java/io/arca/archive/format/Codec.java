package io.arca.archive.format;

import java.util.Optional;

/**
 * Compression codecs and their ids in the object header. Ids are part of the format and never reused: a
 * retired codec keeps its number forever (kopia's compression_ids.go does the same).
 */
public enum Codec {
    NONE(0, "none", 0, 0),
    ZSTD(1, "zstd", 1, 19),
    GZIP(2, "gzip", 1, 9);

    private final int id;
    private final String label;
    private final int minLevel;
    private final int maxLevel;

    Codec(int id, String label, int minLevel, int maxLevel) {
        this.id = id;
        this.label = label;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
    }

    public int id() {
        return id;
    }

    /** Lower-case name used in manifests and configuration: {@code none}, {@code zstd}, {@code gzip}. */
    public String label() {
        return label;
    }

    public int minLevel() {
        return minLevel;
    }

    public int maxLevel() {
        return maxLevel;
    }

    public static Optional<Codec> byId(int id) {
        for (Codec c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Codec byLabel(String label) {
        for (Codec c : values()) {
            if (c.label.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression codec '" + label + "' (none, zstd, gzip)");
    }
}
