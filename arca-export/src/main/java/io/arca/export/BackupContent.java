package io.arca.export;

import io.arca.archive.manifest.Manifest;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.DumpPlan;

/**
 * A stored backup as a renderer reads it: the verified manifest (read with its recorded digest), the dump plan,
 * the reader for entries (every chunk checked), and the store for the raw objects the {@code archive} format copies.
 * The caller owns the reader and closes it.
 */
public record BackupContent(BackupReader reader, Manifest manifest, DumpPlan plan, ObjectStore store) {
}
