package io.arca.api.masterkey;

import io.arca.api.masterkey.MasterKeyDtos.KindCounts;
import io.arca.api.masterkey.MasterKeyDtos.UnreadableValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of one sweep over every sealed value, per kind, and the first values no configured key opens. */
final class SweepReport {
    /** Unreadable values listed by id at most; the counts stay exact beyond it. */
    static final int MAX_LISTED = 100;

    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final List<UnreadableValue> unreadable = new ArrayList<>();

    private long[] of(String kind) {
        // current, on a previous key, re-wrapped, unreadable
        return counts.computeIfAbsent(kind, k -> new long[4]);
    }

    void kind(String kind) {
        of(kind);
    }

    void current(String kind) {
        of(kind)[0]++;
    }

    void onPreviousKey(String kind) {
        of(kind)[1]++;
    }

    void rewrapped(String kind) {
        of(kind)[2]++;
    }

    void unreadable(String kind, String id, String reason) {
        of(kind)[3]++;
        if (unreadable.size() < MAX_LISTED) {
            unreadable.add(new UnreadableValue(kind, id, reason));
        }
    }

    List<KindCounts> kinds() {
        return counts.entrySet().stream().map(e -> new KindCounts(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3])).toList();
    }

    long onPreviousKeys() {
        return counts.values().stream().mapToLong(c -> c[1]).sum();
    }

    long rewrapped() {
        return counts.values().stream().mapToLong(c -> c[2]).sum();
    }

    long unreadableCount() {
        return counts.values().stream().mapToLong(c -> c[3]).sum();
    }

    List<UnreadableValue> unreadableListed() {
        return List.copyOf(unreadable);
    }
}
