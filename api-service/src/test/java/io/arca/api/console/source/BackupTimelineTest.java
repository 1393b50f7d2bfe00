package io.arca.api.console.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.backup.BackupDtos.Progress;
import io.arca.api.backup.BackupDtos.Result;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static BackupView backup(String state, Instant at, Long stored, Long newBytes) {
        return new BackupView(UUID.randomUUID(), UUID.randomUUID(), state, "full", null, null, 1,
                new Progress("done", 0, 0, 0, 0, 0, 0),
                new Result(stored == null ? null : stored * 3, stored, newBytes, null, null, null),
                null, at, at, at, at, null, null, false, null, "api", null, null, "live", null, null);
    }

    @Test
    void oldestOnTheLeftBothBarsOnTheLargestStoredSize() {
        BackupView newest = backup("completed", T0.plusSeconds(3600), 1000L, 100L);
        BackupView oldest = backup("completed", T0, 500L, 500L);
        BackupTimeline timeline = BackupTimeline.of(List.of(newest, oldest));

        assertThat(timeline.slots()).extracting(s -> s.backup().id()).containsExactly(oldest.id(), newest.id());
        assertThat(timeline.maxBytes()).isEqualTo(1000);
        var left = timeline.slots().get(0);
        var right = timeline.slots().get(1);
        double plot = BackupTimeline.HEIGHT - BackupTimeline.TOP;
        assertThat(right.storedHeight()).isEqualTo(plot);
        assertThat(right.storedY()).isEqualTo(BackupTimeline.TOP);
        assertThat(left.storedHeight()).isEqualTo(plot / 2);
        assertThat(left.newHeight()).isEqualTo(left.storedHeight());
        assertThat(right.newHeight()).isEqualTo(plot / 10);
        assertThat(left.x()).isLessThan(right.x());
        assertThat(right.x() + 2 * right.barWidth()).isLessThanOrEqualTo(BackupTimeline.WIDTH);
        assertThat(left.title()).isEqualTo("2026-11-30 10:00 UTC, completed: stored 500 B, new 500 B");
        assertThat(timeline.firstLabel()).isEqualTo("2026-11-30 10:00");
        assertThat(timeline.lastLabel()).isEqualTo("2026-11-30 11:00");
    }

    @Test
    void aBackupWithoutResultIsAMarkerNotABar() {
        BackupTimeline timeline = BackupTimeline.of(List.of(backup("failed", T0, null, null)));

        var slot = timeline.slots().get(0);
        assertThat(slot.hasResult()).isFalse();
        assertThat(slot.storedHeight()).isZero();
        assertThat(slot.title()).isEqualTo("2026-11-30 10:00 UTC, failed");
        assertThat(timeline.maxBytes()).isZero();
    }

    @Test
    void noBackupsNoSlots() {
        assertThat(BackupTimeline.of(List.of()).isEmpty()).isTrue();
    }
}
