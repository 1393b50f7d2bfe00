package io.arca.export.archive;

import io.arca.archive.ArchiveException;
import io.arca.archive.read.BackupReader;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.export.BackupContent;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The objects' bytes for a tar being written, in order: chunks fetched and checked by the reader, up to
 * {@link BackupReader#DEFAULT_READ_AHEAD} ahead of the one being written (at most that many stored chunks in memory);
 * the key and manifest objects read when their turn comes. Closing cancels what is still being fetched.
 */
final class TarObjects implements AutoCloseable {
    private final BackupContent content;
    private final TarLayout layout;
    private final ArrayDeque<Pending> window = new ArrayDeque<>();
    private int nextToFetch;

    private record Pending(int index, CompletableFuture<byte[]> bytes) {
    }

    TarObjects(BackupContent content, TarLayout layout, int firstIndex) {
        this.content = content;
        this.layout = layout;
        this.nextToFetch = firstIndex;
    }

    /** The data of object {@code index}; indexes are asked in increasing order. */
    byte[] bytes(int index) {
        while (!window.isEmpty() && window.peek().index() < index) {
            window.poll().bytes().cancel(true);
        }
        nextToFetch = Math.max(nextToFetch, index);
        while (nextToFetch < layout.items().size() && nextToFetch <= index + BackupReader.DEFAULT_READ_AHEAD) {
            TarLayout.Item item = layout.items().get(nextToFetch);
            if (item.chunk() != null) {
                window.add(new Pending(nextToFetch, content.reader().fetchStoredChunk(item.chunk())));
            }
            nextToFetch++;
        }
        TarLayout.Item item = layout.items().get(index);
        if (item.chunk() == null) {
            return TarExport.sized(item.path(), read(item), item.size());
        }
        Pending pending = window.poll();
        if (pending == null || pending.index() != index) {
            throw new IllegalStateException("tar objects asked out of order at " + index);
        }
        byte[] stored = join(pending.bytes());
        TarExport.checkKey(item.chunk(), stored, content.manifest().options().keyId());
        return TarExport.sized(item.path(), stored, item.size());
    }

    private byte[] read(TarLayout.Item item) {
        if (item.path().equals(RepositoryLayout.manifestKey(content.manifest().tenant(),
                content.manifest().backupId()))) {
            return content.reader().readStoredManifest(content.manifest());
        }
        return content.store().get(item.path());
    }

    private static byte[] join(CompletableFuture<byte[]> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ArchiveException("fetching a chunk failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        window.forEach(p -> p.bytes().cancel(true));
        window.clear();
    }
}
