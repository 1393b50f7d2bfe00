package io.arca.pg.dump;

import io.arca.pg.BlockRange;
import java.util.ArrayList;
import java.util.List;

/**
 * How a large table is split for a parallel dump and restore: into ranges of {@code splitBytes / blockSize} heap
 * blocks, aligned at multiples of that count from block 0, the last one open-ended. A table is split only when its
 * heap holds at least two ranges' worth.
 *
 * <p>The alignment is what keeps dedup: an unchanged table splits the same way and each range is chunked from its
 * own first byte, so its chunks repeat; a table that grew keeps its earlier ranges (their blocks, their bytes, their
 * chunks) and only its last ones change. A table crossing the two-range threshold is dumped whole once more, then
 * split, and that first split backup shares no chunks with the whole-table ones.
 */
public final class BlockRanges {
    /** A split takes effect on PostgreSQL 14 and newer, whose TID range scans read only a range's blocks. */
    public static final int MIN_SERVER_VERSION_NUM = 140000;

    private BlockRanges() {
    }

    /**
     * The ranges of a table of {@code heapBytes} (its main fork, {@code pg_relation_size}), or an empty list when it
     * stays whole.
     */
    public static List<BlockRange> of(long heapBytes, long blockSize, long splitBytes) {
        if (splitBytes <= 0 || blockSize <= 0 || heapBytes < 2 * splitBytes) {
            return List.of();
        }
        long perRange = Math.max(1, splitBytes / blockSize);
        long blocks = heapBytes / blockSize;
        long count = (blocks + perRange - 1) / perRange;
        if (count < 2) {
            return List.of();
        }
        List<BlockRange> ranges = new ArrayList<>();
        for (long i = 0; i < count - 1; i++) {
            ranges.add(new BlockRange(i * perRange, (i + 1) * perRange));
        }
        ranges.add(new BlockRange((count - 1) * perRange, -1));
        return ranges;
    }
}
