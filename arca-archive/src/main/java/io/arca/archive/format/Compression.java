package io.arca.archive.format;

/** A codec and its level, validated: zstd 1-19, gzip 1-9, none 0. */
public record Compression(Codec codec, int level) {
    public static final Compression NONE = new Compression(Codec.NONE, 0);
    /** zstd level 3: the default (zstd's own default level). */
    public static final Compression DEFAULT = new Compression(Codec.ZSTD, 3);

    public Compression {
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
        if (level < codec.minLevel() || level > codec.maxLevel()) {
            throw new IllegalArgumentException(codec.label() + " level must be " + codec.minLevel() + "-"
                    + codec.maxLevel() + ", got " + level);
        }
    }

    public static Compression zstd(int level) {
        return new Compression(Codec.ZSTD, level);
    }

    public static Compression gzip(int level) {
        return new Compression(Codec.GZIP, level);
    }

    /** From configuration, e.g. ("zstd", 3); a null level means the codec's default (zstd 3, gzip 6). */
    public static Compression of(String codec, Integer level) {
        Codec c = Codec.byLabel(codec);
        int l = level != null ? level : switch (c) {
            case NONE -> 0;
            case ZSTD -> 3;
            case GZIP -> 6;
        };
        return new Compression(c, l);
    }
}
