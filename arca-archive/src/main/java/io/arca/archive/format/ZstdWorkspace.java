package io.arca.archive.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A reusable zstd compression context and output buffer. Creating a context (and a compressBound-sized array) per
 * chunk costs measurable time and, for 1-4 MiB arrays, humongous allocations; a few workspaces are pooled for the
 * life of the JVM (as many as compressions ever ran at once, typically the number of compression threads).
 */
final class ZstdWorkspace {
    /** Larger scratch buffers are not kept, to bound what the pool retains. */
    private static final int MAX_KEPT_SCRATCH = 9 << 20;
    private static final ConcurrentLinkedQueue<ZstdWorkspace> POOL = new ConcurrentLinkedQueue<>();

    private final ZstdCompressCtx ctx = new ZstdCompressCtx();
    private int level = -1;
    private byte[] scratch = new byte[0];

    static ZstdWorkspace borrow() {
        ZstdWorkspace ws = POOL.poll();
        return ws != null ? ws : new ZstdWorkspace();
    }

    void giveBack() {
        if (scratch.length > MAX_KEPT_SCRATCH) {
            scratch = new byte[0];
        }
        POOL.add(this);
    }

    /** The scratch buffer, grown to hold the compressed form of {@code len} bytes. */
    byte[] scratch(int len) {
        int bound = (int) Zstd.compressBound(len);
        if (scratch.length < bound) {
            scratch = new byte[bound];
        }
        return scratch;
    }

    /** Compresses into {@link #scratch(int)}; returns the compressed length. */
    int compress(byte[] data, int off, int len, int compressionLevel) {
        if (level != compressionLevel) {
            ctx.setLevel(compressionLevel);
            level = compressionLevel;
        }
        byte[] out = scratch(len);
        return ctx.compressByteArray(out, 0, out.length, data, off, len);
    }
}
