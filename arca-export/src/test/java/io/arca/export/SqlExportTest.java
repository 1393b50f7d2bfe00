package io.arca.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.arca.archive.read.BackupReader;
import io.arca.pg.PgConnectionSpec;
import io.arca.pg.verify.TableChecksums;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code sql} format of the stress backup, written to a file, decompressed with the system's gzip or zstd, loads
 * with {@code psql -v ON_ERROR_STOP=1 -f} into an empty database that then equals the source table by table (row
 * counts and content checksums), sequence by sequence, with the same indexes, constraints, triggers and large
 * objects.
 */
class SqlExportTest {

    @ParameterizedTest
    @CsvSource({"none, .sql, application/sql", "gzip, .sql.gz, application/gzip", "zstd, .sql.zst, application/zstd"})
    void loadsWithPsqlIntoAnEqualDatabase(String compression, String suffix, String contentType, @TempDir Path dir)
            throws Exception {
        StressBackup stress = StressBackup.get();
        Path file = dir.resolve("export" + suffix);
        try (BackupReader reader = stress.backup.reader()) {
            RenderedExport export = BackupExports.prepare(stress.backup.content(reader),
                    ExportRequest.parse("sql", compression, null));
            assertThat(export.contentType()).isEqualTo(contentType);
            assertThat(export.fileSuffix()).isEqualTo(suffix);
            try (OutputStream out = Files.newOutputStream(file)) {
                export.writeTo(out);
            }
            if (compression.equals("none")) {
                assertThat(export.length()).hasValue(Files.size(file));
            } else {
                assertThat(export.length()).isEmpty();
            }
        }
        Path script = switch (compression) {
            case "gzip" -> decompress(file, "gzip", "-d");
            case "zstd" -> decompress(file, "zstd", "-d", "-q");
            default -> file;
        };
        PgConnectionSpec target = TestPg.freshDatabase("arca export sql " + compression);
        TestPg.psql(target, script);
        assertThat(TableChecksums.capture(target).differencesFrom(stress.fingerprint)).isEmpty();
        assertThat(stress.fingerprint.tables().get("public.stress").rowCount()).isEqualTo(3006);
    }

    @Test
    void theScriptIsTheSameBytesEveryTimeAndItsLengthIsKnownFirst() throws Exception {
        StressBackup stress = StressBackup.get();
        try (BackupReader reader = stress.backup.reader()) {
            RenderedExport first = BackupExports.prepare(stress.backup.content(reader),
                    ExportRequest.parse("sql", "none", null));
            RenderedExport second = BackupExports.prepare(stress.backup.content(reader),
                    ExportRequest.parse("sql", "none", null));
            byte[] a = bytes(first);
            byte[] b = bytes(second);
            assertThat(a).hasSize((int) first.length().orElseThrow()).isEqualTo(b);
            String text = new String(a, StandardCharsets.UTF_8);
            // pg_restore's guard keys are fixed per backup (a random key per run would change bytes between ranges)
            assertThat(text).containsPattern("\\\\restrict [0-9a-f]{64}\n");
        }
    }

    static byte[] bytes(RenderedExport export) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.writeTo(out);
        return out.toByteArray();
    }

    private static Path decompress(Path file, String... command) throws Exception {
        Path plain = file.resolveSibling("export.sql");
        List<String> cmd = new java.util.ArrayList<>(List.of(command));
        cmd.add("-c");
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(plain.toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return plain;
    }
}
