package io.arca.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The folding rule of the per-source series (arca.metrics.source-series-limit). */
class SourceSeriesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private static SourceState source(String tenant, String name, long successMinutesAgo, long proofMinutesAgo,
            long bytes, int late, int overdue) {
        return new SourceState(tenant, name, T0.minusSeconds(successMinutesAgo * 60),
                T0.minusSeconds(proofMinutesAgo * 60), bytes, late, overdue);
    }

    @Test
    void withinTheLimitEverySourceKeepsItsSeriesAndNothingFolds() {
        List<SourceState> all = List.of(source("a", "x", 5, 5, 10, 0, 0), source("b", "y", 50, 7, 20, 1, 0));
        SourceSeries series = SourceSeries.fold(all, 2);
        assertThat(series.folded()).isZero();
        assertThat(series.rows()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(series.rows()).noneMatch(r -> r.source().equals(SourceSeries.OTHER));
    }

    @Test
    void theSourcesWithTheLargestLastSuccessAgeKeepTheirSeriesAndTheRestFold() {
        List<SourceState> all = List.of(
                source("a", "fresh", 1, 100, 10, 0, 0),
                source("a", "stale", 600, 3, 20, 1, 0),
                source("b", "older", 300, 900, 30, 0, 1),
                source("b", "recent", 2, 2000, 40, 1, 1));
        SourceSeries series = SourceSeries.fold(all, 2);

        assertThat(series.folded()).isEqualTo(2);
        assertThat(series.rows()).hasSize(3);
        assertThat(series.rows().subList(0, 2)).extracting(SourceState::source).containsExactly("stale", "older");
        SourceState other = series.rows().get(2);
        assertThat(other.tenant()).isEqualTo(SourceSeries.OTHER);
        assertThat(other.source()).isEqualTo(SourceSeries.OTHER);
        // ages: the largest of the folded (fresh: 1 min, recent: 2 min -> 2 min; proofs 100 and 2000 min -> 2000 min)
        assertThat(other.lastSuccessSince()).isEqualTo(T0.minusSeconds(2 * 60));
        assertThat(other.lastRestorableSince()).isEqualTo(T0.minusSeconds(2000 * 60));
        // bytes: the sum; late and overdue: how many of the folded are
        assertThat(other.lastBackupBytes()).isEqualTo(10 + 40);
        assertThat(other.late()).isEqualTo(1);
        assertThat(other.overdue()).isEqualTo(1);
    }

    @Test
    void aLimitOfZeroFoldsEverySource() {
        List<SourceState> all = List.of(source("a", "x", 5, 5, 10, 1, 0), source("b", "y", 50, 7, 20, 1, 1));
        SourceSeries series = SourceSeries.fold(all, 0);
        assertThat(series.folded()).isEqualTo(2);
        assertThat(series.rows()).singleElement().satisfies(o -> {
            assertThat(o.source()).isEqualTo(SourceSeries.OTHER);
            assertThat(o.late()).isEqualTo(2);
            assertThat(o.lastBackupBytes()).isEqualTo(30);
        });
    }

    @Test
    void equalAgesAreKeptInTenantAndSourceOrderSoTheKeptSetIsStable() {
        List<SourceState> all = new ArrayList<>();
        for (String name : List.of("d", "b", "c", "a")) {
            all.add(source("t", name, 10, 10, 1, 0, 0));
        }
        assertThat(SourceSeries.fold(all, 2).rows().subList(0, 2)).extracting(SourceState::source)
                .containsExactly("a", "b");
    }

    @Test
    void noSourcesNoSeries() {
        SourceSeries series = SourceSeries.fold(List.of(), 500);
        assertThat(series.rows()).isEmpty();
        assertThat(series.folded()).isZero();
    }
}
