package io.arca.archive.verify;

import io.arca.archive.format.ObjectFormatException;
import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.EntryHash;
import io.arca.archive.manifest.EntrySegment;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.read.BackupReader;
import io.arca.archive.store.ObjectNotFoundException;
import io.arca.archive.store.ObjectStoreException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Re-reads every chunk of a backup (fetching {@code parallelism} chunks at a time), checks each chunk's format,
 * tag, name and size, then each entry's (or each segment's, for a segmented entry) size and SHA-256, and reports exactly which chunk or entry is bad and why.
 * Does not stop at the first defect.
 */
public final class Verifier {
    private final BackupReader reader;
    private final int parallelism;

    public Verifier(BackupReader reader) {
        this(reader, 4);
    }

    public Verifier(BackupReader reader, int parallelism) {
        this.reader = reader;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Reads the manifest and verifies the backup. Manifest failures are thrown, not reported. */
    public VerificationReport verify(String backupId) {
        return verify(reader.readManifest(backupId));
    }

    public VerificationReport verify(Manifest manifest) {
        return verify(manifest, Listener.NONE);
    }

    /**
     * Verifies the backup, telling {@code listener} after every chunk how far it got. The listener runs on the
     * calling thread; an exception it throws stops the verification (and propagates), e.g. a job that was cancelled.
     */
    public VerificationReport verify(Manifest manifest, Listener listener) {
        List<Defect> defects = new ArrayList<>();
        long chunks = 0;
        long bytes = 0;
        for (ManifestEntry entry : manifest.entries()) {
            ArrayDeque<CompletableFuture<byte[]>> window = new ArrayDeque<>();
            int next = 0;
            int i = 0;
            List<EntrySegment> runs = entry.hashedRuns();
            for (int r = 0; r < runs.size(); r++) {
                EntrySegment run = runs.get(r);
                EntryHash sha = new EntryHash();
                boolean chunksGood = true;
                long size = 0;
                for (int c = 0; c < run.chunks(); c++, i++) {
                    while (next < entry.chunks().size() && window.size() < parallelism) {
                        window.add(reader.fetchChunk(entry.chunks().get(next++)));
                    }
                    ChunkRef ref = entry.chunks().get(i);
                    chunks++;
                    try {
                        byte[] plaintext = window.poll().join();
                        sha.update(plaintext, 0, plaintext.length);
                        size += plaintext.length;
                        bytes += plaintext.length;
                    } catch (CompletionException e) {
                        chunksGood = false;
                        defects.add(new Defect(entry.name(), i, ref.name(), kindOf(e.getCause()),
                                e.getCause().getMessage()));
                    }
                    listener.checked(chunks, bytes);
                }
                if (chunksGood) {
                    String what = entry.segmented() ? "segment " + r + ": " : "";
                    String actual = sha.hex();
                    if (size != run.size()) {
                        defects.add(new Defect(entry.name(), -1, null, Defect.Kind.ENTRY_HASH_MISMATCH,
                                what + "chunks hold " + size + " bytes, the manifest says " + run.size()));
                    } else if (!actual.equals(run.sha256())) {
                        defects.add(new Defect(entry.name(), -1, null, Defect.Kind.ENTRY_HASH_MISMATCH,
                                what + "hashes to " + actual + ", the manifest says " + run.sha256()));
                    }
                }
            }
        }
        return new VerificationReport(manifest.backupId(), manifest.entries().size(), chunks, bytes, defects);
    }

    /** How many chunk references {@link #verify} checks: every chunk of every entry, shared ones once per use. */
    public static long chunkCount(Manifest manifest) {
        return manifest.entries().stream().mapToLong(e -> e.chunks().size()).sum();
    }

    /** Progress of a verification: chunks read so far (good or bad) and the plaintext bytes of the good ones. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (chunks, bytes) -> {
        };

        void checked(long chunksChecked, long bytesChecked);
    }

    /** The defect a chunk read failure means; shared with readers that find one outside a verification. */
    public static Defect.Kind kindOf(Throwable t) {
        if (t instanceof ObjectNotFoundException) {
            return Defect.Kind.MISSING;
        }
        if (t instanceof ObjectStoreException) {
            return Defect.Kind.READ_ERROR;
        }
        if (t instanceof ObjectFormatException f) {
            return switch (f.reason()) {
                case UNSUPPORTED_FORMAT -> Defect.Kind.UNSUPPORTED_FORMAT;
                case TRUNCATED -> Defect.Kind.TRUNCATED;
                case AUTHENTICATION_FAILED -> Defect.Kind.AUTHENTICATION_FAILED;
                case HASH_MISMATCH -> Defect.Kind.HASH_MISMATCH;
                case CORRUPT -> Defect.Kind.CORRUPT;
                case KEY_UNAVAILABLE -> Defect.Kind.KEY_UNAVAILABLE;
            };
        }
        return Defect.Kind.READ_ERROR;
    }
}
