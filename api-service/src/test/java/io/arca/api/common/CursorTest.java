package io.arca.api.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.api.error.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {
    @Test
    void roundTripsWithMicroseconds() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-22T03:04:05.123456Z"), UUID.randomUUID());
        assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(Cursor.decode(null)).isNull();
        assertThat(Cursor.decode("")).isNull();
    }

    @Test
    void refusesForgedCursorsAndBadLimits() {
        assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursor.decode("bm90OmE6Y3Vyc29y")).isInstanceOf(ProblemException.class);
        assertThat(Cursor.checkLimit(null)).isEqualTo(Cursor.DEFAULT_LIMIT);
        assertThat(Cursor.checkLimit("200")).isEqualTo(200);
        assertThatThrownBy(() -> Cursor.checkLimit("201")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursor.checkLimit("x")).isInstanceOf(ProblemException.class);
    }
}
