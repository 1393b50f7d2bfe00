package io.arca.pg.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a database holds, in a form two databases can be compared by: per table (and materialized view) row count
 * and content checksum, sequence values, large objects (count and checksum over oids and contents), and the
 * definitions of views, functions, triggers, indexes and constraints. Keys are unquoted {@code schema.name};
 * definitions are rendered with an empty search_path, so every name in them is qualified.
 */
public record DatabaseFingerprint(SortedMap<String, TableChecksum> tables, SortedMap<String, String> sequences,
                                  SortedSet<String> views, SortedSet<String> materializedViews,
                                  SortedSet<String> functions, SortedSet<String> triggers,
                                  SortedSet<String> indexes, SortedSet<String> constraints,
                                  TableChecksum largeObjects) {

    public DatabaseFingerprint {
        tables = new TreeMap<>(tables);
        sequences = new TreeMap<>(sequences);
        views = new TreeSet<>(views);
        materializedViews = new TreeSet<>(materializedViews);
        functions = new TreeSet<>(functions);
        triggers = new TreeSet<>(triggers);
        indexes = new TreeSet<>(indexes);
        constraints = new TreeSet<>(constraints);
    }

    /** Human-readable differences from {@code other} (empty when equal). */
    public List<String> differencesFrom(DatabaseFingerprint other) {
        List<String> diffs = new ArrayList<>();
        diffMaps("table", tables, other.tables, diffs);
        diffMaps("sequence", sequences, other.sequences, diffs);
        diffSets("view", views, other.views, diffs);
        diffSets("materialized view", materializedViews, other.materializedViews, diffs);
        diffSets("function", functions, other.functions, diffs);
        diffSets("trigger", triggers, other.triggers, diffs);
        diffSets("index", indexes, other.indexes, diffs);
        diffSets("constraint", constraints, other.constraints, diffs);
        if (!largeObjects.equals(other.largeObjects)) {
            diffs.add("large objects: " + largeObjects + " vs " + other.largeObjects);
        }
        return diffs;
    }

    private static <V> void diffMaps(String what, Map<String, V> mine, Map<String, V> theirs, List<String> diffs) {
        Set<String> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        for (String k : keys) {
            if (!Objects.equals(mine.get(k), theirs.get(k))) {
                diffs.add(what + " " + k + ": " + mine.get(k) + " vs " + theirs.get(k));
            }
        }
    }

    private static void diffSets(String what, Set<String> mine, Set<String> theirs, List<String> diffs) {
        mine.stream().filter(x -> !theirs.contains(x)).forEach(x -> diffs.add(what + " only in this: " + x));
        theirs.stream().filter(x -> !mine.contains(x)).forEach(x -> diffs.add(what + " only in other: " + x));
    }
}
