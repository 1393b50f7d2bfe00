package io.arca.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * A year of synthetic completed backups, hourly at minute 17 (UTC) from 2025-12-01T00:17Z to 2026-11-30T23:17Z,
 * with gaps a real source has: a two-week holiday (2026-08-03 to 2026-08-16, ISO weeks 32 and 33 have none) and a
 * lost day (2026-11-28). And the survivor sets a policy should leave, derived from the calendar by grouping
 * (not by the evaluator's newest-first walk).
 */
final class YearOfBackups {
    static final Instant FIRST = Instant.parse("2025-12-01T00:17:00Z");
    static final Instant NEWEST = Instant.parse("2026-11-30T23:17:00Z");

    final List<RetentionCandidate> newestFirst = new ArrayList<>();

    YearOfBackups(Set<Instant> pinned) {
        for (Instant t = NEWEST; !t.isBefore(FIRST); t = t.minusSeconds(3600)) {
            LocalDate day = t.atZone(ZoneOffset.UTC).toLocalDate();
            boolean holiday = !day.isBefore(LocalDate.parse("2026-08-03")) && !day.isAfter(LocalDate.parse("2026-08-16"));
            if (holiday || day.equals(LocalDate.parse("2026-11-28"))) {
                continue;
            }
            newestFirst.add(new RetentionCandidate(UUID.nameUUIDFromBytes(t.toString().getBytes()), t,
                    pinned.contains(t)));
        }
    }

    List<RetentionCandidate> unpinned() {
        return newestFirst.stream().filter(c -> !c.pinned()).toList();
    }

    /**
     * The newest backup of each of the {@code n} newest buckets that hold a backup, where a backup's bucket is
     * {@code key} of its local time (text that sorts chronologically); when the backups span fewer than n buckets, the oldest backup too (restic keeps
     * the oldest while a rule has counts left).
     */
    Set<Instant> newestPerBucket(int n, ZoneId zone, Function<ZonedDateTime, String> key) {
        Map<String, Instant> newestOfBucket = new TreeMap<>(Comparator.reverseOrder());
        for (RetentionCandidate c : unpinned()) {
            newestOfBucket.merge(key.apply(c.time().atZone(zone)), c.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        Set<Instant> kept = new HashSet<>(newestOfBucket.values().stream().limit(n).toList());
        if (newestOfBucket.size() < n) {
            kept.add(unpinned().stream().map(RetentionCandidate::time).min(Comparator.naturalOrder()).orElseThrow());
        }
        return kept;
    }

    /** The newest {@code n} unpinned backups. */
    Set<Instant> newest(int n) {
        return new HashSet<>(unpinned().stream().limit(n).map(RetentionCandidate::time).toList());
    }

    @SafeVarargs
    static Set<Instant> union(Collection<Instant>... sets) {
        Set<Instant> all = new HashSet<>();
        for (Collection<Instant> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}
