package io.arca.archive.read;

import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.EntryHash;
import io.arca.archive.manifest.EntrySegment;
import io.arca.archive.manifest.ManifestEntry;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An entry's plaintext from an offset to an end, with a window of chunk fetches running ahead of the reader. Every
 * chunk is verified as it is fetched; every hashed run (the whole entry, or each segment of a segmented entry) that
 * the range covers from its first byte is hashed and checked when its last byte is read.
 */
final class EntryInputStream extends InputStream {
    private final BackupReader reader;
    private final ManifestEntry entry;
    private final List<ChunkRef> chunks;
    private final List<EntrySegment> runs;
    private final int readAhead;
    private final long end;
    private final ArrayDeque<CompletableFuture<byte[]>> window = new ArrayDeque<>();
    private int nextToFetch;
    /** Plaintext offset where chunk {@code nextToFetch} starts. */
    private long fetchedUpTo;
    private byte[] current;
    private int pos;
    private long delivered;
    private boolean closed;
    private boolean ended;
    /** The hashed run {@code delivered} lies in, where it starts and ends, and its hash (null when not checked). */
    private int run;
    private long runStart;
    private long runEnd;
    private EntryHash runHash;
    private final long chunkBytes;

    EntryInputStream(BackupReader reader, ManifestEntry entry, long offset, long end, int readAhead) {
        this.reader = reader;
        this.entry = entry;
        this.chunks = entry.chunks();
        this.runs = entry.hashedRuns();
        this.readAhead = readAhead;
        this.end = end;
        long skip = offset;
        int first = 0;
        while (first < chunks.size() && skip >= chunks.get(first).size()) {
            skip -= chunks.get(first).size();
            first++;
        }
        this.nextToFetch = first;
        this.fetchedUpTo = offset - skip;
        this.pos = (int) skip;
        this.delivered = offset;
        // the run the range starts in: the first that ends after the offset, or an empty one starting there
        run = -1;
        do {
            enterNextRun();
        } while (run + 1 < runs.size() && runEnd <= offset && runStart != offset);
        if (runStart != offset) {
            runHash = null; // the range starts inside this run: its hash cannot be checked
        }
        this.chunkBytes = chunks.stream().mapToLong(ChunkRef::size).sum();
    }

    private void enterNextRun() {
        run++;
        runStart = runEnd;
        runEnd = runStart + runs.get(run).size();
        runHash = new EntryHash();
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (closed) {
            throw new IllegalStateException("stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        if (delivered >= end) {
            if (!ended) {
                ended = true;
                if (end == entry.size() && chunkBytes != entry.size()) {
                    throw new EntryCorruptException("entry " + entry.name() + " has " + chunkBytes + " bytes in its "
                            + "chunks, the manifest says " + entry.size());
                }
                checkRunEnds();
            }
            return -1;
        }
        while (current == null || pos >= current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int n = (int) Math.min(Math.min(len, current.length - pos), end - delivered);
        System.arraycopy(current, pos, b, off, n);
        hash(current, pos, n);
        pos += n;
        delivered += n;
        return n;
    }

    /** Feeds the run hashes, checking each run whose last byte this is. */
    private void hash(byte[] data, int from, int length) {
        long at = delivered;
        int offset = from;
        int left = length;
        while (left > 0) {
            int part = (int) Math.min(left, runEnd - at);
            if (runHash != null) {
                runHash.update(data, offset, part);
            }
            at += part;
            offset += part;
            left -= part;
            if (at == runEnd) {
                checkRun();
                if (run + 1 < runs.size()) {
                    enterNextRun();
                }
            }
        }
    }

    /** Checks runs of no bytes that start where the range ends (an empty segment, or an empty entry). */
    private void checkRunEnds() {
        while (runHash != null && runStart == runEnd && runEnd == delivered) {
            checkRun();
            if (run + 1 >= runs.size()) {
                break;
            }
            enterNextRun();
        }
    }

    private void checkRun() {
        if (runHash == null) {
            return;
        }
        String actual = runHash.hex();
        runHash = null;
        String expected = runs.get(run).sha256();
        if (!actual.equals(expected)) {
            String what = entry.segmented() ? "segment " + run + " of entry " + entry.name() : "entry " + entry.name();
            throw new EntryCorruptException(what + " hashes to " + actual + ", the manifest says " + expected);
        }
    }

    /** Moves to the next chunk; false at the end of the range (after checking it). */
    private boolean advance() {
        if (ended) {
            return false;
        }
        int skipInFirst = current == null ? pos : 0;
        fill();
        CompletableFuture<byte[]> next = window.poll();
        if (next == null) {
            ended = true;
            finishChecks();
            return false;
        }
        try {
            current = next.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ArchiveException ae) {
                throw ae;
            }
            throw new ArchiveException("reading entry " + entry.name() + " failed: " + e.getCause(), e.getCause());
        }
        pos = skipInFirst;
        fill();
        return true;
    }

    private void fill() {
        while (window.size() <= readAhead && nextToFetch < chunks.size() && fetchedUpTo < end) {
            ChunkRef ref = chunks.get(nextToFetch++);
            fetchedUpTo += ref.size();
            window.add(reader.fetchChunk(ref));
        }
    }

    private void finishChecks() {
        if (delivered != end) {
            throw new EntryCorruptException("entry " + entry.name() + " has " + delivered + " bytes in its chunks, "
                    + "the manifest says " + end);
        }
        checkRunEnds();
    }

    @Override
    public long skip(long n) {
        long skipped = 0;
        byte[] scratch = new byte[8192];
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() {
        closed = true;
        window.forEach(f -> f.cancel(true));
        window.clear();
        current = null;
    }
}
