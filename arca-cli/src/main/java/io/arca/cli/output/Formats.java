package io.arca.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How values look in human output: "-" for nothing, binary byte units, UTC times to the second. */
public final class Formats {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Formats() {
    }

    /** The node at a field name or JSON pointer. */
    public static JsonNode at(JsonNode node, String path) {
        return path.startsWith("/") ? node.at(path) : node.path(path);
    }

    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "-";
        }
        if (value.isContainerNode()) {
            return value.toString();
        }
        String text = value.asText();
        return text.isEmpty() ? "-" : text;
    }

    public static String bytes(JsonNode value) {
        return value == null || !value.isNumber() ? "-" : bytes(value.asLong());
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[unit]);
    }

    public static String time(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return "-";
        }
        try {
            return Instant.parse(value.asText()).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return value.asText();
        }
    }

    /** 45s, 12m 3s, 3h 20m, 2d 4h. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d " + (s % 86400 / 3600) + "h";
    }
}
