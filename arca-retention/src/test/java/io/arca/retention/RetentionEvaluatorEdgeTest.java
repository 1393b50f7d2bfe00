package io.arca.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionEvaluatorEdgeTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private static RetentionCandidate backup(String time) {
        return new RetentionCandidate(UUID.randomUUID(), Instant.parse(time), false);
    }

    private static List<Boolean> keeps(RetentionPolicy policy, ZoneId zone, RetentionCandidate... newestFirst) {
        return RetentionEvaluator.evaluate(policy, zone, NOW, List.of(newestFirst)).stream()
                .map(RetentionVerdict::keep).toList();
    }

    @Test
    void noCandidatesNoVerdicts() {
        assertThat(RetentionEvaluator.evaluate(new RetentionPolicy(1, null, null, null, null, null, null, null),
                ZoneOffset.UTC, NOW, List.of())).isEmpty();
    }

    @Test
    void theRepeatedHourOfTheAutumnChangeIsOneHourlyBucketInTheZone() {
        // 2026-10-25 in Berlin: 02:17 CEST (00:17Z) and 02:17 CET (01:17Z) are both local hour 02
        RetentionPolicy hourly = new RetentionPolicy(null, 3, null, null, null, null, null, null);
        List<RetentionVerdict> verdicts = RetentionEvaluator.evaluate(hourly, ZoneId.of("Europe/Berlin"), NOW,
                List.of(backup("2026-10-25T02:17:00Z"), backup("2026-10-25T01:17:00Z"),
                        backup("2026-10-25T00:17:00Z"), backup("2026-10-24T23:17:00Z")));

        assertThat(verdicts).extracting(RetentionVerdict::rules).containsExactly(List.of("hourly 2026-10-25T03"),
                List.of("hourly 2026-10-25T02"), List.of(), List.of("hourly 2026-10-25T01"));
        assertThat(keeps(hourly, ZoneOffset.UTC, backup("2026-10-25T02:17:00Z"), backup("2026-10-25T01:17:00Z"),
                backup("2026-10-25T00:17:00Z"), backup("2026-10-24T23:17:00Z")))
                .as("in UTC the four are four hours; three kept").containsExactly(true, true, true, false);
    }

    @Test
    void aBackupDatedAfterNowIsNotTheNewestForKeepWithin() {
        RetentionPolicy within = new RetentionPolicy(null, null, null, null, null, null, "PT2H", null);

        assertThat(keeps(within, ZoneOffset.UTC, backup("2026-12-05T00:00:00Z"), backup("2026-11-30T11:00:00Z"),
                backup("2026-11-30T09:30:00Z"), backup("2026-11-30T08:00:00Z")))
                .as("measured from 11:00, the newest not in the future; the future one is after it, so kept")
                .containsExactly(true, true, true, false);
    }

    @Test
    void minKeepKeepsTheNewestWhenTheRulesKeepFewer() {
        RetentionPolicy policy = new RetentionPolicy(null, null, null, null, null, 2, null, 3);

        List<RetentionVerdict> verdicts = RetentionEvaluator.evaluate(policy, ZoneOffset.UTC, NOW,
                List.of(backup("2026-11-30T10:00:00Z"), backup("2026-11-30T09:00:00Z"),
                        backup("2026-11-29T09:00:00Z"), backup("2025-11-29T09:00:00Z")));

        assertThat(verdicts).extracting(RetentionVerdict::rules).containsExactly(List.of("yearly 2026"),
                List.of("minKeep"), List.of(), List.of("yearly 2025"));
    }
}
