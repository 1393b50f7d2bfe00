package io.arca.api.download;

import io.arca.archive.read.BackupReader;
import io.arca.export.BackupContent;

/** A backup opened for reading: its content for the renderer, and the store that watches what it fetches. */
record OpenBackup(BackupReader reader, WatchedStore store, BackupContent content) implements AutoCloseable {

    /** Stops the reader's fetches (pending read-ahead is cancelled). Idempotent. */
    @Override
    public void close() {
        reader.close();
    }
}
