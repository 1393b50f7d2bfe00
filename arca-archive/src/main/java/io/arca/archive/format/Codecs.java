package io.arca.archive.format;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Compression and decompression of whole payloads. */
final class Codecs {
    private Codecs() {
    }

    /** A compressed payload: {@code bytes[0, length)}. */
    record Payload(byte[] bytes, int offset, int length) {
    }

    /**
     * Compresses {@code data[off, off + len)}. A zstd result lives in the workspace's scratch buffer (no copy): it
     * is valid until {@code workspace} is given back. {@code workspace} may be null for other codecs.
     */
    static Payload compress(Compression compression, byte[] data, int off, int len, ZstdWorkspace workspace) {
        return switch (compression.codec()) {
            case NONE -> new Payload(data, off, len);
            case ZSTD -> new Payload(workspace.scratch(len), 0, workspace.compress(data, off, len,
                    compression.level()));
            case GZIP -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, len / 2));
                try (GZIPOutputStream gz = new LeveledGzip(bytes, compression.level())) {
                    gz.write(data, off, len);
                } catch (IOException e) {
                    throw new IllegalStateException("gzip to memory failed", e);
                }
                byte[] out = bytes.toByteArray();
                yield new Payload(out, 0, out.length);
            }
        };
    }

    /** @throws CorruptPayloadException when the payload does not decode to exactly {@code plaintextLength} bytes */
    static byte[] decompress(Codec codec, byte[] payload, int off, int len, int plaintextLength) {
        byte[] out;
        switch (codec) {
            case NONE -> out = Arrays.copyOfRange(payload, off, off + len);
            case ZSTD -> {
                out = new byte[plaintextLength];
                long n;
                try {
                    n = Zstd.decompressByteArray(out, 0, plaintextLength, payload, off, len);
                } catch (RuntimeException e) {
                    throw new CorruptPayloadException("zstd payload does not decompress: " + e.getMessage(), e);
                }
                if (Zstd.isError(n)) {
                    throw new CorruptPayloadException("zstd payload does not decompress: " + Zstd.getErrorName(n));
                }
                if (n != plaintextLength) {
                    throw new CorruptPayloadException("zstd payload decompresses to " + n + " bytes, header says "
                            + plaintextLength);
                }
            }
            case GZIP -> {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload, off, len))) {
                    out = in.readNBytes(plaintextLength);
                    if (in.read() != -1) {
                        throw new CorruptPayloadException("gzip payload is longer than the header says ("
                                + plaintextLength + " bytes)");
                    }
                } catch (IOException e) {
                    throw new CorruptPayloadException("gzip payload does not decompress: " + e.getMessage(), e);
                }
            }
            default -> throw new UnsupportedFormatException("codec " + codec);
        }
        if (out.length != plaintextLength) {
            throw new CorruptPayloadException(codec.label() + " payload decodes to " + out.length
                    + " bytes, header says " + plaintextLength);
        }
        return out;
    }

    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(ByteArrayOutputStream out, int level) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(level);
        }
    }
}
