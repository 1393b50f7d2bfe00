package io.arca.export.stream;

import com.github.luben.zstd.ZstdOutputStream;
import io.arca.export.ExportCompression;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compression of a whole download: gzip at level 6 (what {@code gzip} does by default, and what {@code pg_dump -Fp |
 * gzip -6} is measured against) or zstd at level 3 (zstd's default), written through a 64 KiB buffer.
 */
public final class Compressors {
    /** Bytes gathered before a write reaches the compressor or the caller's stream. */
    public static final int BUFFER = 64 * 1024;
    static final int GZIP_LEVEL = 6;
    static final int ZSTD_LEVEL = 3;

    private Compressors() {
    }

    /** A compressing stream into {@code out}, which stays open: the caller of a write method owns it. */
    public static RenderOutput open(OutputStream out, ExportCompression compression) throws IOException {
        RenderOutput.Sink sink = new RenderOutput.Sink(out);
        OutputStream stream = switch (compression) {
            case NONE -> new BufferedOutputStream(sink, BUFFER);
            case GZIP -> new BufferedOutputStream(new GZIPOutputStream(sink, BUFFER) {
                {
                    def.setLevel(GZIP_LEVEL);
                }
            }, BUFFER);
            case ZSTD -> new BufferedOutputStream(new ZstdOutputStream(sink, ZSTD_LEVEL), BUFFER);
        };
        return new RenderOutput(stream, sink);
    }

    /** Deflate level for zip entries: 6 when compressed ({@code gzip}), 0 (stored blocks) for {@code none}. */
    public static int zipLevel(ExportCompression compression) {
        return compression == ExportCompression.NONE ? Deflater.NO_COMPRESSION : GZIP_LEVEL;
    }
}
