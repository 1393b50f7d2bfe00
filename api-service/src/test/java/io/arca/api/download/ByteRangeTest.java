package io.arca.api.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.api.download.ByteRange.Part;
import io.arca.api.download.ByteRange.Unsatisfiable;
import io.arca.api.download.ByteRange.Whole;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    private static final long LENGTH = 1000;

    @Test
    void theThreeFormsOfASingleRange() {
        assertThat(ByteRange.of("bytes=0-99", LENGTH)).isEqualTo(new Part(0, 99, LENGTH));
        assertThat(ByteRange.of("bytes=500-", LENGTH)).isEqualTo(new Part(500, 999, LENGTH));
        assertThat(ByteRange.of("bytes=-100", LENGTH)).isEqualTo(new Part(900, 999, LENGTH));
        assertThat(ByteRange.of(" Bytes = 1 - 2 ", LENGTH)).isEqualTo(new Part(1, 2, LENGTH));
        assertThat(((Part) ByteRange.of("bytes=10-19", LENGTH)).contentRange()).isEqualTo("bytes 10-19/1000");
        assertThat(((Part) ByteRange.of("bytes=10-19", LENGTH)).length()).isEqualTo(10);
    }

    @Test
    void endsBeyondTheFileAreCut() {
        assertThat(ByteRange.of("bytes=990-5000", LENGTH)).isEqualTo(new Part(990, 999, LENGTH));
        assertThat(ByteRange.of("bytes=-5000", LENGTH)).isEqualTo(new Part(0, 999, LENGTH));
        assertThat(ByteRange.of("bytes=999-999", LENGTH)).isEqualTo(new Part(999, 999, LENGTH));
    }

    @Test
    void rangesOutsideTheFileAreUnsatisfiable() {
        assertThat(ByteRange.of("bytes=1000-", LENGTH)).isEqualTo(new Unsatisfiable(LENGTH));
        assertThat(ByteRange.of("bytes=1000-2000", LENGTH)).isEqualTo(new Unsatisfiable(LENGTH));
        assertThat(ByteRange.of("bytes=-0", LENGTH)).isEqualTo(new Unsatisfiable(LENGTH));
        assertThat(ByteRange.of("bytes=0-", 0)).isEqualTo(new Unsatisfiable(0));
        assertThat(ByteRange.of("bytes=-1", 0)).isEqualTo(new Unsatisfiable(0));
        assertThat(new Unsatisfiable(LENGTH).contentRange()).isEqualTo("bytes */1000");
    }

    @Test
    void whatIsNotOneWellFormedByteRangeIsIgnored() {
        for (String ignored : new String[] {null, "", "bytes=", "bytes=-", "bytes=5-2", "bytes=0-1,3-4", "items=0-1",
                "bytes=a-b", "bytes=0x10-20", "bytes=99999999999999999999-", "bytes 0-1"}) {
            assertThat(ByteRange.of(ignored, LENGTH)).as(String.valueOf(ignored)).isEqualTo(new Whole());
        }
    }
}
