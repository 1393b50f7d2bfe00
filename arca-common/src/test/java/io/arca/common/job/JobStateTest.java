package io.arca.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateTest {

    @Test
    void claimOnlyFromPendingOrQueued() {
        assertThat(JobState.PENDING.canMoveTo(JobState.RUNNING)).isTrue();
        assertThat(JobState.QUEUED.canMoveTo(JobState.RUNNING)).isTrue();
        assertThat(JobState.RUNNING.canMoveTo(JobState.RUNNING)).isFalse();
        assertThat(JobState.COMPLETED.canMoveTo(JobState.RUNNING)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
    void terminalStatesAllowNothing(JobState terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        assertThat(terminal.allowedNext()).isEmpty();
        assertThatThrownBy(() -> terminal.checkTransition(JobState.PENDING))
                .isInstanceOf(IllegalJobStateTransitionException.class)
                .hasMessageContaining(terminal.wireName());
    }

    @Test
    void orphanedRunningJobMayBeRequeued() {
        JobState.RUNNING.checkTransition(JobState.QUEUED);
        assertThat(JobState.QUEUED.isClaimable()).isTrue();
    }

    @Test
    void wireNamesRoundTrip() {
        for (JobState s : JobState.values()) {
            assertThat(JobState.fromWireName(s.wireName())).isEqualTo(s);
        }
        assertThatThrownBy(() -> JobState.fromWireName("bogus")).hasMessageContaining("bogus");
    }
}
