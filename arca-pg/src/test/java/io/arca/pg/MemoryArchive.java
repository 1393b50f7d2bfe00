package io.arca.pg;

import io.arca.pg.dump.DumpResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Entries in memory: the sink for a dump, then the source for its restore. Fine for test sizes. */
public class MemoryArchive implements EntrySink, EntrySource {
    public final Map<String, ByteArrayOutputStream> bytes = new ConcurrentHashMap<>();
    public final Map<String, Long> completed = new ConcurrentHashMap<>();
    public final List<String> opened = new CopyOnWriteArrayList<>();
    private volatile List<DumpEntry> entries = List.of();
    private volatile Map<String, String> postDataItemTables = Map.of();
    private volatile Map<String, ForeignKeyTables> foreignKeyTables = Map.of();
    private volatile Map<Long, DumpRelation> relations = Map.of();
    private volatile Map<String, Long> itemRelations = Map.of();
    private volatile String serverVersion;
    private volatile boolean knowsSizes;
    private volatile boolean takesSegments;
    /** A segmented entry's segment sizes, by entry name (set when the entry completes). */
    public final Map<String, List<Long>> segmentSizes = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream[]> segmentBytes = new ConcurrentHashMap<>();

    /** Remembers the dump's entry list, as the manifest would. */
    public MemoryArchive withEntries(DumpResult result) {
        this.entries = result.entries();
        this.postDataItemTables = result.postDataItemTables();
        this.foreignKeyTables = result.foreignKeyTables();
        this.relations = result.relations();
        this.itemRelations = result.itemRelations();
        this.serverVersion = result.serverVersion();
        return this;
    }

    /** Forgets the relations and item relations, as in an archive written before dump plan version 4. */
    public MemoryArchive withoutRelations() {
        this.relations = Map.of();
        this.itemRelations = Map.of();
        return this;
    }

    /** Claims the dump came from a server of {@code version} (null: unknown, as in a source that does not say). */
    public MemoryArchive withServerVersion(String version) {
        this.serverVersion = version;
        return this;
    }

    /** Tells entry sizes without reading them ({@link #size}), as an archive's manifest does. */
    public MemoryArchive withKnownSizes() {
        this.knowsSizes = true;
        return this;
    }

    /** Forgets which post-data items build on which table, as in an archive written before the dump recorded it. */
    public MemoryArchive withoutPostDataSplit() {
        this.postDataItemTables = Map.of();
        return this;
    }

    /** Takes large tables as segments ({@link EntrySink#takesSegments()}), as the archive writer does. */
    public MemoryArchive withSegments() {
        this.takesSegments = true;
        return this;
    }

    @Override
    public boolean takesSegments() {
        return takesSegments;
    }

    @Override
    public OutputStream openSegment(DumpEntry entry, int segment, int segments) {
        ByteArrayOutputStream[] parts = segmentBytes.computeIfAbsent(entry.name(), n -> {
            opened.add(n);
            return new ByteArrayOutputStream[segments];
        });
        synchronized (parts) {
            if (parts[segment] != null) {
                throw new IllegalStateException("segment " + segment + " of " + entry.name() + " opened twice");
            }
            parts[segment] = new ByteArrayOutputStream();
            return parts[segment];
        }
    }

    @Override
    public List<Long> segmentSizes(DumpEntry entry) {
        return segmentSizes.getOrDefault(entry.name(), List.of());
    }

    @Override
    public OutputStream openEntry(DumpEntry entry) {
        opened.add(entry.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bytes.putIfAbsent(entry.name(), out) != null) {
            throw new IllegalStateException("entry opened twice: " + entry.name());
        }
        return out;
    }

    @Override
    public void entryCompleted(DumpEntry entry, long rowCount) {
        ByteArrayOutputStream[] parts = segmentBytes.remove(entry.name());
        if (parts != null) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            List<Long> sizes = new java.util.ArrayList<>();
            for (ByteArrayOutputStream part : parts) {
                whole.writeBytes(part.toByteArray());
                sizes.add((long) part.size());
            }
            bytes.put(entry.name(), whole);
            segmentSizes.put(entry.name(), List.copyOf(sizes));
        }
        completed.put(entry.name(), rowCount);
    }

    @Override
    public List<DumpEntry> entries() {
        return entries;
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
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public OptionalLong size(DumpEntry entry) {
        ByteArrayOutputStream out = bytes.get(entry.name());
        return !knowsSizes || out == null ? OptionalLong.empty() : OptionalLong.of(out.size());
    }

    @Override
    public OptionalLong rowCount(DumpEntry entry) {
        Long rows = completed.get(entry.name());
        return rows == null ? OptionalLong.empty() : OptionalLong.of(rows);
    }

    @Override
    public InputStream open(DumpEntry entry) {
        return new ByteArrayInputStream(bytes.get(entry.name()).toByteArray());
    }
}
