package io.arca.archive.write;

/**
 * Receives cumulative progress after every chunk, from the writer's worker threads: implementations must be
 * thread-safe and quick (store the latest value; report it on your own schedule).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void onProgress(WriteProgress progress);
}
