package io.arca.api.download;

import io.arca.archive.read.BackupReader;
import io.arca.export.BackupContent;

/** A backup opened for reading: its content for the renderer, and the store that watches what it fetches. */
record OpenBackup(BackupReader reader, WatchedStore store, BackupContent content, Runnable onClose)
        implements AutoCloseable {

    OpenBackup(BackupReader reader, WatchedStore store, BackupContent content) {
        this(reader, store, content, () -> { });
    }

    /** The same backup, running {@code action} when closed (once; e.g. giving back a download slot). */
    OpenBackup closing(Runnable action) {
        return new OpenBackup(reader, store, content, action);
    }

    /** Stops the reader's fetches (pending read-ahead is cancelled), then runs the close action. Idempotent. */
    @Override
    public void close() {
        reader.close();
        onClose.run();
    }
}
