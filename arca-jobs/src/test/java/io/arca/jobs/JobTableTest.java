package io.arca.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.common.job.JobKind;
import io.arca.common.job.JobState;
import org.junit.jupiter.api.Test;

class JobTableTest {

    @Test
    void everyJobKindHasOneTable() {
        for (JobKind kind : JobKind.values()) {
            assertThat(JobTable.of(kind).kind()).isEqualTo(kind);
        }
        assertThat(JobTable.values()).hasSameSizeAs(JobKind.values());
    }

    @Test
    void guardsComeFromTheStateMachine() {
        assertThat(JobTable.statesBefore(JobState.RUNNING)).containsExactly("pending", "queued");
        assertThat(JobTable.statesBefore(JobState.QUEUED)).containsExactly("running");
        assertThat(JobTable.statesBefore(JobState.COMPLETED)).containsExactly("running");
        assertThat(JobTable.statesBefore(JobState.FAILED)).containsExactly("pending", "queued", "running");
        assertThat(JobTable.statesBefore(JobState.PENDING)).isEmpty();
    }

    @Test
    void unfinishedStatesAreTheNonTerminalOnes() {
        assertThat(JobTable.unfinishedStates()).containsExactly("pending", "queued", "running");
    }

    @Test
    void eventTypesAreKindDotWhat() {
        assertThat(JobTable.BACKUPS.eventType(JobFact.STARTED)).isEqualTo("backup.started");
        assertThat(JobTable.RESTORES.eventType(JobFact.REQUESTED)).isEqualTo("restore.requested");
    }
}
