package io.arca.common.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SqlStateReasonTest {

    @ParameterizedTest
    @CsvSource({
            "08001, UNREACHABLE", "08006, UNREACHABLE", "57P01, UNREACHABLE", "57P02, UNREACHABLE",
            "57P03, UNREACHABLE", "53300, UNREACHABLE", "28000, AUTH_FAILED", "28P01, AUTH_FAILED",
            "3D000, DATABASE_MISSING", "42501, PERMISSION_DENIED", "42P01, UNDEFINED_TABLE", "55P03, LOCK_TIMEOUT",
            "53100, DISK_FULL", "53200, OUT_OF_MEMORY", "57014, CANCELLED"})
    void knownStatesHaveTheirReason(String sqlState, SqlStateReason reason) {
        assertThat(SqlStateReason.of(sqlState)).contains(reason);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "XX000", "23505", "42601", "53000"})
    void otherStatesAreLeftToTheCaller(String sqlState) {
        assertThat(SqlStateReason.of(sqlState)).isEmpty();
    }
}
