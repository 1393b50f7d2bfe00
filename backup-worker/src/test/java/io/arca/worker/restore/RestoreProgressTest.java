package io.arca.worker.restore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The restore's phase moves to building-indexes once every table's rows are in, when there is post-data to apply. */
class RestoreProgressTest {

    @Test
    void theLastLoadedTableStartsTheIndexPhaseOfARestoreThatRebuildsTheSchema() {
        RestoreProgress progress = new RestoreProgress();
        progress.tablesTotal(2);
        progress.rebuildsSchema(true);
        progress.phase("restoring");

        progress.tableDone();
        assertThat(progress.phase()).isEqualTo("restoring");
        progress.tableDone();
        assertThat(progress.phase()).isEqualTo(RestoreProgress.BUILDING_INDEXES);
        assertThat(progress.eventData()).containsEntry("phase", "building-indexes");
    }

    @Test
    void aDataOnlyRestoreStaysInItsPhase() {
        RestoreProgress progress = new RestoreProgress();
        progress.tablesTotal(1);
        progress.rebuildsSchema(false);
        progress.phase("restoring");

        progress.tableDone();
        assertThat(progress.phase()).isEqualTo("restoring");
    }
}
