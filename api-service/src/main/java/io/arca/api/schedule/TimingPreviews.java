package io.arca.api.schedule;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arca.api.common.QueryParams;
import io.arca.api.error.ProblemException;
import io.arca.api.error.ProblemType;
import io.arca.schedule.InvalidTimingException;
import io.arca.schedule.Timetable;
import io.arca.schedule.Timing;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The next fire times of a timing that is not saved yet, read by the code a schedule is fired with ({@link Timing},
 * {@link Timetable}): what the API's preview and the console's as-you-type list show. Bad input is the same 400
 * problem a schedule with that timing would get.
 */
@ApplicationScoped
public class TimingPreviews {
    static final int DEFAULT_COUNT = 5;

    /** A timing's query parameters as text: a malformed number is a problem naming its field, not a 404. */
    public record TimingQuery(String cron, String preset, String minute, String at, String day, String timeZone,
                              String count) {
    }

    @Schema(name = "TimingPreview", description = "The next fire times of a timing in a zone")
    public record TimingPreview(
            @Schema(description = "The 5-field cron expression the timing compiles to") String cron,
            String timeZone,
            List<Instant> upcoming) {
    }

    public TimingPreview preview(TimingQuery query, Instant now) {
        int count = count(query.count());
        Timing timing;
        Timetable timetable;
        try {
            timing = Timing.parse(timing(query));
            timetable = Timetable.of(timing, blank(query.timeZone()) ? "UTC" : query.timeZone().trim());
        } catch (InvalidTimingException e) {
            throw ScheduleValidator.timingProblem(e);
        }
        List<Instant> upcoming = timetable.upcoming(now, count);
        if (upcoming.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_CRON, "cron expression '" + timing.cron()
                    + "' never fires (e.g. 30 February)", "timing.cron");
        }
        return new TimingPreview(timing.cron(), timetable.zone().getId(), upcoming);
    }

    /** The request's timing object, as a schedule's body would carry it (numbers as numbers when they are). */
    private static ObjectNode timing(TimingQuery query) {
        ObjectNode timing = JsonNodeFactory.instance.objectNode();
        if (!blank(query.cron())) {
            timing.put("cron", query.cron());
        }
        if (!blank(query.preset())) {
            timing.put("preset", query.preset().trim());
        }
        putNumberOrText(timing, "minute", query.minute());
        if (!blank(query.at())) {
            timing.put("at", query.at().trim());
        }
        putNumberOrText(timing, "day", query.day());
        return timing;
    }

    private static void putNumberOrText(ObjectNode timing, String field, String value) {
        if (blank(value)) {
            return;
        }
        String text = value.trim();
        try {
            timing.put(field, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            timing.put(field, text);
        }
    }

    private static int count(String text) {
        Integer count = QueryParams.optionalIntBetween(blank(text) ? null : text.trim(), "count", 1,
                ScheduleQueries.MAX_UPCOMING);
        return count == null ? DEFAULT_COUNT : count;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
