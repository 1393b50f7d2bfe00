package io.arca.pg;

import io.arca.pg.dump.DumpResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Provides the entries of a dump to a restore (the archive reader implements it, from the manifest).
 *
 * <p>{@link #open} is called from several threads at once (one per copy session); each stream is read by one
 * thread and closed by the engine.
 */
public interface EntrySource {

    /** The dump's entries, as {@link DumpResult#entries()} listed them (the order does not matter). */
    List<DumpEntry> entries();

    /**
     * Which post-data items build on one table's rows alone, as {@link DumpResult#postDataItemTables()} recorded them;
     * empty when unknown (older archives), and then all of post-data waits for all data.
     */
    default Map<String, String> postDataItemTables() {
        return Map.of();
    }

    /**
     * The two tables of each foreign key in post-data, as {@link DumpResult#foreignKeyTables()} recorded them; empty
     * when unknown (older archives).
     */
    default Map<String, ForeignKeyTables> foreignKeyTables() {
        return Map.of();
    }

    /**
     * The dump's relations by oid, as {@link DumpResult#relations()} recorded them; empty when unknown (archives
     * before dump plan version 4: a restore of selected tables then matches sequences to tables by name).
     */
    default Map<Long, DumpRelation> relations() {
        return Map.of();
    }

    /**
     * The relation each relation-bound schema item belongs to (defaults, indexes, constraints, triggers, rules,
     * policies, extended statistics), by catalog id as pg_restore lists it ({@code "2620/16825"}) to the relation's
     * oid, as {@link DumpResult#itemRelations()} recorded them; empty when unknown (before dump plan version 4).
     */
    default Map<String, Long> itemRelations() {
        return Map.of();
    }

    /**
     * The backed-up server's {@code server_version} ({@link DumpResult#serverVersion()}, the dump plan's
     * {@code serverVersion}), e.g. {@code 15.18 (Debian 15.18-0+deb12u1)}; null when unknown. A restore refuses a
     * target of an older major version.
     */
    default String serverVersion() {
        return null;
    }

    /** The entry's bytes from the beginning; an IOException fails the restore with reason SOURCE_FAILED. */
    InputStream open(DumpEntry entry) throws IOException;

    /** The entry's length in bytes when the source knows it without reading it (an archive's manifest does). */
    default OptionalLong size(DumpEntry entry) {
        return OptionalLong.empty();
    }

    /**
     * The rows of a TABLE_DATA entry when the source knows them without reading it (an archive's manifest records
     * each entry's row count); a dry run reports them as the rows a restore loads.
     */
    default OptionalLong rowCount(DumpEntry entry) {
        return OptionalLong.empty();
    }

    /**
     * The entry's bytes from {@code offset} (0 to its size) to its end. The default reads and drops what lies before;
     * a source that can seek (an archive skips whole chunks) overrides it.
     */
    default InputStream open(DumpEntry entry, long offset) throws IOException {
        InputStream in = open(entry);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * The byte sizes of a TABLE_DATA entry's segments, in order, when it was written as segments in parallel (a split
     * table, {@link io.arca.pg.dump.BlockRanges}): a restore loads them in parallel. Empty when the entry is whole or
     * the source does not know.
     */
    default List<Long> segmentSizes(DumpEntry entry) {
        return List.of();
    }

    /**
     * The bytes of segment {@code segment} of the entry ({@link #segmentSizes}). The default reads them from the
     * entry at the segment's offset; a source that can check a segment on its own (an archive's segment hash)
     * overrides it.
     */
    default InputStream openSegment(DumpEntry entry, int segment) throws IOException {
        List<Long> sizes = segmentSizes(entry);
        if (segment < 0 || segment >= sizes.size()) {
            throw new IOException("entry " + entry.name() + " has " + sizes.size() + " segments, not segment "
                    + segment);
        }
        long offset = 0;
        for (int i = 0; i < segment; i++) {
            offset += sizes.get(i);
        }
        long size = sizes.get(segment);
        return new java.io.FilterInputStream(open(entry, offset)) {
            private long left = size;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(Math.min(n, left));
                left -= skipped;
                return skipped;
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(super.available(), left);
            }
        };
    }
}
