package io.arca.archive.write;

/**
 * Receives cumulative progress after every chunk, from the writer's worker threads, one call at a time and in
 * order (each value is at least the previous one). Implementations must be quick: store the latest value and
 * report it on your own schedule.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = progress -> { };

    void onProgress(WriteProgress progress);
}
