package io.arca.system.observability;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arca_* metric names PromQL uses, the names docs/operations.md's Metrics table documents, and the headings
 * (anchors) a runbook link can point at.
 */
final class MetricNames {
    private static final Pattern USED = Pattern.compile("(?<![A-Za-z0-9_:])arca_[A-Za-z0-9_]+");
    /** A Metrics table row: {@code | `arca_name` | type | ...}. */
    private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*`(arca_[A-Za-z0-9_]+)`\\s*\\|");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");
    /**
     * The series Prometheus derives from one documented metric: a histogram's {@code _bucket}, a histogram's or
     * summary's {@code _sum}/{@code _count}, Micrometer's {@code _max}, a counter's {@code _total} (when the table
     * writes the counter without it).
     */
    private static final List<String> DERIVED_SUFFIXES = List.of("_bucket", "_sum", "_count", "_max", "_total");

    private MetricNames() {
    }

    static Set<String> used(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = USED.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    static Set<String> documented(String markdown) {
        Set<String> names = new TreeSet<>();
        Matcher m = ROW.matcher(markdown);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The used names that are neither documented nor a series derived from a documented metric. */
    static Set<String> undocumented(Set<String> used, Set<String> documented) {
        Set<String> missing = new TreeSet<>();
        for (String name : used) {
            boolean derived = DERIVED_SUFFIXES.stream().anyMatch(suffix -> name.endsWith(suffix)
                    && documented.contains(name.substring(0, name.length() - suffix.length())));
            if (!documented.contains(name) && !derived) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** GitHub's anchors of the Markdown headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
