package io.arca.pg;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table pattern from a backup or restore request, matched against real (unquoted) names, case-sensitively.
 *
 * <ul>
 *   <li>A pattern containing a dot is matched against {@code schema.table}, e.g. {@code public.film},
 *       {@code sales.*}, {@code my schema.Weird "Name" ü}.</li>
 *   <li>A pattern without a dot is matched against the table name in every schema, e.g. {@code payment*}.</li>
 *   <li>{@code *} matches any run of characters (also none, also dots); every other character, including
 *       {@code ?}, quotes and spaces, stands for itself. There is no escaping and no quoting: write names exactly as
 *       the catalog spells them.</li>
 * </ul>
 *
 * A relation matches when it or one of its partition ancestors matches, so {@code public.payment} selects the
 * partitioned table with all its partitions.
 */
public final class TablePattern {
    private final String text;
    private final boolean qualified;
    private final Pattern regex;

    private TablePattern(String text) {
        this.text = text;
        this.qualified = text.contains(".");
        StringBuilder re = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        this.regex = Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    public static TablePattern of(String text) {
        if (Objects.requireNonNull(text, "pattern").isBlank()) {
            throw new IllegalArgumentException("table pattern must not be blank");
        }
        return new TablePattern(text);
    }

    public boolean matches(String schema, String table) {
        return regex.matcher(qualified ? schema + "." + table : table).matches();
    }

    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TablePattern p && p.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
