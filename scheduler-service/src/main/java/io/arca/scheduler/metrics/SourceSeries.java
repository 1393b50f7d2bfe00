package io.arca.scheduler.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The per-source series after the folding rule: the {@code limit} sources with the largest last-success age (the
 * ones an operator must see first) keep their own series; the rest fold into one {@value #OTHER} series whose ages are
 * the largest of the folded, bytes their sum and late/overdue the count of folded sources that are. Without folding
 * a fleet of 50,000 sources would be 250,000 series on every scrape.
 *
 * @param rows   the series to export: kept sources, then the folded aggregate when any source was folded
 * @param folded how many sources went into the aggregate
 */
record SourceSeries(List<SourceState> rows, int folded) {
    static final String OTHER = "_other";

    /** Oldest success first (largest age); ties by tenant and source, so the kept set is stable between refreshes. */
    private static final Comparator<SourceState> MOST_AT_RISK_FIRST = Comparator
            .comparing(SourceState::lastSuccessSince).thenComparing(SourceState::tenant)
            .thenComparing(SourceState::source);

    static SourceSeries fold(List<SourceState> sources, int limit) {
        List<SourceState> sorted = new ArrayList<>(sources);
        sorted.sort(MOST_AT_RISK_FIRST);
        int keep = Math.min(Math.max(0, limit), sorted.size());
        List<SourceState> rows = new ArrayList<>(sorted.subList(0, keep));
        List<SourceState> rest = sorted.subList(keep, sorted.size());
        if (!rest.isEmpty()) {
            rows.add(aggregate(rest));
        }
        return new SourceSeries(rows, rest.size());
    }

    private static SourceState aggregate(List<SourceState> folded) {
        Instant oldestSuccess = null;
        Instant oldestProof = null;
        long bytes = 0;
        int late = 0;
        int overdue = 0;
        for (SourceState s : folded) {
            oldestSuccess = earlier(oldestSuccess, s.lastSuccessSince());
            oldestProof = earlier(oldestProof, s.lastRestorableSince());
            bytes += s.lastBackupBytes();
            late += s.late();
            overdue += s.overdue();
        }
        return new SourceState(OTHER, OTHER, oldestSuccess, oldestProof, bytes, late, overdue);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
