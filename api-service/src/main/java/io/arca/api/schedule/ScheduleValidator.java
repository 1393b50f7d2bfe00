package io.arca.api.schedule;

import io.arca.api.backup.BackupDtos.BackupRequest;
import io.arca.api.backup.BackupOptionsValidator;
import io.arca.api.common.Labels;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.api.schedule.ScheduleDtos.DrillRequest;
import io.arca.api.schedule.ScheduleDtos.ScheduleRequest;
import io.arca.jobs.options.BackupOptions;
import io.arca.retention.InvalidRetentionPolicyException;
import io.arca.retention.RetentionPolicy;
import io.arca.schedule.InvalidTimingException;
import io.arca.schedule.Timetable;
import io.arca.schedule.Timing;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a schedule request; every bad value is a 400 problem naming its field (sources are checked by the service). */
final class ScheduleValidator {
    static final Duration MIN_DRILL_EVERY = Duration.ofHours(1);
    static final Duration MAX_DRILL_EVERY = Duration.ofDays(366);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    private ScheduleValidator() {
    }

    /** A checked request: the options as POST /backups normalises them, the compiled timing, the policies. */
    record Valid(String name, BackupOptions options, Map<String, String> labels, Timing timing, Timetable timetable,
                 String overlap, RetentionPolicy retention, DrillRequest drill) {
    }

    static Valid validate(ScheduleRequest request, Instant now) {
        if (request == null) {
            throw ProblemException.invalid(null, "request body is required");
        }
        if (request.name() == null || !NAME.matcher(request.name()).matches() || request.name().isBlank()) {
            throw ProblemException.invalid("name", "name is 1-100 characters without control characters");
        }
        if (request.sourceId() == null) {
            throw ProblemException.invalid("sourceId", "sourceId is required");
        }
        BackupOptions options = BackupOptionsValidator.validate(new BackupRequest(request.sourceId(), request.type(),
                request.tables(), request.compression(), request.encrypt(), request.labels()));
        Map<String, String> labels = Labels.validate(request.labels(), "labels");
        Timing timing;
        Timetable timetable;
        try {
            timing = Timing.parse(request.timing());
            timetable = Timetable.of(timing, request.timeZone() == null ? "UTC" : request.timeZone());
        } catch (InvalidTimingException e) {
            throw timingProblem(e);
        }
        if (timetable.next(now) == null) {
            throw new ProblemException(ProblemType.INVALID_CRON, "cron expression '" + timing.cron()
                    + "' never fires (e.g. 30 February)", "timing.cron");
        }
        String overlap = request.overlap() == null ? "skip" : request.overlap();
        if (!overlap.equals("skip") && !overlap.equals("queue")) {
            throw ProblemException.invalid("overlap", "overlap is skip or queue");
        }
        return new Valid(request.name(), options, labels, timing, timetable, overlap, retention(request.retention()),
                drill(request.drill()));
    }

    static ProblemException timingProblem(InvalidTimingException e) {
        ProblemType type = switch (e.kind()) {
            case CRON -> ProblemType.INVALID_CRON;
            case ZONE -> ProblemType.UNKNOWN_TIME_ZONE;
            case TIMING -> ProblemType.INVALID_TIMING;
        };
        return new ProblemException(type, e.getMessage(), e.field());
    }

    private static RetentionPolicy retention(RetentionPolicy retention) {
        if (retention == null) {
            return null;
        }
        try {
            return retention.validated();
        } catch (InvalidRetentionPolicyException e) {
            throw ProblemException.invalid("retention." + e.field(), e.getMessage());
        }
    }

    private static DrillRequest drill(DrillRequest drill) {
        if (drill == null) {
            return null;
        }
        if (drill.every() == null) {
            throw ProblemException.invalid("drill.every", "drill.every is required: an ISO-8601 duration (P7D)");
        }
        Duration every;
        try {
            every = Duration.parse(drill.every());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("drill.every", "drill.every is an ISO-8601 duration in days or hours "
                    + "(P7D, PT12H), not '" + drill.every() + "'");
        }
        if (every.compareTo(MIN_DRILL_EVERY) < 0 || every.compareTo(MAX_DRILL_EVERY) > 0) {
            throw ProblemException.invalid("drill.every", "drill.every must be between PT1H and P366D, not "
                    + drill.every());
        }
        if (drill.targetSourceId() == null) {
            throw ProblemException.invalid("drill.targetSourceId", "drill.targetSourceId is required: the source "
                    + "a drill restores into");
        }
        return drill;
    }
}
