package io.arca.api.console.schedule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One {@code <option>} of a select. */
public record Option(String value, String label, boolean selected) {

    static List<Option> of(List<String> values, String selected) {
        return values.stream().map(v -> new Option(v, v, Objects.equals(v, selected))).toList();
    }

    /** @param labels value → label, in order */
    static List<Option> of(Map<String, String> labels, String selected) {
        return labels.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), Objects.equals(e.getKey(), selected))).toList();
    }

    /** Value and label pairs, in order. */
    static List<Option> of(String selected, String... pairs) {
        return of(labels(pairs), selected);
    }

    /** The sources by name; {@code noneLabel}: a first option with the value "" (null: none). */
    static List<Option> sources(Map<UUID, String> names, String selected, String noneLabel) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (noneLabel != null) {
            labels.put("", noneLabel);
        }
        names.forEach((id, name) -> labels.put(id.toString(), name));
        return of(labels, selected == null ? "" : selected);
    }

    static Map<String, String> labels(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }
}
