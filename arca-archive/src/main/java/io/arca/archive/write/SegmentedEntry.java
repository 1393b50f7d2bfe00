package io.arca.archive.write;

import io.arca.archive.ArchiveException;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.EntryHash;
import io.arca.archive.manifest.EntrySegment;
import io.arca.archive.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * An entry written as several segments at once (format version 2): each {@link #segment(int) segment} is its own
 * stream with its own chunker and hash, written by one thread while other threads write the others; the entry's
 * bytes are the segments' bytes in index order. Because each segment is chunked from its first byte, a segment whose
 * bytes did not change between backups yields the same chunks whatever happened in the others.
 *
 * <p>Open a segment when its writing starts (each open segment holds a chunker buffer, see
 * {@link WriterOptions#memoryBudgetBytes()}), finish it (close its stream), and once every segment is finished,
 * {@link #finish()} the entry to record it in the backup.
 */
public final class SegmentedEntry {
    private final ArchiveWriter writer;
    private final ChunkPipeline pipeline;
    private final EntrySpec spec;
    private final int sequence;
    private final WriterOptions options;
    private final EntryOutputStream[] streams;
    private final EntryResult[] results;
    private Long rowCount;
    private EntryResult result;

    SegmentedEntry(ArchiveWriter writer, ChunkPipeline pipeline, EntrySpec spec, int sequence, int segments,
                   WriterOptions options) {
        if (segments < 1) {
            throw new IllegalArgumentException("an entry has at least one segment, not " + segments);
        }
        this.writer = writer;
        this.pipeline = pipeline;
        this.spec = spec;
        this.sequence = sequence;
        this.options = options;
        this.streams = new EntryOutputStream[segments];
        this.results = new EntryResult[segments];
        this.rowCount = spec.rowCount();
    }

    public EntrySpec spec() {
        return spec;
    }

    public int segments() {
        return streams.length;
    }

    /** Opens segment {@code index} for writing (once); use the stream from one thread and close it when done. */
    public synchronized EntryOutputStream segment(int index) {
        if (index < 0 || index >= streams.length) {
            throw new IllegalArgumentException("entry " + spec.name() + " has " + streams.length + " segments, not "
                    + "segment " + index);
        }
        if (streams[index] != null || result != null) {
            throw new IllegalStateException("segment " + index + " of entry " + spec.name() + " is already open");
        }
        pipeline.checkHealthy();
        EntrySpec segmentSpec = new EntrySpec(spec.name(), spec.kind(), spec.schema(), spec.table(), null);
        streams[index] = new EntryOutputStream(new EntryOutputStream.Owner() {
            @Override
            public void finished(EntryOutputStream out, EntryResult segmentResult) {
                segmentFinished(index, segmentResult);
            }

            @Override
            public void failed(EntryOutputStream out, Throwable cause) {
                writer.entryFailed(SegmentedEntry.this, cause);
            }
        }, pipeline, segmentSpec, options);
        return streams[index];
    }

    /** The row count to record for the whole entry. */
    public synchronized void setRowCount(long rows) {
        this.rowCount = rows;
    }

    private synchronized void segmentFinished(int index, EntryResult segmentResult) {
        results[index] = segmentResult;
    }

    /**
     * Records the entry in the backup once every segment is finished. Idempotent.
     *
     * @throws IllegalStateException when a segment was never opened or is not finished
     * @throws ArchiveException      when a chunk of the backup failed
     */
    public synchronized EntryResult finish() {
        if (result != null) {
            return result;
        }
        pipeline.checkHealthy();
        List<ChunkRef> chunks = new ArrayList<>();
        List<EntrySegment> segments = new ArrayList<>();
        long size = 0;
        int uploaded = 0;
        int reused = 0;
        long stored = 0;
        for (int i = 0; i < results.length; i++) {
            EntryResult r = results[i];
            if (r == null) {
                throw new IllegalStateException("segment " + i + " of entry " + spec.name() + " is "
                        + (streams[i] == null ? "not opened" : "not finished"));
            }
            ManifestEntry part = r.entry();
            chunks.addAll(part.chunks());
            segments.add(new EntrySegment(part.size(), part.sha256(), part.chunks().size()));
            size += part.size();
            uploaded += r.newChunks();
            reused += r.reusedChunks();
            stored += r.bytesStored();
        }
        ManifestEntry entry = new ManifestEntry(spec.name(), spec.kind(), spec.schema(), spec.table(), rowCount,
                size, EntryHash.ofSegments(segments), chunks, segments);
        result = new EntryResult(entry, uploaded, reused, stored);
        writer.entryFinished(sequence, this, result);
        return result;
    }
}
