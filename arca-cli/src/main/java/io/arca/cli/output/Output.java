package io.arca.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.arca.cli.GlobalOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command prints on stdout, in the format asked for: a human table (default), the API's JSON objects
 * ({@code -o json}: stable, for scripts), or ids only ({@code -q}). Notes for people ("backup requested", progress)
 * go to stderr through {@link #note}, so stdout stays parseable in every mode.
 */
public final class Output {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final GlobalOptions.Format format;
    private final boolean quiet;
    private final PrintStream out;
    private final PrintStream err;

    public Output(GlobalOptions.Format format, boolean quiet, PrintStream out, PrintStream err) {
        this.format = format;
        this.quiet = quiet;
        this.out = out;
        this.err = err;
    }

    public boolean json() {
        return !quiet && format == GlobalOptions.Format.JSON;
    }

    public boolean quiet() {
        return quiet;
    }

    /** A list: a table of {@code columns}, a JSON array of the objects, or their {@code id}s. */
    public void list(JsonNode items, List<Column> columns) {
        if (quiet) {
            items.forEach(item -> out.println(item.path("id").asText()));
        } else if (json()) {
            print(items);
        } else {
            table(items, columns);
        }
    }

    /** One object: "field: value" lines for {@code fields}, the JSON object, or its {@code id}. */
    public void object(JsonNode node, List<Column> fields) {
        if (quiet) {
            out.println(node.path("id").asText());
        } else if (json()) {
            print(node);
        } else {
            int width = fields.stream().mapToInt(f -> f.header().length()).max().orElse(0);
            for (Column f : fields) {
                out.println(pad(f.header() + ":", width + 1) + " " + f.value().apply(node));
            }
        }
    }

    /** The JSON document as is (any mode but quiet). */
    public void print(JsonNode node) {
        try {
            out.println(PRETTY.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line for people, on stderr (not in quiet mode). */
    public void note(String text) {
        if (!quiet) {
            err.println(text);
        }
    }

    /** A line of human output on stdout (table mode only: JSON and quiet modes print their own). */
    public void line(String text) {
        if (!quiet && !json()) {
            out.println(text);
        }
    }

    private void table(JsonNode items, List<Column> columns) {
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(c -> c.header().toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
        items.forEach(item -> rows.add(columns.stream().map(c -> c.value().apply(item)).toArray(String[]::new)));
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]) + "  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
