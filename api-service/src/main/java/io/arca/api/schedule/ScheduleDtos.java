package io.arca.api.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.arca.api.backup.BackupDtos.CompressionRequest;
import io.arca.api.backup.BackupDtos.TablesRequest;
import io.arca.jobs.options.BackupOptions;
import io.arca.retention.RetentionPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response shapes of the schedule endpoints. */
public final class ScheduleDtos {
    private ScheduleDtos() {
    }

    @Schema(name = "ScheduleRequest", description = "A schedule: the source, the backup options exactly as POST "
            + "/api/v1/backups takes them (type, tables, compression, encrypt, labels), and when it runs")
    public record ScheduleRequest(
            @Schema(required = true, examples = "nightly") String name,
            @Schema(required = true) UUID sourceId,
            @Schema(description = "full, schema-only or data-only", defaultValue = "full") String type,
            TablesRequest tables,
            CompressionRequest compression,
            @Schema(defaultValue = "false") Boolean encrypt,
            Map<String, String> labels,
            @Schema(required = true, description = "{\"cron\": \"0 2 * * *\"} or a preset: {\"preset\": \"hourly\", "
                    + "\"minute\": 15}, {\"preset\": \"daily\", \"at\": \"02:30\"}, {\"preset\": \"weekly\", \"day\": "
                    + "\"monday\", \"at\": \"02:30\"}, {\"preset\": \"monthly\", \"day\": 31, \"at\": \"02:30\"} "
                    + "(day 29-31: the month's last day in shorter months)")
            JsonNode timing,
            @Schema(description = "IANA time zone the timing is read in", defaultValue = "UTC") String timeZone,
            @Schema(description = "skip or queue: what a fire does while this schedule's previous backup is "
                    + "unfinished", defaultValue = "skip") String overlap,
            @Schema(description = "Which of this schedule's backups to keep; absent or null: all") RetentionPolicy retention,
            @Schema(description = "Restore drills of this schedule's newest backup; absent or null: none") DrillRequest drill,
            @Schema(description = "On create, default true; on update, absent keeps it") Boolean enabled) {
    }

    @Schema(name = "DrillPolicy")
    public record DrillRequest(
            @Schema(description = "ISO-8601 duration between drills, at least PT1H", examples = "P7D") String every,
            @Schema(description = "A source of this tenant to restore into (a scratch database)") UUID targetSourceId) {
    }

    @Schema(name = "Schedule")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScheduleView(
            UUID id, String name, UUID sourceId, boolean enabled,
            BackupOptions options, Map<String, String> labels,
            Map<String, Object> timing,
            @Schema(description = "The 5-field cron expression the timing compiles to") String cron,
            String timeZone, String overlap, RetentionPolicy retention, DrillView drill,
            @Schema(description = "The next fire time; null while disabled") Instant nextRunAt,
            @Schema(description = "With ?upcoming=N: the next N fire times") List<Instant> upcoming,
            @Schema(description = "The newest fire: the backup it created and that backup's state, or why it was "
                    + "skipped; absent before the first") LastRun lastRun,
            Instant createdAt, Instant updatedAt,
            @Schema(description = "Send it back as If-Match to update (also the ETag header)") long version) {
    }

    public record DrillView(String every, UUID targetSourceId, Instant nextDrillAt) {
    }

    @Schema(name = "ScheduleFire")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LastRun(
            Instant fireTime,
            @Schema(description = "timetable or manual") String trigger,
            @Schema(description = "created or skipped") String outcome,
            @Schema(description = "Why it was skipped, or how many earlier slots a late fire missed") String reason,
            UUID backupId,
            @Schema(description = "The backup's state now") String backupState) {
    }
}
