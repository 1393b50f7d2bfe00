package io.arca.worker.restore;

import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.pg.DumpEntry;
import io.arca.pg.DumpPlan;
import io.arca.pg.DumpRelation;
import io.arca.pg.EntryKind;
import io.arca.pg.EntrySource;
import io.arca.pg.ForeignKeyTables;
import io.arca.worker.job.JobContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The restore engine's view of a backup: the entries of the dump plan, each read (verified) from the archive when
 * the engine opens it, and only then: a restore of selected tables fetches the chunks of the entries it applies and
 * no others (the manifest lists every entry's chunks, so nothing has to be read to skip an entry). Counts the bytes
 * handed to the target for progress and stops reading once the job's lease is lost.
 */
final class ArchiveEntrySource implements EntrySource {
    private final BackupReader reader;
    private final Manifest manifest;
    private final List<DumpEntry> entries;
    private final Map<String, String> postDataItemTables;
    private final Map<String, ForeignKeyTables> foreignKeyTables;
    private final Map<Long, DumpRelation> relations;
    private final Map<String, Long> itemRelations;
    private final String serverVersion;
    private final JobContext context;
    private final RestoreProgress progress;
    private final LongAdder bytesFetched = new LongAdder();
    private final Map<String, AtomicInteger> segmentsLeft = new ConcurrentHashMap<>();

    ArchiveEntrySource(BackupReader reader, Manifest manifest, DumpPlan plan, JobContext context,
            RestoreProgress progress) {
        this.reader = reader;
        this.manifest = manifest;
        this.entries = plan.entries();
        this.postDataItemTables = plan.postDataItemTables();
        this.foreignKeyTables = plan.foreignKeyTables();
        this.relations = plan.relations();
        this.itemRelations = plan.itemRelations();
        this.serverVersion = plan.serverVersion();
        this.context = context;
        this.progress = progress;
    }

    @Override
    public List<DumpEntry> entries() {
        return entries;
    }

    /**
     * Stored bytes of the entries opened so far (each opening reads the entry's chunks from the bucket again): what
     * the restore fetched, besides the manifest and the dump plan.
     */
    long bytesFetched() {
        return bytesFetched.sum();
    }

    @Override
    public Map<String, String> postDataItemTables() {
        return postDataItemTables;
    }

    @Override
    public Map<String, ForeignKeyTables> foreignKeyTables() {
        return foreignKeyTables;
    }

    @Override
    public Map<Long, DumpRelation> relations() {
        return relations;
    }

    @Override
    public Map<String, Long> itemRelations() {
        return itemRelations;
    }

    @Override
    public OptionalLong size(DumpEntry entry) {
        return manifest.entry(entry.name()).map(e -> OptionalLong.of(e.size())).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong rowCount(DumpEntry entry) {
        Long rows = manifest.entry(entry.name()).map(e -> e.rowCount()).orElse(null);
        return rows == null ? OptionalLong.empty() : OptionalLong.of(rows);
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public InputStream open(DumpEntry entry) throws IOException {
        check();
        InputStream in = reader.openEntry(manifest, entry.name());
        manifest.entry(entry.name()).ifPresent(e -> bytesFetched.add(e.storedSize()));
        return tracked(in, entry.kind() == EntryKind.TABLE_DATA ? progress::tableDone : () -> { });
    }

    /** The manifest's segment sizes of a segmented entry (a table dumped split), else none. */
    @Override
    public List<Long> segmentSizes(DumpEntry entry) {
        return manifest.entry(entry.name()).map(ManifestEntry::segmentSizes).orElse(List.of());
    }

    /** One segment, checked against its own hash; the table counts as done when its last segment is read. */
    @Override
    public InputStream openSegment(DumpEntry entry, int segment) throws IOException {
        check();
        ManifestEntry stored = manifest.entry(entry.name())
                .orElseThrow(() -> new IOException("backup has no entry " + entry.name()));
        InputStream in = reader.openSegment(stored, segment);
        bytesFetched.add(stored.segmentChunks(segment).stream().mapToLong(ChunkRef::storedSize).sum());
        AtomicInteger left = segmentsLeft.computeIfAbsent(entry.name(),
                n -> new AtomicInteger(stored.segments().size()));
        return tracked(in, () -> {
            if (left.decrementAndGet() == 0) {
                progress.tableDone();
            }
        });
    }

    /** Counts the bytes read for progress, stops reading once the lease is lost, runs {@code onClose} once. */
    private InputStream tracked(InputStream in, Runnable onClose) {
        return new FilterInputStream(in) {
            private boolean closed;

            @Override
            public int read() throws IOException {
                check();
                int b = super.read();
                if (b >= 0) {
                    progress.bytes(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                check();
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.bytes(n);
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                super.close();
                if (!closed) {
                    onClose.run();
                }
                closed = true;
            }
        };
    }

    private void check() throws IOException {
        if (context.isCancelled()) {
            throw new IOException("restore stopped: " + context.cancelReason());
        }
    }
}
