package io.arca.api.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arca.api.backup.BackupDtos.BackupRequest;
import io.arca.api.backup.BackupDtos.CompressionRequest;
import io.arca.api.backup.BackupDtos.TablesRequest;
import io.arca.api.error.ProblemException;
import io.arca.jobs.options.BackupOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupOptionsValidatorTest {

    private static BackupRequest request(String type, TablesRequest tables, CompressionRequest compression) {
        return new BackupRequest(UUID.randomUUID(), type, tables, compression, null, null);
    }

    @Test
    void normalisesDefaults() {
        BackupOptions options = BackupOptionsValidator.validate(request(null, null, null));
        assertThat(options).isEqualTo(new BackupOptions("full",
                new BackupOptions.Tables(List.of(), List.of(), List.of()),
                new BackupOptions.Compression("zstd", 3), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"public.orders", "public.*", "*.*", "sales_2024.order$items", "\"My Schema\".\"Odd\"\"Name*\"",
            "ümlaut.tàble"})
    void acceptsPatterns(String pattern) {
        assertThat(BackupOptionsValidator.patterns(List.of(pattern), "tables.include")).containsExactly(pattern);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "public", "public.", ".orders", "a.b.c", "public.orders;drop", "public.or ders",
            "\"unterminated.x", "public.\t", "pub\u0000lic.x", "public.'x'"})
    void refusesPatterns(String pattern) {
        assertThatThrownBy(() -> BackupOptionsValidator.patterns(List.of("public.ok", pattern), "tables.exclude"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).field()).isEqualTo("tables.exclude[1]"));
    }

    @Test
    void compressionLevelsPerAlgorithm() {
        assertThat(BackupOptionsValidator.compression(new CompressionRequest("zstd", 19)).level()).isEqualTo(19);
        assertThat(BackupOptionsValidator.compression(new CompressionRequest("gzip", 1)).level()).isEqualTo(1);
        assertThat(BackupOptionsValidator.compression(new CompressionRequest("none", 0)).level()).isZero();
        for (var bad : List.of(new CompressionRequest("zstd", 0), new CompressionRequest("zstd", 20),
                new CompressionRequest("gzip", 0), new CompressionRequest("gzip", 10),
                new CompressionRequest("none", 1), new CompressionRequest("lz4", null))) {
            assertThatThrownBy(() -> BackupOptionsValidator.compression(bad)).isInstanceOf(ProblemException.class);
        }
    }
}
