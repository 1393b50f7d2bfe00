package io.arca.retention;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One bucket rule of a policy while the evaluator walks the backups newest first: how many buckets it may still
 * use and the bucket of the last backup it kept. A bucket's label is also its identity ({@code 2026-11-30T14},
 * {@code 2026-W48}), so two backups share a bucket exactly when their labels are equal.
 */
final class Bucket {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM");

    private final String name;
    /** null for "last": every backup is a bucket of its own */
    private final Function<ZonedDateTime, String> label;
    private int remaining;
    private String lastKept;

    private Bucket(String name, int count, Function<ZonedDateTime, String> label) {
        this.name = name;
        this.remaining = count;
        this.label = label;
    }

    /** The policy's bucket rules in restic's order (last, hourly, daily, weekly, monthly, yearly); unused ones left out. */
    static List<Bucket> of(RetentionPolicy p) {
        List<Bucket> all = List.of(
                new Bucket("last", RetentionPolicy.n(p.keepLast()), null),
                new Bucket("hourly", RetentionPolicy.n(p.keepHourly()), HOUR::format),
                new Bucket("daily", RetentionPolicy.n(p.keepDaily()), DAY::format),
                new Bucket("weekly", RetentionPolicy.n(p.keepWeekly()), Bucket::isoWeek),
                new Bucket("monthly", RetentionPolicy.n(p.keepMonthly()), MONTH::format),
                new Bucket("yearly", RetentionPolicy.n(p.keepYearly()), t -> Integer.toString(t.getYear())));
        List<Bucket> used = new ArrayList<>();
        for (Bucket b : all) {
            if (b.remaining > 0) {
                used.add(b);
            }
        }
        return used;
    }

    /**
     * Offers the next backup (newest first). Keeps it when the rule has buckets left and the backup opens a new
     * bucket, or it is the oldest backup of all (restic keeps the oldest while counts are left).
     *
     * @return the rule that keeps it ({@code daily 2026-11-30}, {@code oldest daily 2026-11-30}, {@code last}), or
     *         null
     */
    String offer(ZonedDateTime time, int position, boolean oldest) {
        if (remaining <= 0) {
            return null;
        }
        String bucket = label == null ? Integer.toString(position) : label.apply(time);
        boolean sameBucket = bucket.equals(lastKept);
        if (sameBucket && !oldest) {
            return null;
        }
        lastKept = bucket;
        remaining--;
        String rule = label == null ? name : name + " " + bucket;
        return sameBucket ? "oldest " + rule : rule;
    }

    private static String isoWeek(ZonedDateTime t) {
        return String.format("%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
