package io.arca.archive.write;

import io.arca.archive.ArchiveException;
import io.arca.archive.chunk.Chunker;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.EntryHash;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.write.ChunkPipeline.ChunkOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The push side of one entry: write its plaintext, optionally {@link #setRowCount set the row count}, then
 * {@link #finish()} (or {@link #close()}) to wait for its chunks and record it in the backup. Use from one
 * thread; different entries may be written from different threads at the same time. Chunking and the entry hash
 * run on the writing thread; naming, compression, encryption and upload on the writer's pools.
 */
public final class EntryOutputStream extends OutputStream {
    private final Owner owner;
    private final ChunkPipeline pipeline;
    private final EntrySpec spec;
    private final Chunker chunker;
    /** The chunker's buffer, from {@link ChunkerBuffers}; given back once the entry is finished. */
    private final byte[] chunkerBuffer;
    /** The last chunk is cut and the buffer given back: no more writes. */
    private boolean chunkingDone;
    /** SHA-256 of the entry's plaintext, fed chunk by chunk on the writing thread. */
    private final EntryHash sha256;
    private final List<CompletableFuture<ChunkOutcome>> chunks = new ArrayList<>();
    private final byte[] one = new byte[1];
    private Long rowCount;
    private long size;
    private EntryResult result;

    /** Who records the finished stream: the writer (an entry) or a {@link SegmentedEntry} (one of its segments). */
    interface Owner {
        void finished(EntryOutputStream out, EntryResult result);

        void failed(EntryOutputStream out, Throwable cause);
    }

    EntryOutputStream(Owner owner, ChunkPipeline pipeline, EntrySpec spec, WriterOptions options) {
        this.owner = owner;
        this.pipeline = pipeline;
        this.spec = spec;
        this.rowCount = spec.rowCount();
        this.sha256 = new EntryHash();
        this.chunkerBuffer = ChunkerBuffers.take(options.chunking().maxSize());
        // the entry hash runs here, on the chunk the chunker just filled and while it is likely still in this core's
        // cache: in interleaved benchmark runs the first write went from 73-76% to 81% of zstd -3 -T2 against
        // hashing it later on a pipeline thread (docs/benchmarks.md, run D)
        this.chunker = new Chunker(options.chunking(), (buffer, length) -> {
            sha256.update(buffer, 0, length);
            chunks.add(pipeline.submit(buffer, length));
        }, chunkerBuffer);
    }

    public EntrySpec spec() {
        return spec;
    }

    /** The row count to record (the COPY row count is known only at the end). */
    public void setRowCount(long rows) {
        this.rowCount = rows;
    }

    @Override
    public void write(int b) {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (result != null || chunkingDone) {
            throw new IllegalStateException("entry " + spec.name() + " is already finished");
        }
        if (len == 0) {
            return;
        }
        try {
            chunker.write(b, off, len);
            size += len;
            pipeline.addBytesRead(len);
        } catch (RuntimeException e) {
            owner.failed(this, e);
            throw e;
        }
    }

    /**
     * Cuts the last chunk, waits until every chunk of the entry is stored (or known), and records the entry.
     * Idempotent.
     *
     * @throws ArchiveException when a chunk of this entry (or the backup) failed
     */
    public EntryResult finish() {
        if (result != null) {
            return result;
        }
        try {
            if (!chunkingDone) {
                chunker.finish();
                chunkingDone = true;
                ChunkerBuffers.giveBack(chunkerBuffer); // submit copied every chunk out of it
            }
            List<ChunkRef> refs = new ArrayList<>(chunks.size());
            int uploaded = 0;
            long stored = 0;
            for (CompletableFuture<ChunkOutcome> f : chunks) {
                ChunkOutcome outcome = f.join();
                refs.add(outcome.ref());
                if (outcome.uploaded()) {
                    uploaded++;
                    stored += outcome.ref().storedSize();
                }
            }
            ManifestEntry entry = new ManifestEntry(spec.name(), spec.kind(), spec.schema(), spec.table(), rowCount,
                    size, sha256.hex(), refs);
            result = new EntryResult(entry, uploaded, refs.size() - uploaded, stored);
            owner.finished(this, result);
            return result;
        } catch (CompletionException e) {
            owner.failed(this, e.getCause());
            throw new ArchiveException("entry " + spec.name() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (RuntimeException e) {
            owner.failed(this, e);
            throw e;
        }
    }

    /** Same as {@link #finish()}. */
    @Override
    public void close() throws IOException {
        finish();
    }

    /** The result once finished, else null. */
    public EntryResult result() {
        return result;
    }
}
