package io.arca.export.archive;

import io.arca.archive.manifest.ChunkRef;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where every byte of the tar comes from: per object its header blocks, its data and the padding to the next block,
 * then two zero blocks that end the archive. Offsets are computed once, so a range starts at the right object
 * without touching the ones before it.
 */
final class TarLayout {
    /** The end-of-archive marker: two zero blocks. */
    static final int TRAILER = 2 * TarHeader.BLOCK;
    private static final byte[] ZEROS = new byte[TRAILER];

    private final List<Item> items;
    private final long[] offsets;
    private final long length;

    /** One object in the tar: its path (the bucket key), stored size, and its chunk when it is one. */
    record Item(String path, long size, Instant mtime, int headerLength, ChunkRef chunk) {
        static Item object(String path, long size, Instant mtime) {
            return new Item(path, size, mtime, TarHeader.of(path, size, mtime).length, null);
        }

        static Item chunk(String path, ChunkRef ref, Instant mtime) {
            return new Item(path, ref.storedSize(), mtime, TarHeader.of(path, ref.storedSize(), mtime).length, ref);
        }

        long blocks() {
            return headerLength + size + TarHeader.padding(size);
        }
    }

    interface Fetch {
        byte[] bytes(int index);
    }

    TarLayout(List<Item> items) {
        this.items = List.copyOf(items);
        this.offsets = new long[items.size() + 1];
        for (int i = 0; i < items.size(); i++) {
            offsets[i + 1] = offsets[i] + items.get(i).blocks();
        }
        this.length = offsets[items.size()] + TRAILER;
    }

    long length() {
        return length;
    }

    List<Item> items() {
        return items;
    }

    /** The object whose blocks hold byte {@code position}; {@code items().size()} for the trailer. */
    int indexAt(long position) {
        int lo = 0;
        int hi = items.size();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Writes bytes {@code first..last}; fetches an object's data only when the range covers some of it. */
    void write(OutputStream out, long first, long last, Fetch fetch) throws IOException {
        for (int i = indexAt(first); i < items.size() && offsets[i] <= last; i++) {
            Item item = items.get(i);
            long start = offsets[i];
            slice(out, TarHeader.of(item.path(), item.size(), item.mtime()), start, first, last);
            long data = start + item.headerLength();
            if (data + item.size() > first && data <= last && item.size() > 0) {
                slice(out, fetch.bytes(i), data, first, last);
            }
            long padding = data + item.size();
            slice(out, ZEROS, padding, TarHeader.padding(item.size()), first, last);
        }
        slice(out, ZEROS, offsets[items.size()], TRAILER, first, last);
    }

    private static void slice(OutputStream out, byte[] bytes, long at, long first, long last) throws IOException {
        slice(out, bytes, at, bytes.length, first, last);
    }

    /** Writes the part of {@code bytes[0, length)}, placed at offset {@code at}, that lies in {@code first..last}. */
    private static void slice(OutputStream out, byte[] bytes, long at, int length, long first, long last)
            throws IOException {
        long from = Math.max(first, at);
        long to = Math.min(last + 1, at + length);
        if (from < to) {
            out.write(bytes, (int) (from - at), (int) (to - from));
        }
    }
}
