package io.arca.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which backups a policy keeps, as restic's {@code forget} does (internal/data/snapshot_policy.go,
 * {@code ApplyPolicy}); pure, no I/O.
 *
 * <p>Candidates are read newest first. Each bucket rule (last, hourly, daily, weekly, monthly, yearly) keeps a
 * backup whose bucket (its hour, day, ISO week, month or year in the policy's zone) differs from the bucket of the
 * last backup that rule kept, until the rule has used its n buckets; so each kept backup is the newest of its bucket.
 * When the oldest backup is reached and a rule still has buckets left, that rule keeps the oldest too ("oldest
 * daily ..."), which stretches the history kept, as restic does. {@code keepWithin} keeps every backup younger than
 * the duration measured back from the newest backup's time (not "now": a source that stopped backing up keeps its
 * last ones); its days are calendar days in the zone. A backup is kept when any rule keeps it.
 *
 * <p>Beyond restic: pinned backups are always kept and take no part in the rules (they use no bucket, do not count
 * as the newest for keepWithin and are not counted by minKeep: pinning never makes the policy keep less of the
 * rest). Then {@code minKeep}: while fewer than minKeep unpinned backups are kept, the newest unkept one is kept too.
 */
public final class RetentionEvaluator {
    private static final Comparator<RetentionCandidate> NEWEST_FIRST =
            Comparator.comparing(RetentionCandidate::time).reversed();

    private RetentionEvaluator() {
    }

    /**
     * @param candidates the scope's candidates; sorted newest first here (stable: equal times keep their order)
     * @param now        backups after now (a clock skew) are not taken as the newest for keepWithin, as in restic
     * @return one verdict per candidate, newest first
     */
    public static List<RetentionVerdict> evaluate(RetentionPolicy policy, ZoneId zone, Instant now,
            List<RetentionCandidate> candidates) {
        List<RetentionCandidate> sorted = new ArrayList<>(candidates);
        sorted.sort(NEWEST_FIRST);
        List<RetentionCandidate> counted = sorted.stream().filter(c -> !c.pinned()).toList();
        List<List<String>> rules = rulesOf(policy, zone, now, counted);
        applyMinKeep(RetentionPolicy.n(policy.minKeep()), rules);

        List<RetentionVerdict> verdicts = new ArrayList<>(sorted.size());
        int next = 0;
        for (RetentionCandidate c : sorted) {
            if (c.pinned()) {
                verdicts.add(new RetentionVerdict(c.id(), c.time(), true, true, List.of("pinned")));
            } else {
                List<String> kept = rules.get(next++);
                verdicts.add(new RetentionVerdict(c.id(), c.time(), false, !kept.isEmpty(), List.copyOf(kept)));
            }
        }
        return verdicts;
    }

    /** The rules keeping each of {@code counted} (newest first); an empty list: no rule keeps it. */
    private static List<List<String>> rulesOf(RetentionPolicy policy, ZoneId zone, Instant now,
            List<RetentionCandidate> counted) {
        List<List<String>> rules = new ArrayList<>(counted.size());
        if (counted.isEmpty()) {
            return rules;
        }
        Instant withinAfter = withinThreshold(policy.within(), zone, now, counted);
        List<Bucket> buckets = Bucket.of(policy);
        int oldest = counted.size() - 1;
        for (int nr = 0; nr < counted.size(); nr++) {
            RetentionCandidate c = counted.get(nr);
            List<String> kept = new ArrayList<>(2);
            if (withinAfter != null && c.time().isAfter(withinAfter)) {
                kept.add("within");
            }
            ZonedDateTime local = c.time().atZone(zone);
            for (Bucket b : buckets) {
                String rule = b.offer(local, nr, nr == oldest);
                if (rule != null) {
                    kept.add(rule);
                }
            }
            rules.add(kept);
        }
        return rules;
    }

    /**
     * keepWithin keeps backups strictly after this instant: the newest backup's time (ignoring any after now) minus
     * the duration, whole days subtracted as calendar days in the zone as restic's {@code AddDate} does. Null when the
     * policy has no keepWithin; when every backup lies after now (restic: the zero time), every backup is within.
     */
    private static Instant withinThreshold(Duration within, ZoneId zone, Instant now,
            List<RetentionCandidate> counted) {
        if (within == null) {
            return null;
        }
        Instant latest = counted.stream().map(RetentionCandidate::time).filter(t -> !t.isAfter(now))
                .max(Comparator.naturalOrder()).orElse(null);
        if (latest == null) {
            return Instant.MIN;
        }
        long days = within.toDays();
        return latest.atZone(zone).minusDays(days).minus(within.minusDays(days)).toInstant();
    }

    /** minKeep: keep the newest unkept backups until {@code minKeep} are kept (or all are). */
    private static void applyMinKeep(int minKeep, List<List<String>> rules) {
        long kept = rules.stream().filter(r -> !r.isEmpty()).count();
        for (int i = 0; i < rules.size() && kept < minKeep; i++) {
            if (rules.get(i).isEmpty()) {
                rules.get(i).add("minKeep");
                kept++;
            }
        }
    }
}
