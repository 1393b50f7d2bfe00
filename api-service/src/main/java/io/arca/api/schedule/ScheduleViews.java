package io.arca.api.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.schedule.ScheduleDtos.DrillView;
import io.arca.api.schedule.ScheduleDtos.LastRun;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import io.arca.schedule.Timetable;
import io.arca.schedule.Timing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Schedule rows as the API shows them, and the timetable of a stored schedule. */
@ApplicationScoped
class ScheduleViews {
    @Inject
    ObjectMapper json;

    Timetable timetable(Schedule s) {
        return Timetable.of(Timing.parse(json.valueToTree(s.timing)), s.timeZone);
    }

    /** @param upcoming how many next fire times to list (0: none) */
    ScheduleView view(Schedule s, LastRun lastRun, int upcoming, Instant now) {
        List<Instant> times = upcoming == 0 ? null : timetable(s).upcoming(now, upcoming);
        DrillView drill = s.drill == null ? null : new DrillView((String) s.drill.get("every"),
                UUID.fromString((String) s.drill.get("targetSourceId")), s.nextDrillAt);
        return new ScheduleView(s.id, s.name, s.sourceId, s.enabled, s.backupOptions, s.labels, s.timing, s.cron,
                s.timeZone, s.overlap, s.retention, drill, s.nextRunAt, times, lastRun, s.createdAt, s.updatedAt,
                s.version);
    }
}
