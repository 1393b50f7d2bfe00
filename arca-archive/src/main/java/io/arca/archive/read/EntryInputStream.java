package io.arca.archive.read;

import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.EntryHash;
import io.arca.archive.manifest.ManifestEntry;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** An entry's plaintext from an offset, with a window of chunk fetches running ahead of the reader. */
final class EntryInputStream extends InputStream {
    private final BackupReader reader;
    private final ManifestEntry entry;
    private final List<ChunkRef> chunks;
    private final int readAhead;
    private final ArrayDeque<CompletableFuture<byte[]>> window = new ArrayDeque<>();
    /** Hash of the whole entry, only when reading from offset 0. */
    private final EntryHash sha256;
    private int nextToFetch;
    private byte[] current;
    private int pos;
    private long delivered;
    private boolean closed;
    private boolean ended;

    EntryInputStream(BackupReader reader, ManifestEntry entry, long offset, int readAhead) {
        this.reader = reader;
        this.entry = entry;
        this.chunks = entry.chunks();
        this.readAhead = readAhead;
        long skip = offset;
        int first = 0;
        while (first < chunks.size() && skip >= chunks.get(first).size()) {
            skip -= chunks.get(first).size();
            first++;
        }
        this.nextToFetch = first;
        this.pos = (int) skip;
        this.delivered = offset;
        this.sha256 = offset == 0 ? new EntryHash() : null;
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
        while (current == null || pos >= current.length) {
            if (!advance()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        if (sha256 != null) {
            sha256.update(current, pos, n);
        }
        pos += n;
        delivered += n;
        return n;
    }

    /** Moves to the next chunk; false at the end of the entry (after checking it). */
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
        while (window.size() <= readAhead && nextToFetch < chunks.size()) {
            window.add(reader.fetchChunk(chunks.get(nextToFetch++)));
        }
    }

    private void finishChecks() {
        if (delivered != entry.size()) {
            throw new EntryCorruptException("entry " + entry.name() + " has " + delivered + " bytes in its chunks, "
                    + "the manifest says " + entry.size());
        }
        if (sha256 != null) {
            String actual = sha256.hex();
            if (!actual.equals(entry.sha256())) {
                throw new EntryCorruptException("entry " + entry.name() + " hashes to " + actual
                        + ", the manifest says " + entry.sha256());
            }
        }
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
