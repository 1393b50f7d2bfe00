package io.arca.api.console;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How console pages print numbers and times ({@code {b.storedSize.bytes}}, {@code {b.createdAt.ago}},
 * {@code {b.createdAt.utc}}): one place, so every page says sizes and ages the same way.
 */
@TemplateExtension
public final class Format {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** 1536 → "1.5 KiB"; null → "—". */
    public static String bytes(Long value) {
        if (value == null) {
            return "—";
        }
        double v = value;
        int unit = 0;
        while (Math.abs(v) >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? value + " B" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, UNITS[unit]);
    }

    /** "3 min ago", "in 2 h", "just now"; null → "never". */
    public static String ago(Instant at) {
        if (at == null) {
            return "never";
        }
        Duration d = Duration.between(at, Instant.now());
        String span = human(d.abs());
        if (d.abs().getSeconds() < 10) {
            return "just now";
        }
        return d.isNegative() ? "in " + span : span + " ago";
    }

    /** "2026-12-01 10:15 UTC"; null → "—". */
    public static String utc(Instant at) {
        return at == null ? "—" : UTC.format(at);
    }

    /** ISO-8601 instant for machine-readable attributes ({@code <time datetime>}); null → "". */
    public static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** "45 s", "12 min", "3 h", "4 d". */
    public static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 90) {
            return s + " s";
        }
        if (s < 90 * 60) {
            return (s / 60) + " min";
        }
        if (s < 36 * 3600) {
            return (s / 3600) + " h";
        }
        return (s / 86400) + " d";
    }

    /** 0.4567 → "46%"; null → "—". */
    public static String percent(Double ratio) {
        return ratio == null ? "—" : Math.round(ratio * 100) + "%";
    }

    /** 3.14159 → "3.1×"; null → "—". */
    public static String times(Double ratio) {
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.1f×", ratio);
    }
}
