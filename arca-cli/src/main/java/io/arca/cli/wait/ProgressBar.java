package io.arca.cli.wait;

import io.arca.cli.output.Formats;
import java.time.Duration;
import java.util.Locale;

/**
 * One line of progress for a terminal, redrawn in place:
 * {@code backup 1f2e… [##########----------]  50%  dumping  12.3 MiB  5/10 tables  3.1 MiB/s  ETA 12s}. The rate
 * is over the whole run; the ETA extrapolates the fraction done (shown once something is done).
 */
final class ProgressBar {
    static final int WIDTH = 20;
    static final int MAX = 79;

    private ProgressBar() {
    }

    static String render(JobProgress p, Duration elapsed) {
        int filled = (int) Math.round(p.fraction() * WIDTH);
        StringBuilder line = new StringBuilder("[").append("#".repeat(filled))
                .append("-".repeat(WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%%", (int) Math.floor(p.fraction() * 100)))
                .append("  ").append(p.phase());
        if (p.bytes() > 0) {
            line.append("  ").append(Formats.bytes(p.bytes()));
            long seconds = Math.max(1, elapsed.toSeconds());
            line.append("  ").append(Formats.bytes(p.bytes() / seconds)).append("/s");
        }
        if (p.tablesTotal() > 0) {
            line.append("  ").append(p.tablesDone()).append('/').append(p.tablesTotal()).append(" tables");
        }
        if (p.fraction() > 0.02 && p.fraction() < 1) {
            long eta = (long) (elapsed.toMillis() * (1 - p.fraction()) / p.fraction());
            line.append("  ETA ").append(Formats.duration(Duration.ofMillis(eta)));
        }
        return line.length() <= MAX ? line.toString() : line.substring(0, MAX);
    }
}
