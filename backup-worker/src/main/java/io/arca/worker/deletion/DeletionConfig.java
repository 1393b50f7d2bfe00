package io.arca.worker.deletion;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delete jobs, under {@code arca.deletion.}. */
@ConfigMapping(prefix = "arca.deletion")
public interface DeletionConfig {

    /**
     * Seconds a delete job whose backup is still being read (a restore, export, verification or download) waits
     * before it looks again; it is put back in the queue meanwhile, without using up an attempt.
     */
    @WithDefault("60")
    int readerWaitSeconds();

    /** Chunk references ({@code backup_chunks} rows) a delete job removes per transaction. */
    @WithDefault("10000")
    int referenceBatchSize();
}
