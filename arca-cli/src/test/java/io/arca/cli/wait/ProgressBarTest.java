package io.arca.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the bar says about a backup and a restore half-way, and that a completed job reads 100%. */
class ProgressBarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void backupHalfWayByTables() throws Exception {
        JobProgress p = JobProgress.of(JSON.readTree("{\"state\":\"running\",\"progress\":{\"phase\":\"dumping\","
                + "\"bytesRead\":10485760,\"tablesDone\":5,\"tablesTotal\":10}}"));
        assertThat(ProgressBar.render(p, Duration.ofSeconds(10)))
                .isEqualTo("[##########----------]  50%  dumping  10.0 MiB  1.0 MiB/s  5/10 tables  ETA 10s");
    }

    @Test
    void restoreByBytesAgainstThePreview() throws Exception {
        JobProgress p = JobProgress.of(JSON.readTree("{\"state\":\"running\",\"preview\":{\"bytesToLoad\":400},"
                + "\"progress\":{\"phase\":\"restoring\",\"bytesRestored\":100,\"tablesDone\":0,\"tablesTotal\":3}}"));
        assertThat(p.fraction()).isEqualTo(0.25);
        assertThat(ProgressBar.render(p, Duration.ofSeconds(3))).startsWith("[#####---")
                .contains(" 25%").contains("0/3 tables").contains("ETA 9s");
    }

    @Test
    void completedIsAFullBarWithoutEta() throws Exception {
        JobProgress p = JobProgress.of(JSON.readTree("{\"state\":\"completed\",\"progress\":{\"phase\":\"done\","
                + "\"tablesDone\":3,\"tablesTotal\":3}}"));
        assertThat(ProgressBar.render(p, Duration.ofSeconds(3)))
                .isEqualTo("[####################] 100%  done  3/3 tables");
        JobProgress unknown = JobProgress.of(JSON.readTree("{\"state\":\"queued\"}"));
        assertThat(ProgressBar.render(unknown, Duration.ZERO)).contains("  0%  queued");
        JobProgress big = JobProgress.of(JSON.readTree("{\"state\":\"running\",\"progress\":{\"phase\":"
                + "\"writing-manifest\",\"bytesRead\":1099511627776,\"tablesDone\":12345,\"tablesTotal\":99999}}"));
        assertThat(ProgressBar.render(big, Duration.ofSeconds(1))).hasSizeLessThanOrEqualTo(79);
    }
}
