package io.arca.api.console.schedule;

import io.arca.api.error.ProblemException;
import io.arca.api.retention.RetentionDtos.PreviewView;
import io.arca.api.retention.RetentionPreviewService;
import io.arca.api.schedule.TimingPreviews;
import io.arca.api.schedule.TimingPreviews.TimingPreview;
import io.arca.api.schedule.TimingPreviews.TimingQuery;
import io.arca.retention.RetentionPolicy;
import io.arca.retention.RetentionScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * The form's live previews, by the API's own services: the next fire times of the timing being typed, and what the
 * retention policy being typed would keep. A bad value is the API's problem text, shown in the fragment.
 */
@ApplicationScoped
public class SchedulePreviews {
    /** Retention items shown in the form (the counts cover every backup). */
    static final String RETENTION_ROWS = "20";

    @Inject
    TimingPreviews timings;
    @Inject
    RetentionPreviewService retention;

    /** Either the fire times or the problem. */
    public record Result<T>(T value, String title, String detail) {
        static <T> Result<T> of(T value) {
            return new Result<>(value, null, null);
        }

        static <T> Result<T> failed(ProblemException e) {
            return new Result<>(null, e.toProblem().title(), e.getMessage());
        }
    }

    Result<FireTimes> fireTimes(TimingQuery query) {
        try {
            TimingPreview preview = timings.preview(query, Instant.now());
            return Result.of(FireTimes.of(preview.upcoming(), preview.timeZone()));
        } catch (ProblemException e) {
            return Result.failed(e);
        }
    }

    /** @param policy null: no policy (every backup kept) */
    Result<PreviewView> retention(UUID scheduleId, RetentionPolicy policy) {
        if (policy == null) {
            return Result.of(null);
        }
        try {
            return Result.of(retention.preview(RetentionScope.Kind.SCHEDULE, scheduleId, policy, RETENTION_ROWS,
                    null));
        } catch (ProblemException e) {
            return Result.failed(e);
        }
    }

    /** A policy from the form's text fields; all empty: null. */
    static RetentionPolicy policy(String keepLast, String keepHourly, String keepDaily, String keepWeekly,
            String keepMonthly, String keepYearly, String keepWithin, String minKeep) {
        if (allBlank(keepLast, keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepWithin, minKeep)) {
            return null;
        }
        return new RetentionPolicy(count("keepLast", keepLast), count("keepHourly", keepHourly),
                count("keepDaily", keepDaily), count("keepWeekly", keepWeekly), count("keepMonthly", keepMonthly),
                count("keepYearly", keepYearly), keepWithin == null || keepWithin.isBlank() ? null : keepWithin.trim(),
                count("minKeep", minKeep));
    }

    private static Integer count(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("retention." + field, "retention." + field + " is a whole number, not '"
                    + text + "'");
        }
    }

    private static boolean allBlank(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
