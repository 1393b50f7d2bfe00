package io.arca.archive.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A backup's manifest: everything needed to read it back. See docs/archive-format.md, field by field.
 * {@code createdAt} is when the writer finished. Version 2 is version 1 plus segmented entries
 * ({@link ManifestEntry#segments()}); a writer writes 2 only when an entry is segmented, so backups without one stay
 * readable by builds that read version 1 only.
 */
public record Manifest(int formatVersion, String toolVersion, String tenant, String backupId, Instant createdAt,
        SourceInfo source, ManifestOptions options, List<ManifestEntry> entries) {

    /** The manifest format version of a backup whose entries were each written as one stream. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest format version of a backup with at least one segmented entry; the newest this build reads. */
    public static final int SEGMENTED_FORMAT_VERSION = 2;

    public Manifest {
        entries = List.copyOf(entries);
    }

    /** The version a manifest of these entries is written as. */
    public static int formatVersionFor(List<ManifestEntry> entries) {
        return entries.stream().anyMatch(ManifestEntry::segmented) ? SEGMENTED_FORMAT_VERSION : FORMAT_VERSION;
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
