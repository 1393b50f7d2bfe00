package io.arca.archive.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a backup: its name (unique in the backup), kind ({@code pre-data}, {@code table-data},
 * {@code post-data}, ...), table identity (schema and table, null for non-table entries), row count (null when
 * unknown), plaintext size in bytes, its {@link EntryHash entry hash} (lower-case hex), its chunks in order, and,
 * for an entry written as parallel segments (format version 2), its {@code segments} (null otherwise): their chunk
 * counts add up to the chunks, their sizes to the size, and the entry hash is {@link EntryHash#ofSegments} of
 * theirs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String name, String kind, String schema, String table, Long rowCount, long size,
        String sha256, List<ChunkRef> chunks, List<EntrySegment> segments) {
    public ManifestEntry {
        chunks = List.copyOf(chunks);
        if (segments != null) {
            segments = List.copyOf(segments);
            long bytes = segments.stream().mapToLong(EntrySegment::size).sum();
            int count = segments.stream().mapToInt(EntrySegment::chunks).sum();
            if (segments.isEmpty() || bytes != size || count != chunks.size()) {
                throw new IllegalArgumentException("entry " + name + ": its segments hold " + bytes + " bytes in "
                        + count + " chunks, the entry " + size + " bytes in " + chunks.size());
            }
        }
    }

    /** An entry written as one stream. */
    public ManifestEntry(String name, String kind, String schema, String table, Long rowCount, long size,
            String sha256, List<ChunkRef> chunks) {
        this(name, kind, schema, table, rowCount, size, sha256, chunks, null);
    }

    /** Sum of the chunks' stored sizes (a chunk shared with other backups counts here too). */
    @JsonIgnore
    public long storedSize() {
        long total = 0;
        for (ChunkRef c : chunks) {
            total += c.storedSize();
        }
        return total;
    }

    /** True when the entry was written as parallel segments. */
    @JsonIgnore
    public boolean segmented() {
        return segments != null;
    }

    /**
     * The entry as the runs of bytes a reader checks a hash over, in order: its segments, or one segment holding
     * the whole entry.
     */
    @JsonIgnore
    public List<EntrySegment> hashedRuns() {
        return segments != null ? segments : List.of(new EntrySegment(size, sha256, chunks.size()));
    }

    /** The plaintext sizes of a segmented entry's segments, in order; empty for an entry written as one stream. */
    @JsonIgnore
    public List<Long> segmentSizes() {
        return segments == null ? List.of() : segments.stream().map(EntrySegment::size).toList();
    }

    /** The chunks of segment {@code segment} ({@link #hashedRuns()}: 0 is the whole of an unsegmented entry). */
    @JsonIgnore
    public List<ChunkRef> segmentChunks(int segment) {
        List<EntrySegment> runs = hashedRuns();
        int first = 0;
        for (int i = 0; i < segment; i++) {
            first += runs.get(i).chunks();
        }
        return chunks.subList(first, first + runs.get(segment).chunks());
    }

    /** The byte offset where each segment starts (one 0 for an entry written as one stream). */
    @JsonIgnore
    public List<Long> segmentOffsets() {
        List<Long> offsets = new ArrayList<>();
        long offset = 0;
        for (EntrySegment s : hashedRuns()) {
            offsets.add(offset);
            offset += s.size();
        }
        return offsets;
    }
}
