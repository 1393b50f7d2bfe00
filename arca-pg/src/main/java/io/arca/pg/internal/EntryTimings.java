package io.arca.pg.internal;

import io.arca.pg.DumpEntry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The slowest entries of a dump or restore, for one log line: where the time went. */
public final class EntryTimings {
    private EntryTimings() {
    }

    /** E.g. {@code data/16385 4.31 s, post-data 2.02 s}: the {@code limit} slowest. */
    public static String slowest(List<DumpEntry> entries, Map<String, Duration> durations, int limit) {
        return entries.stream().filter(e -> durations.containsKey(e.name()))
                .sorted(Comparator.comparing((DumpEntry e) -> durations.get(e.name())).reversed())
                .limit(limit)
                .map(e -> e.name() + " " + String.format(Locale.ROOT, "%.2f s",
                        durations.get(e.name()).toMillis() / 1000.0))
                .collect(Collectors.joining(", "));
    }
}
