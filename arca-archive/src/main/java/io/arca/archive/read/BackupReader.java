package io.arca.archive.read;

import io.arca.archive.format.ChunkFormat;
import io.arca.archive.key.KeyRing;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.manifest.ManifestFormat;
import io.arca.archive.manifest.ManifestMismatchException;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import java.io.InputStream;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads a tenant's backups: manifests, and entries as verified plaintext streams from any byte offset, fetching
 * the next {@code readAhead} chunks in parallel. Thread-safe; streams are not. Close the reader to stop its
 * fetch threads (virtual threads: cheap, but pending fetches are cancelled on close).
 */
public final class BackupReader implements AutoCloseable {
    /** Default chunks fetched ahead of the one being read. */
    public static final int DEFAULT_READ_AHEAD = 4;

    private final ObjectStore store;
    private final String tenant;
    private final KeyRing keys;
    private final int readAhead;
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();

    public BackupReader(ObjectStore store, String tenant, KeyRing keys) {
        this(store, tenant, keys, DEFAULT_READ_AHEAD);
    }

    public BackupReader(ObjectStore store, String tenant, KeyRing keys, int readAhead) {
        if (readAhead < 0) {
            throw new IllegalArgumentException("readAhead must be >= 0");
        }
        this.store = store;
        this.tenant = tenant;
        this.keys = keys;
        this.readAhead = readAhead;
    }

    public String tenant() {
        return tenant;
    }

    /**
     * @throws io.arca.archive.store.ObjectNotFoundException when the backup has no manifest (it does not exist)
     * @throws io.arca.archive.format.ObjectFormatException when the manifest is unreadable (precise subclass)
     */
    public Manifest readManifest(String backupId) {
        return ManifestFormat.decode(store.get(RepositoryLayout.manifestKey(tenant, backupId)), tenant, backupId,
                keys);
    }

    /**
     * Like {@link #readManifest(String)}, but first checks that the stored object is the one the backup wrote: its
     * SHA-256 ({@link ManifestFormat#sha256}) must equal {@code expectedSha256}, the digest recorded when the backup
     * completed. A manifest that is well-formed and correctly keyed but was replaced (another backup's, an older
     * copy, one listing other chunks) is refused here; encryption alone cannot tell, and an unencrypted one carries
     * no tag at all.
     *
     * @throws ManifestMismatchException when the digests differ
     */
    public Manifest readManifest(String backupId, String expectedSha256) {
        byte[] stored = store.get(RepositoryLayout.manifestKey(tenant, backupId));
        String actual = ManifestFormat.sha256(stored);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new ManifestMismatchException("the manifest of backup " + backupId + " in the bucket has SHA-256 "
                    + actual + ", but the backup recorded " + expectedSha256 + " when it completed: it was replaced "
                    + "or altered since");
        }
        return ManifestFormat.decode(stored, tenant, backupId, keys);
    }

    /** The whole entry; at its end the entry's size and SHA-256 are checked too. */
    public InputStream openEntry(Manifest manifest, String entryName) {
        ManifestEntry entry = manifest.entry(entryName).orElseThrow(() ->
                new NoSuchElementException("backup " + manifest.backupId() + " has no entry " + entryName));
        return openEntry(entry, 0);
    }

    /**
     * The entry's plaintext from {@code offset} (0 to size) to its end; every chunk is verified (name, tag,
     * size). Read errors surface as {@link io.arca.archive.ArchiveException}s from {@code read}.
     */
    public InputStream openEntry(ManifestEntry entry, long offset) {
        if (offset < 0 || offset > entry.size()) {
            throw new IllegalArgumentException("offset " + offset + " outside entry of " + entry.size() + " bytes");
        }
        return new EntryInputStream(this, entry, offset, entry.size(), readAhead);
    }

    /**
     * One segment of a segmented entry ({@link ManifestEntry#segments()}; segment 0 of an entry written as one
     * stream is the whole entry), checked like a whole entry: every chunk, then the segment's size and SHA-256.
     */
    public InputStream openSegment(ManifestEntry entry, int segment) {
        List<Long> offsets = entry.segmentOffsets();
        if (segment < 0 || segment >= offsets.size()) {
            throw new IllegalArgumentException("entry " + entry.name() + " has " + offsets.size() + " segments, not "
                    + "segment " + segment);
        }
        long start = offsets.get(segment);
        return new EntryInputStream(this, entry, start, start + entry.hashedRuns().get(segment).size(), readAhead);
    }

    /**
     * Fetches and verifies one chunk: decodes it, checks its name (hash/HMAC), tag and size.
     *
     * @throws io.arca.archive.format.ObjectFormatException precise subclass on any mismatch
     * @throws io.arca.archive.store.ObjectNotFoundException when missing
     */
    public byte[] readChunk(ChunkRef ref) {
        byte[] plaintext = ChunkFormat.decode(ref.name(), store.get(RepositoryLayout.chunkKey(tenant, ref.name())),
                keys);
        if (plaintext.length != ref.size()) {
            throw new ChunkSizeMismatchException("chunk " + ref.name() + " has " + plaintext.length
                    + " bytes, the manifest says " + ref.size());
        }
        return plaintext;
    }

    /**
     * One chunk's object exactly as stored in the bucket, for copying it elsewhere (an export of the raw archive),
     * after the same checks as {@link #readChunk} and one more: its length must be the manifest's stored size.
     *
     * @throws io.arca.archive.format.ObjectFormatException precise subclass on any mismatch
     * @throws io.arca.archive.store.ObjectNotFoundException when missing
     */
    public byte[] readStoredChunk(ChunkRef ref) {
        byte[] stored = store.get(RepositoryLayout.chunkKey(tenant, ref.name()));
        if (stored.length != ref.storedSize()) {
            throw new ChunkSizeMismatchException("chunk " + ref.name() + " is " + stored.length + " bytes in the "
                    + "bucket, the manifest says " + ref.storedSize());
        }
        byte[] plaintext = ChunkFormat.decode(ref.name(), stored, keys);
        if (plaintext.length != ref.size()) {
            throw new ChunkSizeMismatchException("chunk " + ref.name() + " has " + plaintext.length
                    + " bytes, the manifest says " + ref.size());
        }
        return stored;
    }

    /** {@link #readStoredChunk} on the reader's fetch threads. */
    public CompletableFuture<byte[]> fetchStoredChunk(ChunkRef ref) {
        return CompletableFuture.supplyAsync(() -> readStoredChunk(ref), fetchers);
    }

    /**
     * The manifest object of {@code expected}'s backup exactly as stored, after checking that it decodes to
     * {@code expected} (a manifest read and verified before, e.g. with {@link #readManifest(String, String)}).
     *
     * @throws ManifestMismatchException when the stored object now says something else
     */
    public byte[] readStoredManifest(Manifest expected) {
        byte[] stored = store.get(RepositoryLayout.manifestKey(tenant, expected.backupId()));
        Manifest actual = ManifestFormat.decode(stored, tenant, expected.backupId(), keys);
        if (!actual.equals(expected)) {
            throw new ManifestMismatchException("the manifest of backup " + expected.backupId() + " in the bucket "
                    + "changed since it was read");
        }
        return stored;
    }

    /** {@link #readChunk} on the reader's fetch threads. */
    public CompletableFuture<byte[]> fetchChunk(ChunkRef ref) {
        return CompletableFuture.supplyAsync(() -> readChunk(ref), fetchers);
    }

    @Override
    public void close() {
        fetchers.shutdownNow();
    }
}
