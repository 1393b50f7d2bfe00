package io.arca.api.console.source;

import io.arca.api.backup.BackupDtos.BackupView;
import io.arca.api.console.Format;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The source page's chart: per backup, oldest on the left, a bar of its stored size and one of the new bytes it
 * added, both on one scale (the largest stored size), the newest at the right edge. Geometry is computed here so
 * the template only prints numbers into an inline SVG (no chart library, no script). A backup without a result
 * (failed, cancelled, running) gets a short marker at the baseline, coloured by its state.
 */
public record BackupTimeline(List<Slot> slots, long maxBytes, String firstLabel, String lastLabel) {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 180;
    /** The plot area starts below this many units of headroom; the baseline sits at HEIGHT. */
    static final int TOP = 10;
    static final int MARKER = 6;
    /** Widest column of one backup (its two bars and the gap), in the chart's 720 units. */
    static final double MAX_COLUMN = 40;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);

    /**
     * One backup's column.
     *
     * @param storedHeight  0 when it has no result
     * @param newHeight     0 when it has no result or added nothing
     * @param title         the accessible text of the column (date, state, sizes)
     */
    public record Slot(BackupView backup, double x, double barWidth, double storedY, double storedHeight,
                       double newX, double newY, double newHeight, boolean hasResult, String title) {
        public double markerY() {
            return HEIGHT - MARKER;
        }

        public int markerHeight() {
            return MARKER;
        }
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    /** @param newestFirst the backups as the list API returns them */
    public static BackupTimeline of(List<BackupView> newestFirst) {
        List<BackupView> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        long max = 0;
        for (BackupView b : oldestFirst) {
            max = Math.max(max, Math.max(stored(b), newBytes(b)));
        }
        int n = Math.max(oldestFirst.size(), 1);
        // a few backups get columns of a readable width, anchored at the right edge (now), not one giant bar
        double column = Math.min((double) WIDTH / n, MAX_COLUMN);
        double left = WIDTH - n * column;
        double barWidth = Math.max(column * 0.4, 1);
        double plot = HEIGHT - TOP;
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < oldestFirst.size(); i++) {
            BackupView b = oldestFirst.get(i);
            boolean hasResult = b.result() != null && b.result().storedSize() != null;
            double storedHeight = max == 0 || !hasResult ? 0 : plot * stored(b) / max;
            double newHeight = max == 0 || !hasResult ? 0 : plot * newBytes(b) / max;
            double x = left + i * column + column * 0.1;
            slots.add(new Slot(b, round(x), round(barWidth), round(HEIGHT - storedHeight), round(storedHeight),
                    round(x + barWidth), round(HEIGHT - newHeight), round(newHeight), hasResult, title(b)));
        }
        return new BackupTimeline(slots, max,
                oldestFirst.isEmpty() ? "" : LABEL.format(oldestFirst.get(0).createdAt()),
                oldestFirst.isEmpty() ? "" : LABEL.format(oldestFirst.get(oldestFirst.size() - 1).createdAt()));
    }

    private static String title(BackupView b) {
        StringBuilder text = new StringBuilder(LABEL.format(b.createdAt())).append(" UTC, ").append(b.state());
        if (b.result() != null && b.result().storedSize() != null) {
            text.append(": stored ").append(Format.bytes(stored(b))).append(", new ").append(Format.bytes(newBytes(b)));
        }
        return text.toString();
    }

    private static long stored(BackupView b) {
        return b.result() == null || b.result().storedSize() == null ? 0 : b.result().storedSize();
    }

    private static long newBytes(BackupView b) {
        return b.result() == null || b.result().newBytes() == null ? 0 : b.result().newBytes();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** For the label of the scale. */
    public String maxLabel() {
        return Format.bytes(maxBytes);
    }
}
