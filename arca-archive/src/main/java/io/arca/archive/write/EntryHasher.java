package io.arca.archive.write;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * Waits for every queued chunk; lower-case hex. {@code healthCheck} runs while waiting and throws when the
     * backup failed or was closed (its queued hash tasks may then never run).
     */
    String digest(Runnable healthCheck) {
        while (true) {
            try {
                chain.get(100, TimeUnit.MILLISECONDS);
                return HexFormat.of().formatHex(sha256.digest());
            } catch (TimeoutException e) {
                healthCheck.run();
            } catch (ExecutionException e) {
                throw new CompletionException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }
    }
}
