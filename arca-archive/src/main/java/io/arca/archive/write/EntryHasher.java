package io.arca.archive.write;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * SHA-256 of an entry's plaintext, computed chunk by chunk in stream order on the pipeline's threads rather than
 * on the writing thread: the writing thread then only chunks, which lets a fully deduplicated write run at the
 * speed of the Gear hash instead of Gear + SHA-256 in series.
 */
final class EntryHasher {
    private final MessageDigest sha256;
    private final Executor executor;
    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    EntryHasher(Executor executor) {
        this.executor = executor;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Queues {@code buffer[0, length)} after the previous chunk; {@code done} runs once it is hashed. */
    void add(byte[] buffer, int length, Runnable done) {
        chain = chain.thenRunAsync(() -> {
            try {
                sha256.update(buffer, 0, length);
            } finally {
                done.run();
            }
        }, executor);
    }

    /** Waits for every queued chunk; lower-case hex. */
    String digest() {
        chain.join();
        return HexFormat.of().formatHex(sha256.digest());
    }
}
