package io.arca.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.arca.schedule.InvalidTimingException.Kind;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule fires, as the user gives it, checked and compiled to a 5-field cron expression:
 * <pre>
 * {"cron": "0 2 * * *"}                                    any UNIX cron expression
 * {"preset": "hourly", "minute": 15}                       every hour at :15 (minute 0-59, default 0)
 * {"preset": "daily", "at": "02:30"}                       every day at 02:30 (HH:MM, default "00:00")
 * {"preset": "weekly", "day": "monday", "at": "02:30"}     monday-sunday (required)
 * {"preset": "monthly", "day": 31, "at": "02:30"}          day 1-31 (required)
 * </pre>
 * A monthly day of 29, 30 or 31 runs on that day, or on the last day of a month that has no such day (day 31: 28 or
 * 29 February, 30 April). UNIX cron has no "last day" ({@code L}), so such a timing compiles to the candidate days
 * {@code 28-31} and {@link #monthDay()} keeps the day: a candidate fires only when it is {@code min(day, length of
 * its month)} (see {@link Timetable}).
 *
 * @param cron     the 5-field expression the timing compiles to (what the catalog's {@code schedules.cron} holds)
 * @param monthDay for a monthly preset on day 29-31, that day; null otherwise (every cron match fires)
 */
public record Timing(String cron, Integer monthDay) {
    private static final Pattern AT = Pattern.compile("(\\d{2}):(\\d{2})");
    private static final List<String> WEEKDAYS =
            List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

    /** @throws InvalidTimingException naming the field ({@code timing.at}, {@code timing.cron}, ...) */
    public static Timing parse(JsonNode timing) {
        if (timing == null || timing.isNull() || !timing.isObject()) {
            throw invalid("timing", "timing is an object: {\"cron\": \"0 2 * * *\"} or a preset such as "
                    + "{\"preset\": \"daily\", \"at\": \"02:30\"}");
        }
        if (timing.has("cron")) {
            onlyFields(timing, Set.of("cron"));
            JsonNode cron = timing.get("cron");
            if (!cron.isTextual()) {
                throw new InvalidTimingException(Kind.CRON, "timing.cron", "timing.cron is a string");
            }
            CronExpressions.parse(cron.asText());
            return new Timing(cron.asText().trim().replaceAll("\\s+", " "), null);
        }
        JsonNode preset = timing.get("preset");
        if (preset == null || !preset.isTextual()) {
            throw invalid("timing", "timing needs either cron (a 5-field expression) or preset (hourly, daily, "
                    + "weekly or monthly)");
        }
        return switch (preset.asText()) {
            case "hourly" -> {
                onlyFields(timing, Set.of("preset", "minute"));
                yield new Timing(minute(timing.get("minute")) + " * * * *", null);
            }
            case "daily" -> {
                onlyFields(timing, Set.of("preset", "at"));
                yield new Timing(at(timing.get("at")) + " * * *", null);
            }
            case "weekly" -> {
                onlyFields(timing, Set.of("preset", "day", "at"));
                yield new Timing(at(timing.get("at")) + " * * " + weekday(timing.get("day")), null);
            }
            case "monthly" -> {
                onlyFields(timing, Set.of("preset", "day", "at"));
                int day = monthDay(timing.get("day"));
                yield day <= 28 ? new Timing(at(timing.get("at")) + " " + day + " * *", null)
                        : new Timing(at(timing.get("at")) + " 28-31 * *", day);
            }
            default -> throw invalid("timing.preset", "preset must be hourly, daily, weekly or monthly, not '"
                    + preset.asText() + "'");
        };
    }

    private static void onlyFields(JsonNode timing, Set<String> allowed) {
        for (Iterator<String> names = timing.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("timing." + name, "timing." + name + " does not belong here; this timing takes "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    private static int minute(JsonNode minute) {
        if (minute == null || minute.isNull()) {
            return 0;
        }
        if (!minute.isInt() || minute.asInt() < 0 || minute.asInt() > 59) {
            throw invalid("timing.minute", "timing.minute is a whole number from 0 to 59, not " + minute);
        }
        return minute.asInt();
    }

    /** "HH:MM" as the cron's "minute hour". */
    private static String at(JsonNode at) {
        if (at == null || at.isNull()) {
            return "0 0";
        }
        Matcher m = AT.matcher(at.isTextual() ? at.asText() : "");
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
            throw invalid("timing.at", "timing.at is a time of day HH:MM from 00:00 to 23:59, not " + at);
        }
        return Integer.parseInt(m.group(2)) + " " + Integer.parseInt(m.group(1));
    }

    private static int weekday(JsonNode day) {
        int index = day != null && day.isTextual() ? WEEKDAYS.indexOf(day.asText().toLowerCase(Locale.ROOT)) : -1;
        if (index < 0) {
            throw invalid("timing.day", "a weekly timing's day is a weekday name (monday ... sunday), not " + day);
        }
        return index;
    }

    private static int monthDay(JsonNode day) {
        if (day == null || !day.isInt() || day.asInt() < 1 || day.asInt() > 31) {
            throw invalid("timing.day", "a monthly timing's day is a whole number from 1 to 31, not " + day);
        }
        return day.asInt();
    }

    private static InvalidTimingException invalid(String field, String message) {
        return new InvalidTimingException(Kind.TIMING, field, message);
    }
}
