package io.arca.archive.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Manifest v1: everything needed to read a backup back. See docs/archive-format.md, field by field.
 * {@code createdAt} is when the writer finished.
 */
public record Manifest(int formatVersion, String toolVersion, String tenant, String backupId, Instant createdAt,
        SourceInfo source, ManifestOptions options, List<ManifestEntry> entries) {

    /** The only manifest format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        entries = List.copyOf(entries);
    }

    public Optional<ManifestEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The entries that use the chunk named {@code chunkName}, in manifest order (a chunk may serve several). */
    public List<ManifestEntry> entriesUsing(String chunkName) {
        return entries.stream().filter(e -> e.chunks().stream().anyMatch(c -> c.name().equals(chunkName))).toList();
    }

    /** The reference to the chunk named {@code chunkName}, from the first entry that uses it. */
    public Optional<ChunkRef> chunk(String chunkName) {
        return entries.stream().flatMap(e -> e.chunks().stream()).filter(c -> c.name().equals(chunkName))
                .findFirst();
    }

    /** Total plaintext bytes of all entries. */
    @JsonIgnore
    public long totalSize() {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }
}
