package io.arca.worker.restore;

import io.arca.archive.manifest.ChunkRef;
import io.arca.archive.manifest.Manifest;
import io.arca.archive.manifest.ManifestEntry;
import io.arca.archive.repo.RepositoryLayout;
import io.arca.archive.store.ObjectStore;
import io.arca.pg.DumpEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * What a restore would read from the bucket, from the manifest, and whether it is all there (one HEAD per distinct
 * chunk object, never a GET).
 *
 * @param bytesToFetch     stored bytes of the chunks of the entries the restore reads (an entry read twice, or a chunk
 *                         two entries share, is fetched and counted again: what goes over the wire)
 * @param chunksToRead     distinct chunk objects those entries consist of
 * @param chunksMissing    how many of them the bucket does not have
 * @param allChunksPresent chunksMissing is 0
 * @param missingExamples  up to {@value #EXAMPLES} names of missing chunks, for the error a real run would report
 */
record BucketFacts(long bytesToFetch, int chunksToRead, int chunksMissing, boolean allChunksPresent,
                   List<String> missingExamples) {
    /**
     * HEAD requests in flight at once. S3 answers a HEAD in a few milliseconds locally and tens over the internet;
     * 32 in flight checks 1,000 chunks in well under a second either way without being a burst a provider throttles.
     */
    static final int HEAD_PARALLELISM = 32;
    private static final int EXAMPLES = 5;

    /**
     * @param entries the dump entries the restore applies (the engine's plan), matched to the manifest by name
     */
    static BucketFacts of(ObjectStore store, String tenant, Manifest manifest, List<DumpEntry> entries)
            throws InterruptedException {
        long bytes = 0;
        Set<String> chunks = new LinkedHashSet<>();
        for (DumpEntry e : entries) {
            ManifestEntry stored = manifest.entry(e.name()).orElse(null);
            if (stored == null) {
                continue; // a plan entry the manifest lacks fails the real run at open; nothing to fetch here
            }
            bytes += stored.storedSize();
            for (ChunkRef c : stored.chunks()) {
                chunks.add(c.name());
            }
        }
        List<String> missing = missing(store, tenant, chunks);
        return new BucketFacts(bytes, chunks.size(), missing.size(), missing.isEmpty(),
                missing.subList(0, Math.min(EXAMPLES, missing.size())));
    }

    private static List<String> missing(ObjectStore store, String tenant, Set<String> chunks)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(HEAD_PARALLELISM);
        List<Future<String>> checks = new ArrayList<>(chunks.size());
        try (ExecutorService heads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : chunks) {
                inFlight.acquire();
                checks.add(heads.submit(() -> {
                    try {
                        return store.exists(RepositoryLayout.chunkKey(tenant, name)) ? null : name;
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            List<String> missing = new ArrayList<>();
            for (Future<String> check : checks) {
                String name = get(check);
                if (name != null) {
                    missing.add(name);
                }
            }
            return missing;
        }
    }

    private static String get(Future<String> check) throws InterruptedException {
        try {
            return check.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the store failed (not "absent"): the dry run fails with the store's reason
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
