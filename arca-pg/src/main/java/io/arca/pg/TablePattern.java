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
 *       {@code ?}, quotes and spaces, stands for itself: write names exactly as the catalog spells them.</li>
 *   <li>The API's quoted form is understood too: {@code "My Schema"."t*"} or {@code public."Order"}, two parts of
 *       which at least one is double-quoted ({@code ""} stands for a quote inside). Each part is then matched
 *       against the schema and the table on its own, so a quoted part may hold dots; {@code *} stays a wildcard.</li>
 * </ul>
 *
 * A relation matches when it or one of its partition ancestors matches, so {@code public.payment} selects the
 * partitioned table with all its partitions.
 */
public final class TablePattern {
    private final String text;
    private final boolean qualified;
    private final Pattern regex;
    /** Set for the quoted form: the schema part and the table part, matched separately ({@link #regex} is null). */
    private final Pattern schemaRegex;
    private final Pattern tableRegex;

    private TablePattern(String text) {
        this.text = text;
        String[] parts = quotedParts(text);
        this.qualified = parts != null || text.contains(".");
        this.regex = parts == null ? wildcards(text) : null;
        this.schemaRegex = parts == null ? null : wildcards(parts[0]);
        this.tableRegex = parts == null ? null : wildcards(parts[1]);
    }

    private static Pattern wildcards(String text) {
        StringBuilder re = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /**
     * The schema and table parts of {@code "schema"."table"} (either part may be unquoted, at least one is quoted),
     * unescaped; null when the text is not of that form.
     */
    private static String[] quotedParts(String text) {
        String[] parts = new String[2];
        boolean anyQuoted = false;
        int i = 0;
        for (int n = 0; n < 2; n++) {
            StringBuilder part = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '"') {
                anyQuoted = true;
                i++;
                while (true) {
                    if (i >= text.length()) {
                        return null; // unterminated quote
                    }
                    char c = text.charAt(i++);
                    if (c != '"') {
                        part.append(c);
                    } else if (i < text.length() && text.charAt(i) == '"') {
                        part.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
            } else {
                while (i < text.length() && text.charAt(i) != '.') {
                    if (text.charAt(i) == '"') {
                        return null;
                    }
                    part.append(text.charAt(i++));
                }
            }
            if (part.isEmpty()) {
                return null;
            }
            parts[n] = part.toString();
            if (n == 0) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return anyQuoted && i == text.length() ? parts : null;
    }

    public static TablePattern of(String text) {
        if (Objects.requireNonNull(text, "pattern").isBlank()) {
            throw new IllegalArgumentException("table pattern must not be blank");
        }
        return new TablePattern(text);
    }

    public boolean matches(String schema, String table) {
        if (regex == null) {
            return schemaRegex.matcher(schema).matches() && tableRegex.matcher(table).matches();
        }
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
