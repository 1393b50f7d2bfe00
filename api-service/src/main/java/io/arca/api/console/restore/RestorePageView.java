package io.arca.api.console.restore;

import io.arca.api.console.Format;
import io.arca.api.restore.RestoreDtos.RestoreView;
import io.arca.common.job.JobState;
import java.time.Duration;
import java.util.List;

/**
 * One restore as its page shows it.
 *
 * @param targetSourceName  null when the source was deleted since
 * @param preview           null when there is none (yet) or it could not be read ({@code previewUnreadable})
 * @param options           the accepted options in words, one line each
 * @param tables            what the restore did per table (empty until it completed)
 * @param duration          from start to finish, or to now while it runs; null before a worker started it
 */
public record RestorePageView(RestoreView restore, String targetSourceName, PreviewView preview,
                              boolean previewUnreadable, List<String> options, List<TableResult> tables,
                              List<String> foreignKeysLeftOut, Long rowsRestored, Duration duration) {

    /**
     * A table's outcome: rows loaded (and rows the backup recorded), or for a merge what became of the backup's
     * rows. Absent numbers are null.
     */
    public record TableResult(String name, Long rows, Long rowsInBackup, Long inserted, Long skipped,
                              Long overwritten) {
    }

    /** "under a second", else as every console page says durations. */
    static String durationText(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? "under a second" : Format.human(d);
    }

    public String durationText() {
        return duration == null ? null : durationText(duration);
    }

    public String state() {
        return restore.state();
    }

    public boolean terminal() {
        return JobState.fromWireName(restore.state()).isTerminal();
    }

    /** The restore takes a safety backup of what it overwrites (the default; safetyBackup: false turns it off). */
    public boolean safetyBackup() {
        return restore.options() == null || !Boolean.FALSE.equals(restore.options().get("safetyBackup"));
    }

    public boolean merge() {
        return tables.stream().anyMatch(t -> t.inserted() != null);
    }

    /** Tables done of the tables to load, as a percentage; 100 once completed. */
    public int percent() {
        if ("completed".equals(restore.state())) {
            return 100;
        }
        int total = restore.progress().tablesTotal();
        return total <= 0 ? 0 : Math.min(100, restore.progress().tablesDone() * 100 / total);
    }
}
