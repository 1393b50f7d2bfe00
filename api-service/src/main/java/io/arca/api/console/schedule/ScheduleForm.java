package io.arca.api.console.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arca.api.schedule.ScheduleDtos.ScheduleView;
import io.arca.jobs.options.BackupOptions;
import io.arca.retention.RetentionPolicy;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What the schedule form shows: a saved schedule's values (or a new one's defaults) as the inputs' text, and the
 * options of its pickers. Field names follow the API's body (console.js builds the JSON from them).
 */
public record ScheduleForm(
        String id, String name, List<Option> sources, List<Option> types, List<Option> algorithms,
        String level, boolean encrypt, String include, String exclude, String excludeData, String labels,
        List<Option> presets, String cron, String minute, String at, List<Option> weekdays, String monthDay,
        String timeZone, List<String> zones, List<Option> overlaps,
        String keepLast, String keepHourly, String keepDaily, String keepWeekly, String keepMonthly,
        String keepYearly, String keepWithin, String minKeep,
        String drillEvery, List<Option> drillTargets, boolean enabled, String etag) {

    static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
            "sunday");
    private static final Map<String, String> PRESETS = Option.labels("", "Custom cron expression", "hourly", "Hourly",
            "daily", "Daily", "weekly", "Weekly", "monthly", "Monthly");
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") || z.equals("UTC")).filter(z -> !z.startsWith("Etc/")).sorted().toList();

    /** A new schedule: daily at 02:00 UTC, zstd, encrypted, no retention, enabled; {@code sourceId} preselected. */
    static ScheduleForm blank(Map<UUID, String> sourceNames, String sourceId) {
        return new ScheduleForm(null, "", Option.sources(sourceNames, sourceId, null), types("full"),
                algorithms("zstd"), "", true, "", "", "", "", presets("daily"), "", "", "02:00",
                Option.of(WEEKDAYS, "monday"), "1", "UTC", ZONES, overlaps("skip"),
                "", "", "", "", "", "", "", "", "", Option.sources(sourceNames, null, "No drills"), true, null);
    }

    static ScheduleForm of(ScheduleView s, Map<UUID, String> sourceNames, ObjectMapper json) {
        BackupOptions o = s.options();
        Map<String, Object> timing = s.timing();
        String preset = text(timing.get("preset"));
        Object day = timing.get("day");
        RetentionPolicy r = s.retention();
        return new ScheduleForm(s.id().toString(), s.name(),
                Option.sources(sourceNames, s.sourceId().toString(), null), types(o.type()),
                algorithms(o.compression().algorithm()), String.valueOf(o.compression().level()), o.encrypt(),
                lines(o.tablesOrNone().include()), lines(o.tablesOrNone().exclude()),
                lines(o.tablesOrNone().excludeData()),
                s.labels() == null || s.labels().isEmpty() ? "" : write(json, s.labels()),
                presets(preset == null ? "" : preset), text(timing.get("cron")), text(timing.get("minute")),
                text(timing.get("at")), Option.of(WEEKDAYS, day instanceof String d ? d.toLowerCase() : "monday"),
                day instanceof Number n ? n.toString() : "1", s.timeZone(), ZONES, overlaps(s.overlap()),
                r == null ? "" : text(r.keepLast()), r == null ? "" : text(r.keepHourly()),
                r == null ? "" : text(r.keepDaily()), r == null ? "" : text(r.keepWeekly()),
                r == null ? "" : text(r.keepMonthly()), r == null ? "" : text(r.keepYearly()),
                r == null ? "" : text(r.keepWithin()), r == null ? "" : text(r.minKeep()),
                s.drill() == null ? "" : s.drill().every(),
                Option.sources(sourceNames, s.drill() == null ? null : s.drill().targetSourceId().toString(),
                        "No drills"),
                s.enabled(), "\"" + s.version() + "\"");
    }

    /** The form's preset value: "" for a custom cron. */
    public String preset() {
        return presets.stream().filter(Option::selected).map(Option::value).findFirst().orElse("");
    }

    /** {@code data-headers} of the save form: If-Match with the version read (JSON text). */
    public String ifMatchHeaders() {
        return etag == null ? null : "{\"If-Match\":\"" + etag.replace("\"", "\\\"") + "\"}";
    }

    private static List<Option> types(String selected) {
        return Option.of(Option.labels("full", "Full (schema and data)", "schema-only", "Schema only", "data-only",
                "Data only"), selected);
    }

    private static List<Option> algorithms(String selected) {
        return Option.of(Option.labels("zstd", "zstd", "gzip", "gzip", "none", "none"), selected);
    }

    private static List<Option> presets(String selected) {
        return Option.of(PRESETS, selected);
    }

    private static List<Option> overlaps(String selected) {
        return Option.of(Option.labels("skip", "Skip a fire while the previous backup runs", "queue",
                "Queue it behind the previous backup"), selected);
    }

    private static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
