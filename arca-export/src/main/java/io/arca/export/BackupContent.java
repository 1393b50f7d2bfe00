package io.arca.export;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.DumpPlan;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stored backup as a renderer reads it: the verified manifest (read with its recorded digest), the dump plan,
 * the reader for entries (every chunk checked), and the store for the raw objects the {@code archive} format copies.
 * The caller owns the reader and closes it.
 */
public record BackupContent(BackupReader reader, Manifest manifest, DumpPlan plan, ObjectStore store) {

    /**
     * Reads a backup's manifest (refused unless its SHA-256 is {@code manifestSha256}, the digest the backup recorded
     * when it completed) and its dump plan.
     *
     * @throws io.arca.archive.ArchiveException (precise subclass) when the manifest or the plan cannot be read
     * @throws IOException when the dump plan is of a version this build does not read
     */
    public static BackupContent read(BackupReader reader, ObjectStore store, String backupId, String manifestSha256)
            throws IOException {
        Manifest manifest = reader.readManifest(backupId, manifestSha256);
        return new BackupContent(reader, manifest, readPlan(reader, manifest), store);
    }

    /**
     * The backup's dump plan, its {@value DumpPlan#ENTRY_NAME} entry (verified like every entry).
     *
     * @throws java.util.NoSuchElementException when the backup has no dump plan
     * @throws IOException when the plan is of a version this build does not read
     */
    public static DumpPlan readPlan(BackupReader reader, Manifest manifest) throws IOException {
        try (InputStream in = reader.openEntry(manifest, DumpPlan.ENTRY_NAME)) {
            return DumpPlan.decode(in.readAllBytes());
        }
    }
}
