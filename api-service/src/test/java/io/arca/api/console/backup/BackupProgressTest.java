package io.arca.api.console.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.backup.BackupDtos.Progress;
import io.arca.api.backup.BackupDtos.Result;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupProgressTest {

    static BackupView backup(String state, String phase, int done, int total) {
        Instant now = Instant.now();
        return new BackupView(UUID.randomUUID(), UUID.randomUUID(), state, "full", null, null, 1,
                new Progress(phase, 0, 0, done, total, 0, 0), new Result(null, null, null, null, null, null),
                null, now, now, null, now, null, null, false, null, "api", null, null, "live", null, null);
    }

    @Test
    void tablesDoneOfTotalWhileRunning() {
        BackupProgress p = BackupProgress.of(backup("running", "dumping", 3, 12));
        assertThat(p.percent()).isEqualTo(25);
        assertThat(p.isFinal()).isFalse();
        assertThat(p.phase()).isEqualTo("dumping");
    }

    @Test
    void allTablesDoneIsNotYetDoneUntilCompleted() {
        assertThat(BackupProgress.of(backup("running", "writing-manifest", 12, 12)).percent()).isEqualTo(99);
        BackupProgress done = BackupProgress.of(backup("completed", "done", 12, 12));
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.isFinal()).isTrue();
    }

    @Test
    void beforeTheWorkerCountsTablesTheBarIsEmptyAndThePhaseIsTheState() {
        BackupProgress p = BackupProgress.of(backup("queued", null, 0, 0));
        assertThat(p.percent()).isZero();
        assertThat(p.phase()).isEqualTo("queued");
        assertThat(BackupProgress.of(backup("failed", "dumping", 2, 5)).isFinal()).isTrue();
    }
}
