package io.arca.api.download;

import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Caps the downloads one API instance streams at once ({@code arca.downloads.max-concurrent}): each holds its
 * reader's read-ahead in the heap, so the cap is what keeps the API's heap bounded however many clients come.
 */
@ApplicationScoped
class DownloadSlots {
    private final Semaphore slots;
    private final int max;

    DownloadSlots(DownloadsConfig config) {
        this.max = Math.max(1, config.maxConcurrent());
        this.slots = new Semaphore(max);
    }

    /**
     * Takes a slot; running the result gives it back (once, however often it runs).
     *
     * @throws ProblemException 503 {@code too-many-downloads} when every slot is taken
     */
    Runnable take() {
        if (!slots.tryAcquire()) {
            throw new ProblemException(ProblemType.TOO_MANY_DOWNLOADS, "this API instance streams " + max
                    + " downloads at once (arca.downloads.max-concurrent) and all are in use; try again shortly, or "
                    + "ask for an export for a file many clients fetch", null);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
    }
}
