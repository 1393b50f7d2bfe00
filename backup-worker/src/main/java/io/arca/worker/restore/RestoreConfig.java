package io.arca.worker.restore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Restore jobs, under {@code arca.restore.}. */
@ConfigMapping(prefix = "arca.restore")
public interface RestoreConfig {

    /**
     * Seconds a restore whose safety backup is still running waits in the queue before it looks again (waiting uses
     * no attempt); it goes back to the queue only after looking again in place for 5 seconds.
     */
    @WithDefault("3")
    int safetyBackupWaitSeconds();

    /**
     * Plaintext bytes per second a dry run's duration estimate assumes while no restore of this deployment has been
     * measured yet (default 30 MB/s: the e2e benchmark's restores load about 40 MB/s on 2 cores).
     */
    @WithDefault("30000000")
    long estimateDefaultBytesPerSecond();
}
