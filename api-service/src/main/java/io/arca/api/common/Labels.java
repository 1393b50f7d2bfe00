package io.arca.api.common;

import io.arca.api.error.ProblemException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Validation of user labels ({@code {"env":"prod"}}) on sources and backups, and of {@code key:value} filters. */
public final class Labels {
    public static final int MAX_LABELS = 32;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
    private static final int MAX_VALUE_LENGTH = 255;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Labels() {
    }

    /** @return the labels, sorted by key; empty for null */
    public static Map<String, String> validate(Map<String, String> labels, String field) {
        Map<String, String> sorted = new TreeMap<>();
        if (labels == null) {
            return sorted;
        }
        if (labels.size() > MAX_LABELS) {
            throw ProblemException.invalid(field, "at most " + MAX_LABELS + " labels");
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            if (!KEY.matcher(key).matches()) {
                throw ProblemException.invalid(field,
                        "label keys are 1-63 characters of letters, digits, '.', '_', '/', '-'");
            }
            String value = label.getValue();
            if (value == null || value.length() > MAX_VALUE_LENGTH || CONTROL.matcher(value).find()) {
                throw ProblemException.invalid(field + "." + key,
                        "label values are strings of at most " + MAX_VALUE_LENGTH + " characters without control characters");
            }
            sorted.put(key, value);
        }
        return sorted;
    }

    /** Parses a {@code key:value} filter; null when absent. */
    public static Map.Entry<String, String> parseFilter(String filter, String field) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        int colon = filter.indexOf(':');
        if (colon < 1) {
            throw ProblemException.invalid(field, "label filter is key:value");
        }
        Map<String, String> one = validate(Map.of(filter.substring(0, colon), filter.substring(colon + 1)), field);
        return one.entrySet().iterator().next();
    }
}
