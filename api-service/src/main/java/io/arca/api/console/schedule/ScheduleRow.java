package io.arca.api.console.schedule;

import io.arca.api.schedule.ScheduleDtos.LastRun;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** A schedule as the list and its page show it: timing in words, times in the schedule's zone. */
public record ScheduleRow(String id, String name, String sourceId, String sourceName, String timing, String cron,
                          String zone, boolean enabled, String nextRunIso, String nextRunLocal, LastRun lastRun,
                          String lastRunLocal, String lastRunBadge, String retention, String drill) {

    static ScheduleRow of(ScheduleView s, Map<UUID, String> sourceNames) {
        LastRun last = s.lastRun();
        return new ScheduleRow(s.id().toString(), s.name(), s.sourceId().toString(),
                sourceNames.getOrDefault(s.sourceId(), s.sourceId().toString()), words(s.timing()), s.cron(),
                s.timeZone(), s.enabled(), s.nextRunAt() == null ? null : s.nextRunAt().toString(),
                FireTimes.local(s.nextRunAt(), s.timeZone()), last,
                last == null ? null : FireTimes.local(last.fireTime(), s.timeZone()), badge(last),
                s.retention() == null ? "keep every backup" : s.retention().summary(),
                s.drill() == null ? "none" : "every " + s.drill().every() + " into "
                        + sourceNames.getOrDefault(s.drill().targetSourceId(), s.drill().targetSourceId().toString()));
    }

    /** True when the timing is a preset (its words do not show the cron it compiles to). */
    public boolean isPreset() {
        return !timing.startsWith("Cron ");
    }

    /** The timing as a sentence: "Daily at 02:30", "Weekly on monday at 02:30", "Cron 17 3 * * 1". */
    static String words(Map<String, Object> timing) {
        Object preset = timing.get("preset");
        if (preset == null) {
            return "Cron " + timing.get("cron");
        }
        String at = Objects.toString(timing.get("at"), "00:00");
        return switch (preset.toString()) {
            case "hourly" -> "Hourly at minute " + Objects.toString(timing.get("minute"), "0");
            case "daily" -> "Daily at " + at;
            case "weekly" -> "Weekly on " + timing.get("day") + " at " + at;
            case "monthly" -> "Monthly on day " + timing.get("day") + " at " + at;
            default -> preset.toString();
        };
    }

    /** The badge class of the last run: its backup's state, or warn for a skipped fire. */
    private static String badge(LastRun last) {
        if (last == null) {
            return "neutral";
        }
        if (!"created".equals(last.outcome())) {
            return "warn";
        }
        return last.backupState() == null ? "queued" : last.backupState();
    }
}
