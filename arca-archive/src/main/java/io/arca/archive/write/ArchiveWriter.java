package io.arca.archive.write;

import io.arca.archive.ArchiveException;
import io.arca.archive.ArchiveVersion;
import io.arca.archive.index.ChunkIndex;
import io.arca.archive.key.DataKey;
import io.arca.archive.key.WrappedDataKey;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.manifest.ManifestOptions;
import io.arca.archive.manifest.SourceInfo;
import io.arca.archive.repo.BucketKeys;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one backup into the archive: entries in, chunks and finally the manifest out (to the bucket; the catalog's
 * backup row is the service's business, not this class's).
 *
 * <pre>{@code
 * try (ArchiveWriter writer = ArchiveWriter.builder(store, tenant, backupId).index(index)
 *         .source(SourceInfo.of("postgresql://db:5432/shop")).encryption(dataKey, wrappedKey).open()) {
 *     writer.writeEntry(EntrySpec.of("pre-data", "pre-data"), preDataStream);                    // pull
 *     try (EntryOutputStream out = writer.openEntry(new EntrySpec("data/16385", "table-data", "public", "film",
 *             null))) {                                                                            // push
 *         copyOut(out); out.setRowCount(rows);
 *     }
 *     Manifest manifest = writer.finish();   // waits for all chunks, writes the manifest last
 * }   // close() without finish() abandons the backup: no manifest, so the backup does not exist
 * }</pre>
 *
 * Entries may be written concurrently from several threads; they appear in the manifest in the order they were
 * opened. Memory is bounded whatever the input size (see {@link WriterOptions#memoryBudgetBytes()}): by default at
 * most about 40 MiB of chunk data plus 4 MiB per open entry. Every entry must be finished before {@link #finish()}. After any failure the
 * writer refuses further work; the caller closes it and fails the job.
 */
public final class ArchiveWriter implements AutoCloseable {
    private final ObjectStore store;
    private final String tenant;
    private final String backupId;
    private final SourceInfo source;
    private final DataKey key;
    private final WriterOptions options;
    private final Clock clock;
    private final ChunkPipeline pipeline;
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<String> names = new HashSet<>();
    /** Entries opened and not finished yet (an {@link EntryOutputStream} or a {@link SegmentedEntry}), by name. */
    private final Map<Object, String> open = new HashMap<>();
    private final TreeMap<Integer, ManifestEntry> finished = new TreeMap<>();
    private Manifest manifest;
    private boolean closed;

    private ArchiveWriter(Builder b) {
        this.store = b.store;
        this.tenant = b.tenant;
        this.backupId = b.backupId;
        this.source = b.source;
        this.key = b.key;
        this.options = b.options;
        this.clock = b.clock;
        this.pipeline = new ChunkPipeline(b.store, b.index, b.tenant, b.backupId, b.key, b.options, b.listener);
    }

    public static Builder builder(ObjectStore store, String tenant, String backupId) {
        return new Builder(store, tenant, backupId);
    }

    /** Opens an entry for writing (push). Thread-safe. Entry names are unique within a backup. */
    public EntryOutputStream openEntry(EntrySpec spec) {
        pipeline.checkHealthy();
        synchronized (this) {
            checkNewEntry(spec);
            EntryOutputStream out = new EntryOutputStream(owner(sequence.getAndIncrement()), pipeline, spec, options);
            open.put(out, spec.name());
            return out;
        }
    }

    /**
     * Opens an entry written as {@code segments} streams at once, from several threads (see {@link SegmentedEntry}).
     * Thread-safe. Its manifest record has format version 2's {@code segments}; a backup with one is written as
     * manifest format version 2.
     */
    public SegmentedEntry openSegmentedEntry(EntrySpec spec, int segments) {
        pipeline.checkHealthy();
        synchronized (this) {
            checkNewEntry(spec);
            SegmentedEntry entry = new SegmentedEntry(this, pipeline, spec, sequence.getAndIncrement(), segments,
                    options);
            open.put(entry, spec.name());
            return entry;
        }
    }

    /** Refuses a second entry of one name, and any entry once the writer is finished or closed. */
    private void checkNewEntry(EntrySpec spec) {
        if (closed || manifest != null) {
            throw new IllegalStateException("backup writer for " + backupId + " is finished or closed");
        }
        if (!names.add(spec.name())) {
            throw new IllegalArgumentException("entry " + spec.name() + " already exists in backup " + backupId);
        }
    }

    private EntryOutputStream.Owner owner(int seq) {
        return new EntryOutputStream.Owner() {
            @Override
            public void finished(EntryOutputStream out, EntryResult result) {
                entryFinished(seq, out, result);
            }

            @Override
            public void failed(EntryOutputStream out, Throwable cause) {
                entryFailed(out, cause);
            }
        };
    }

    /** Writes a whole entry from a stream (pull); the stream is read to its end, not closed. */
    public EntryResult writeEntry(EntrySpec spec, InputStream in) throws IOException {
        EntryOutputStream out = openEntry(spec);
        byte[] buffer = new byte[256 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            entryFailed(out, e);
            throw e;
        }
        return out.finish();
    }

    /** Cumulative progress so far. */
    public WriteProgress progress() {
        return pipeline.progress();
    }

    /**
     * Waits for every chunk, then writes the manifest (the last object of a backup) and returns it.
     *
     * @throws IllegalStateException when an entry is still open
     * @throws ArchiveException when any chunk or entry failed
     */
    public Manifest finish() {
        pipeline.checkHealthy();
        Manifest m;
        synchronized (this) {
            if (manifest != null) {
                return manifest;
            }
            if (!open.isEmpty()) {
                throw new IllegalStateException("entries still open: "
                        + open.values().stream().sorted().toList());
            }
            ManifestOptions manifestOptions = new ManifestOptions(options.compression().codec().label(),
                    options.compression().level(), key == null ? "none" : "aes-256-gcm",
                    key == null ? null : key.keyId(), pipeline.namingScheme(), options.chunking().minSize(),
                    options.chunking().avgSize(), options.chunking().maxSize(), options.requestedOptions());
            List<ManifestEntry> entries = new ArrayList<>(finished.values());
            m = new Manifest(Manifest.formatVersionFor(entries), ArchiveVersion.toolVersion(), tenant, backupId,
                    clock.instant(), source, manifestOptions, entries);
        }
        store.put(RepositoryLayout.manifestKey(tenant, backupId), ManifestFormat.encode(m, key));
        synchronized (this) {
            manifest = m;
        }
        pipeline.shutdown();
        return m;
    }

    /** Releases the writer's threads. Without a prior {@link #finish()} the backup is abandoned (no manifest). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (manifest == null) {
                pipeline.fail(new ArchiveException("backup writer closed before finish"));
            }
        }
        pipeline.shutdown();
    }

    synchronized void entryFinished(int seq, Object handle, EntryResult result) {
        open.remove(handle);
        finished.put(seq, result.entry());
    }

    void entryFailed(Object out, Throwable cause) {
        pipeline.fail(cause);
        synchronized (this) {
            open.remove(out);
        }
    }

    /** Configures and opens a {@link ArchiveWriter}. */
    public static final class Builder {
        private final ObjectStore store;
        private final String tenant;
        private final String backupId;
        private ChunkIndex index;
        private SourceInfo source = SourceInfo.of("unspecified");
        private DataKey key;
        private WrappedDataKey wrapped;
        private WriterOptions options = WriterOptions.defaults();
        private ProgressListener listener = ProgressListener.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder(ObjectStore store, String tenant, String backupId) {
            this.store = store;
            this.tenant = tenant;
            this.backupId = backupId;
            RepositoryLayout.manifestKey(tenant, backupId); // validates both ids
        }

        /** Required: which chunks the tenant already has. */
        public Builder index(ChunkIndex index) {
            this.index = index;
            return this;
        }

        public Builder source(SourceInfo source) {
            this.source = source;
            return this;
        }

        /**
         * Encrypts chunks and manifest under {@code key} and names chunks with its HMAC subkey. The wrapped form
         * is stored in the bucket ({@code tenants/{tenant}/keys/{keyId}}) when absent, so the backup stays readable
         * with the bucket and master key alone.
         */
        public Builder encryption(DataKey key, WrappedDataKey wrapped) {
            if (!wrapped.keyId().equals(key.keyId()) || !wrapped.tenant().equals(tenant)) {
                throw new IllegalArgumentException("wrapped key does not match the data key / tenant");
            }
            this.key = key;
            this.wrapped = wrapped;
            return this;
        }

        public Builder options(WriterOptions options) {
            this.options = options;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.listener = listener;
            return this;
        }

        /** For tests: the clock that stamps {@code createdAt}. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public ArchiveWriter open() {
            if (index == null) {
                throw new IllegalStateException("a chunk index is required");
            }
            if (wrapped != null) {
                new BucketKeys(store).putIfAbsent(wrapped);
            }
            return new ArchiveWriter(this);
        }
    }
}
