package io.arca.archive.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Streaming FastCDC chunker (Xia et al., USENIX ATC 2016) with normalized chunking level 2: a Gear rolling hash
 * {@code h = (h << 1) + GEAR[byte]}, no cut before {@code min}, a stricter mask (2 more bits) before {@code avg}
 * and a looser one (2 fewer bits) after it, a forced cut at {@code max}. The mask tests the hash's high bits,
 * which depend on the last 64 bytes, so a boundary depends only on nearby content: an edit moves at most the
 * boundaries around it. Pure integer arithmetic on a fixed table: identical cuts on every JVM and platform.
 *
 * <p>Not thread-safe: one instance per stream. Holds one buffer of {@code max} bytes, its own or the caller's.
 */
public final class Chunker {
    private final int min;
    private final int avg;
    private final int max;
    private final long maskSmall;
    private final long maskLarge;
    private final ChunkSink sink;
    private final byte[] buf;
    private int len;
    private long hash;

    public Chunker(ChunkerConfig config, ChunkSink sink) {
        this(config, sink, new byte[config.maxSize()]);
    }

    /**
     * A chunker that works in {@code buffer} (at least {@code max} bytes), which the caller may reuse once the
     * chunker is finished: the sink must copy what it keeps.
     */
    public Chunker(ChunkerConfig config, ChunkSink sink, byte[] buffer) {
        if (buffer.length < config.maxSize()) {
            throw new IllegalArgumentException("chunker buffer of " + buffer.length + " bytes is shorter than max "
                    + config.maxSize());
        }
        this.min = config.minSize();
        this.avg = config.avgSize();
        this.max = config.maxSize();
        int bits = Integer.numberOfTrailingZeros(avg);
        this.maskSmall = highBits(bits + 2);
        this.maskLarge = highBits(Math.max(1, bits - 2));
        this.sink = sink;
        this.buf = buffer;
    }

    private static long highBits(int count) {
        return -1L << (64 - count);
    }

    public void write(byte[] data, int off, int n) {
        long[] gear = GearTable.GEAR;
        while (n > 0) {
            if (len < min) {
                int take = Math.min(n, min - len);
                System.arraycopy(data, off, buf, len, take);
                len += take;
                off += take;
                n -= take;
                continue;
            }
            int limit = Math.min(n, max - len);
            int consumed = limit;
            boolean cut = false;
            long h = hash;
            // two loops instead of a mask choice per byte: the strict mask up to avg, the loose one after it
            int strictEnd = Math.max(0, Math.min(limit, avg - len));
            int i = 0;
            for (; i < strictEnd; i++) {
                h = (h << 1) + gear[data[off + i] & 0xff];
                if ((h & maskSmall) == 0) {
                    consumed = i + 1;
                    cut = true;
                    break;
                }
            }
            if (!cut) {
                for (; i < limit; i++) {
                    h = (h << 1) + gear[data[off + i] & 0xff];
                    if ((h & maskLarge) == 0) {
                        consumed = i + 1;
                        cut = true;
                        break;
                    }
                }
            }
            hash = h;
            System.arraycopy(data, off, buf, len, consumed);
            len += consumed;
            off += consumed;
            n -= consumed;
            if (cut || len == max) {
                emit();
            }
        }
    }

    /** Emits the last, possibly short, chunk; an empty stream has no chunks. */
    public void finish() {
        if (len > 0) {
            emit();
        }
    }

    /** Bytes received but not yet emitted as a chunk. */
    public int pending() {
        return len;
    }

    private void emit() {
        int length = len;
        len = 0;
        hash = 0;
        sink.accept(buf, length);
    }

    /** Cuts a whole array (tests, tools). */
    public static List<byte[]> split(byte[] data, ChunkerConfig config) {
        List<byte[]> chunks = new ArrayList<>();
        Chunker chunker = new Chunker(config, (buffer, length) -> chunks.add(Arrays.copyOf(buffer, length)));
        chunker.write(data, 0, data.length);
        chunker.finish();
        return chunks;
    }
}
