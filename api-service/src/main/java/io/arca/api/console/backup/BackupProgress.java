package io.arca.api.console.backup;

import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.common.job.JobState;

/**
 * What the backup page's live progress bar shows. The worker knows how many tables a backup has once it starts
 * dumping, not how many bytes it will read, so the bar measures tables done of tables total; a completed backup is
 * 100%, and a running one stays below 100% until the worker marks it completed (its manifest is still to write).
 *
 * @param percent 0-100
 * @param isFinal the state is terminal: the page stops polling
 */
public record BackupProgress(BackupView backup, int percent, boolean isFinal, String phase) {
    public static BackupProgress of(BackupView backup) {
        boolean terminal = JobState.fromWireName(backup.state()).isTerminal();
        int percent;
        if ("completed".equals(backup.state())) {
            percent = 100;
        } else if (backup.progress().tablesTotal() > 0) {
            percent = Math.min(99, 100 * backup.progress().tablesDone() / backup.progress().tablesTotal());
        } else {
            percent = 0;
        }
        String phase = backup.progress().phase();
        return new BackupProgress(backup, percent, terminal, phase == null ? backup.state() : phase);
    }
}
