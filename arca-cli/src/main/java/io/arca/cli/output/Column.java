package io.arca.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/** One column of a human table (or one line of a "show"): a header and how to print it from the API's object. */
public record Column(String header, Function<JsonNode, String> value) {

    /**
     * A column printing a field as text; {@code path} is a field name or a JSON pointer ({@code /progress/phase}).
     * Missing and null print as "-".
     */
    public static Column of(String header, String path) {
        return new Column(header, node -> Formats.text(Formats.at(node, path)));
    }

    /** A column printing a byte count field in binary units (12.3 MiB). */
    public static Column bytes(String header, String path) {
        return new Column(header, node -> Formats.bytes(Formats.at(node, path)));
    }

    /** A column printing a timestamp field as UTC to the second. */
    public static Column time(String header, String path) {
        return new Column(header, node -> Formats.time(Formats.at(node, path)));
    }
}
